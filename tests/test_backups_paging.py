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

"""The Backups table's Next and Prev links at the ends of the list (Glance
links a next page to every full page, even the last)."""

import re

from tests.test_backups_panel import backup_image
from tests.test_backups_panel import PanelTestCase

PAGE = 20  # the table's rows per page
LINK = re.compile(r'href="\?(marker|prev_marker)=([^"&]*)"')


def ids(count):
    return ["5a5a5a5a-1111-4000-8000-%012d" % n for n in range(count)]


class EndsTests(PanelTestCase):

    def listing(self, image_ids, glance_next):
        answer = {"images": [backup_image(self.server.id, image_id=i)
                             for i in image_ids]}
        if glance_next:
            answer["next"] = "/v2/images?marker=" + image_ids[-1]
        self.mock_servers()
        return self.http.get(self.glance_url + "/v2/images", json=answer)

    def rows(self, res):
        return [backup.id for backup in res.context["table"].data]

    def links(self, res):
        """The table's Next (marker) and Prev (prev_marker) links."""
        return dict(LINK.findall(res.content.decode()))

    def test_a_full_last_page_offers_no_next_page(self):
        listed = self.listing(ids(PAGE), glance_next=False)
        res = self.client.get(self.index + "?marker=" + ids(PAGE + 1)[-1])
        self.assertEqual(ids(PAGE), self.rows(res))
        self.assertEqual({"prev_marker": ids(1)[0]}, self.links(res))
        self.assertEqual([str(PAGE + 1)], listed.last_request.qs["limit"])
        self.assertEqual(2, self.http.call_count)  # Glance once, Nova once

    def test_the_image_beyond_the_page_is_not_shown_and_not_the_marker(self):
        self.listing(ids(PAGE + 1), glance_next=True)
        res = self.client.get(self.index)
        self.assertEqual(ids(PAGE), self.rows(res))
        self.assertEqual({"marker": ids(PAGE)[-1]}, self.links(res))
        self.assertNotIn(ids(PAGE + 1)[-1], res.content.decode())

    def test_prev_back_to_a_full_first_page_offers_no_prev_page(self):
        # Backward, Glance answers oldest first: the table shows newest.
        listed = self.listing(ids(PAGE)[::-1], glance_next=False)
        res = self.client.get(self.index + "?prev_marker=x")
        self.assertEqual(ids(PAGE), self.rows(res))
        self.assertEqual({"marker": ids(PAGE)[-1]}, self.links(res))
        self.assertEqual(["asc"], listed.last_request.qs["sort_dir"])
        self.assertEqual([str(PAGE + 1)], listed.last_request.qs["limit"])
        self.assertEqual(["x"], listed.last_request.qs["marker"])
