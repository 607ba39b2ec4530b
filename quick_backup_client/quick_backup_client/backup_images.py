# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.

"""The project's Quick Backups in Glance, found by their image properties.

Plain Python over a keystoneauth adapter for the image service, no Django:
the dashboard (``api/glance.py``, on the user's token) and the ``openstack``
command (on its own session) send the same queries. Glance applies every
unknown query parameter as an exact property filter, before paging, so a
listing of Quick Backups costs the same whatever else the project holds.
"""

from urllib import parse

from quick_backup_server import protocol

# Glance's largest page (api_limit_max's default), and how many pages one
# call follows at most.
PAGE = 1000
MAX_PAGES = 50
# How many pages of only inherited markers a listing skips at most.
SKIP_PAGES = 5


class NoProject(ValueError):
    """The token names no project: without an owner to filter on, Glance
    would list every project's backups the token may see.
    """


def backup_filters(project_id, filters=None):
    """Glance's filters for the project's Quick Backups (and ``filters``,
    such as ``{protocol.INSTANCE_PROPERTY: server_id}``).
    """
    if not project_id:
        raise NoProject()
    query = dict(filters or {}, owner=project_id)
    query[protocol.MARKER_PROPERTY] = protocol.MARKER_VALUE
    return query


def images(glance, filters):
    """Every image whose properties match ``filters``, newest first (one GET
    per thousand).
    """
    query = dict(filters, sort_key="created_at", sort_dir="desc", limit=PAGE)
    found, path = [], "/v2/images"
    for _page in range(MAX_PAGES):
        answer = glance.get(path, params=query).json()
        found += answer.get("images", [])
        path, query = answer.get("next"), None
        # Only Glance's own relative links, on the same API.
        if not (isinstance(path, str) and path.startswith("/v2/images?")):
            break
    return found


def backups(glance, project_id, filters=None):
    """Every Quick Backup of the project, newest first (one GET per
    thousand); images that merely inherited the marker are left out.
    """
    return [image for image in images(glance,
                                      backup_filters(project_id, filters))
            if protocol.is_quick_backup(image)]


def backups_page(glance, project_id, filters=None, marker=None, limit=20,
                 backward=False):
    """One page of the project's Quick Backups, newest first (one GET).

    Returns ``(images, more)``: ``more`` says whether a page follows in the
    direction asked (``backward`` pages towards newer ones). Glance is asked
    for one image beyond the page: it links a ``next`` page to every full
    page, so the last page (or the first, paging backward), when full,
    would offer a page with nothing on it. Images that merely inherited the
    marker are left out; a page with nothing else costs one more GET (a
    few at most).
    """
    query = dict(backup_filters(project_id, filters), sort_key="created_at",
                 sort_dir="asc" if backward else "desc", limit=limit + 1)
    for _page in range(SKIP_PAGES):
        if marker:
            query["marker"] = marker
        answer = glance.get("/v2/images", params=query).json()
        found = answer.get("images", [])
        shown = found[:limit]
        # More than the page, or a Glance whose largest page is smaller.
        more = len(found) > limit or "next" in answer
        kept = [image for image in shown if protocol.is_quick_backup(image)]
        # A page of nothing but inherited markers would hide the rest.
        if kept or not shown or not more:
            break
        marker = shown[-1]["id"]
    if backward:
        kept.reverse()
    return kept, more


def image_get(glance, image_id):
    """One image (one GET); ``image_id`` is quoted, never a path."""
    return glance.get("/v2/images/%s" % parse.quote(image_id, safe="")).json()


def image_delete(glance, image_id):
    """Delete one image (one DELETE); ``image_id`` is quoted, never a path."""
    glance.delete("/v2/images/%s" % parse.quote(image_id, safe=""))
