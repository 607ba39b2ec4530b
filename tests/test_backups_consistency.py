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

"""The Backups panel's consistency: a column, a filter and a field on the
backup's page, read from the listing (requests counted)."""

from django.urls import reverse

from backup_dashboard import urlnames
from tests import helpers
from tests.test_backups_panel import backup_image
from tests.test_backups_panel import OTHER_ID
from tests.test_backups_panel import PanelTestCase


class ConsistencyColumnTests(PanelTestCase):

    def test_each_row_shows_its_label_at_no_extra_request(self):
        self.mock_listing([
            backup_image(self.server.id, name="a",
                         quick_backup_consistency="application"),
            backup_image(self.server.id, image_id=OTHER_ID, name="b",
                         quick_backup_consistency="crash")])
        self.mock_servers()

        res = self.client.get(self.index)

        self.assertEqual(2, self.http.call_count)
        self.assertContains(res, "Consistency")
        self.assertContains(res, "Application-consistent")
        self.assertContains(res, "Crash-consistent")

    def test_a_backup_older_than_the_label_is_unknown(self):
        self.mock_listing([self.image])  # no quick_backup_consistency
        self.mock_servers()
        res = self.client.get(self.index)
        self.assertContains(res, "Not recorded")
        self.assertNotContains(res, "Crash-consistent")

    def test_the_filter_is_one_glance_property_filter(self):
        listed = self.mock_listing([])
        self.mock_servers()
        for typed, value in (("crash", "crash"),
                             ("Application-consistent", "application"),
                             (" SHUTOFF ", "shutoff"),
                             ("nonsense", "nonsense")):
            self.client.post(self.index, {
                "backups__filter__q_field": "consistency",
                "backups__filter__q": typed})
            self.http.reset_mock()
            self.client.get(self.index)
            self.assertEqual(2, self.http.call_count)
            self.assertEqual([value], listed.last_request.qs[
                "quick_backup_consistency"])


class ConsistencyPageTests(PanelTestCase):

    def test_the_page_shows_the_label_and_what_it_means(self):
        self.mock_image(dict(self.image, quick_backup_consistency="shutoff"))
        self.mock_server_get()

        res = self.client.get(reverse(urlnames.BACKUP_DETAIL,
                                      args=[helpers.IMAGE_ID]))

        self.assertContains(res, "Shut off (consistent)")
        self.assertContains(res, "nothing wrote to its disk")
        self.assertEqual(2, self.http.call_count)
