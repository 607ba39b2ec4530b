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

"""A busy instance's form, and backups Nova will never finish: shown as
failed and deletable, on the Backups panel and by the command, at no extra
request."""

from django.test.utils import override_settings
from django.urls import reverse

from backup_dashboard.panels.backups import tables as backup_tables
from tests import helpers
from tests.test_backups_panel import PanelTestCase
from tests.test_preview import PreviewTestCase

TASK_STATE = "OS-EXT-STS:task_state"
STUCK_TITLE = 'title="Nova stopped making this backup'


class BusyInstanceFormTests(PreviewTestCase):

    def test_a_busy_instance_blocks_the_form_with_its_one_read(self):
        busy = helpers.nova_server(self.server, id=self.server.id,
                                   **{TASK_STATE: "image_uploading"})

        res = self.open_form(busy)

        self.assertEqual(1, self.http.call_count)  # the GET, nothing more
        self.assertContains(res, "alert-danger")
        self.assertContains(res, "Another backup or task is running on "
                                 "instance &quot;%s&quot;" % self.server.name)
        self.assert_submit_offered(res, False)

    def test_an_idle_instance_offers_the_submit(self):
        res = self.open_form(helpers.nova_server(
            self.server, id=self.server.id, **{TASK_STATE: None}))
        self.assertNotContains(res, "Another backup or task")
        self.assert_submit_offered(res)


class StuckBackupTests(PanelTestCase):

    def stuck_image(self, minutes=61, status="queued"):
        return dict(self.image, status=status, size=None,
                    created_at=helpers.minutes_ago(minutes))

    def server_with(self, task):
        return helpers.nova_server(self.server, id=self.server.id,
                                   **{TASK_STATE: task})

    def test_a_backup_unfinished_past_the_bound_with_no_task_is_failed(self):
        self.mock_listing([self.stuck_image()])
        self.mock_servers([self.server_with(None)])

        res = self.client.get(self.index)

        self.assertEqual(2, self.http.call_count)  # as for any page
        self.assertContains(res, STUCK_TITLE)
        self.assertContains(res, "Failed")
        self.assertNotContains(res, "Queued")
        # Horizon polls rows of unknown status ("warning") only.
        self.assertContains(res, 'class="ajax-update status_down"')
        self.assertContains(res, "action_delete")

    def test_a_saving_backup_whose_instance_is_gone_is_failed(self):
        self.mock_listing([self.stuck_image(status="saving")])
        self.mock_servers([])
        res = self.client.get(self.index)
        self.assertContains(res, STUCK_TITLE)
        self.assertContains(res, "action_delete")

    def test_a_long_backup_whose_instance_still_has_the_task_is_not(self):
        self.mock_listing([self.stuck_image(minutes=300, status="saving")])
        self.mock_servers([self.server_with("image_uploading")])
        res = self.client.get(self.index)
        self.assertNotContains(res, STUCK_TITLE)
        self.assertContains(res, "Image Uploading")

    def test_a_backup_within_the_bound_is_still_being_made(self):
        self.mock_listing([self.stuck_image(minutes=30)])
        self.mock_servers([self.server_with(None)])
        res = self.client.get(self.index)
        self.assertNotContains(res, STUCK_TITLE)
        self.assertContains(res, "Queued")

    @override_settings(QUICK_BACKUP_STUCK_AFTER=600)
    def test_the_bound_is_the_operators(self):
        self.mock_listing([self.stuck_image(minutes=11)])
        self.mock_servers([self.server_with(None)])
        res = self.client.get(self.index)
        self.assertContains(res, STUCK_TITLE)

    def test_nothing_is_called_stuck_when_nova_cannot_say(self):
        self.mock_listing([self.stuck_image()])
        self.http.get(self.nova_url + "/servers/detail", status_code=503)
        res = self.client.get(self.index)
        self.assertNotContains(res, STUCK_TITLE)
        self.assertContains(res, "Queued")

    def test_a_row_update_shows_it_failed_and_stops(self):
        self.mock_image(self.stuck_image())
        self.mock_server_get(self.server_with(None))
        res = self.client.get(self.index + "?action=row_update&table="
                              "backups&obj_id=" + self.image["id"],
                              HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        self.assertEqual(2, self.http.call_count)
        self.assertContains(res, STUCK_TITLE)
        self.assertContains(res, 'class="ajax-update status_down"')

    def test_a_row_update_when_nova_fails_calls_nothing_stuck(self):
        self.mock_image(self.stuck_image())
        self.mock_server_get(status_code=503)
        res = self.client.get(self.index + "?action=row_update&table="
                              "backups&obj_id=" + self.image["id"],
                              HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        self.assertNotContains(res, STUCK_TITLE)
        self.assertContains(res, "Queued")

    def test_the_detail_page_says_why_it_failed(self):
        self.mock_image(self.stuck_image())
        self.mock_server_get(self.server_with(None))
        res = self.client.get(reverse("horizon:project:quick_backups:detail",
                                      args=[self.image["id"]]))
        self.assertContains(res, "Failed")
        self.assertContains(res, str(backup_tables.STUCK_HELP)[:40])

    def test_killed_is_failed_without_the_stuck_explanation(self):
        self.mock_listing([dict(self.image, status="killed")])
        self.mock_servers()
        res = self.client.get(self.index)
        self.assertContains(res, "Failed")
        self.assertNotContains(res, STUCK_TITLE)
