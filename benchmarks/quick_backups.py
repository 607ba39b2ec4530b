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

"""A project's Quick Backups in bulk (100 or 10,000 of one instance of the
demo or alt project, written by devcloud.bulk_images), Glance's own order
of them, and the rows and paging links of a Backups page."""

import re
from urllib import parse

from devcloud.bootstrap import ALT_SERVER
from devcloud.bootstrap import login
from devcloud import bulk_images
from quick_backup_client import backup_images
from tests.integration.cloud import IMAGE

COUNTS = (100, 10000)
#: Per user: the info keys of the project and its servers, and the
#: instance the bulk backups are of.
PROJECTS = {"demo": ("demo_project_id", "servers", "web-1"),
            "alt": ("alt_project_id", "alt_servers", ALT_SERVER)}
ROW = re.compile(r'<tr[^>]* data-object-id="([^"]+)"')
LINK = re.compile(r'href="\?(marker|prev_marker)=([^"&]*)"')


def panel_query(project_id, limit):
    """The Glance query of the panel's first page (``backup_images``; the
    panel asks for one image beyond its page).
    """
    return dict(backup_images.backup_filters(project_id),
                sort_key="created_at", sort_dir="desc", limit=limit)


def glance_order(session, project_id):
    """The ids of the project's Quick Backups in Glance's own order (the
    panel's query, newest first), a thousand per GET.
    """
    query = panel_query(project_id, backup_images.PAGE)
    ids, path = [], "/v2/images"
    while path:
        answer = session.get(path, endpoint_filter=IMAGE,
                             params=query).json()
        ids += [image["id"] for image in answer["images"]]
        path, query = answer.get("next"), None
    return ids


def first_page(session, project_id, size):
    """The ids of the project's ``size`` newest Quick Backups (one GET)."""
    return [image["id"] for image in session.get(
        "/v2/images", endpoint_filter=IMAGE,
        params=panel_query(project_id, size)).json()["images"]]


def page_rows(page):
    """The backup ids of a Backups page's rows, top to bottom."""
    return ROW.findall(page)


def page_links(page):
    """``{"marker": id, "prev_marker": id}``: the page's Next and Prev
    links, those it has.
    """
    return {name: parse.unquote_plus(value)
            for name, value in LINK.findall(page)}


class BulkBackups:
    """The bulk Quick Backups of the project of ``who`` (a user in
    ``PROJECTS``): ``make(count)`` adds or takes back the newest, so that
    ``count`` are there; ``ids``, oldest first. ``session`` is the user's
    Keystone session.
    """

    def __init__(self, cloud, who="demo"):
        project, servers, server = PROJECTS[who]
        self.layout = cloud.layout
        self.session = login(cloud.info["auth_url"], cloud.info[who])
        self.project_id = cloud.info[project]
        self.instance = (cloud.info[servers][server], server)
        self.user_id = self.session.get_user_id()
        self.ids = []  # oldest first

    def make(self, count):
        if count < len(self.ids):
            bulk_images.remove_images(self.layout, self.ids[count:])
            del self.ids[count:]
        elif count > len(self.ids):
            self.ids += bulk_images.add_images(
                self.layout, self.project_id, count - len(self.ids),
                user_id=self.user_id, start=len(self.ids),
                instance=self.instance)
        return self.ids

    def remove(self):
        self.make(0)
