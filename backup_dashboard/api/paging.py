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

"""Reading a Nova or Cinder list past its first page.

Both answer at most their largest page (``[api] max_limit`` in Nova,
``osapi_max_limit`` in Cinder: 1,000 by default, whatever ``limit`` asks)
and, when a page is full, add ``<collection>_links`` with a ``next`` link
whose query holds the marker of the following page.
"""

from urllib import parse

# Nova's and Cinder's largest page by default: one request for a project
# with fewer items.
PAGE = 1000


def next_marker(links):
    """The marker of the ``next`` link among ``links``; None on the last
    page.
    """
    for link in links or ():
        if link.get("rel") == "next":
            markers = parse.parse_qs(parse.urlsplit(
                link.get("href", "")).query).get("marker")
            return markers[-1] if markers else None
    return None


def collection(get, path, key, wanted=None, limit=PAGE):
    """The items of ``key`` (``servers``, ``volumes``...) at ``path``, by
    id: ``get(path, params)`` returns one page's body. Pages are read until
    the last, or until every id in ``wanted`` (when given) has been seen:
    one request below ``limit`` items, one more for each further ``limit``
    read.
    """
    wanted = None if wanted is None else set(wanted)
    found, params, seen = {}, {"limit": limit}, set()
    while True:
        body = get(path, dict(params))
        for item in body.get(key) or ():
            found[item["id"]] = item
        marker = next_marker(body.get(key + "_links"))
        if marker is None or marker in seen or (
                wanted is not None and wanted <= found.keys()):
            return found
        seen.add(marker)  # a service that repeats itself is not followed
        params["marker"] = marker
