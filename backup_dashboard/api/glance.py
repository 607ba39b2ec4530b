"""Calls to Glance for Quick Backup: images found by their properties."""

from backup_dashboard.api import sessions

# Glance's largest page (api_limit_max's default).
PAGE = 1000


def images(request, filters):
    """Images whose properties match ``filters``, newest first.

    Glance applies property filters itself, before paging: one GET per
    thousand matches.
    """
    glance = sessions.adapter(request, "image")
    query = dict(filters, sort_key="created_at", sort_dir="desc", limit=PAGE)
    found, path = [], "/v2/images"
    while path:
        answer = glance.get(path, params=query).json()
        found += answer.get("images", [])
        path, query = answer.get("next"), None
    return found
