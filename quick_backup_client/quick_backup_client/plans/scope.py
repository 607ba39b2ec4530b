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


"""What a Mistral listing holds for a plan: every page of it, and only the
client's own project's items (Mistral lists every project's to a user with
the admin role).
"""

# Mistral answers at most its ``[api] max_limit`` (1,000 by default) a
# request.
LIST_PAGE, LIST_PAGES = 1000, 20


def project(mistral):
    """The project the client acts in, or None if it cannot tell (from the
    HTTP client its managers share: python-mistralclient's client keeps
    none of its own).
    """
    http = getattr(getattr(mistral, "environments", None), "http_client",
                   None)
    project_id = getattr(http, "project_id", None)
    session = getattr(http, "session", None)
    if not project_id and session is not None:
        try:
            project_id = session.get_project_id()
        except Exception:  # noqa: no project known, no filter
            project_id = None
    return project_id if isinstance(project_id, str) else None


def own(mistral, resources):
    """Those of ``resources`` that are the client's project's: Mistral
    lists every project's to a user with the admin role.
    """
    project_id = project(mistral)
    return [resource for resource in resources
            if not project_id or getattr(resource, "project_id", None)
            in (None, project_id)]


def every(manager, by_name=False):
    """Every item of a Mistral listing: Mistral answers at most its
    ``[api] max_limit`` (1,000 by default) a request, so one request per
    ``LIST_PAGE`` (a few at most). ``by_name``: in name order, each page
    after the last one's name (``name=gt:``): environments, which
    Mistral's ``marker`` cannot page (it must be a UUID, then looked up as
    an environment's name).
    """
    found, marker, after = [], "", {}
    for _page in range(LIST_PAGES):
        if by_name:
            page = manager.list(limit=LIST_PAGE, sort_keys="name",
                                sort_dirs="asc", **after)
        else:
            page = manager.list(marker=marker, limit=LIST_PAGE)
        found += page
        if len(page) < LIST_PAGE:
            break
        if by_name:
            after = {"name": "gt:" + page[-1].name}
        else:
            marker = page[-1].id
    return found
