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

"""The Backups table's Plan column: from the backup's own properties, with
no request more than before."""

from django.urls import reverse

from backup_dashboard import urlnames
from quick_backup_server import protocol
from tests import test_backups_panel

PLAN_ID = "5f1e2d3c-4b5a-4968-8776-655443322110"


class PlanColumnTests(test_backups_panel.PanelTestCase):

    def test_a_plans_backup_links_to_its_plan_at_no_extra_cost(self):
        made = test_backups_panel.backup_image(self.server.id, **{
            protocol.PLAN_PROPERTY: PLAN_ID,
            protocol.PLAN_NAME_PROPERTY: "<b>nightly</b>"})
        self.mock_listing([made, self.image])
        self.mock_servers()

        res = self.client.get(self.index)

        self.assertEqual(2, self.http.call_count)
        self.assertContains(res, '<a href="%s">&lt;b&gt;nightly&lt;/b&gt;'
                            '</a>' % reverse(urlnames.PLAN_DETAIL,
                                             args=[PLAN_ID]))
        self.assertNotContains(res, "<b>nightly</b>")

    def test_a_plan_id_that_is_no_uuid_is_named_not_linked(self):
        made = test_backups_panel.backup_image(self.server.id, **{
            protocol.PLAN_PROPERTY: "../x", protocol.PLAN_NAME_PROPERTY: "p"})
        self.mock_listing([made])
        self.mock_servers()
        res = self.client.get(self.index)
        self.assertNotContains(res, "/backup_plans/../x")
        self.assertEqual(200, res.status_code)
