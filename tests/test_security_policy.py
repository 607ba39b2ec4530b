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

"""Where Horizon's policy denies an action, its form refuses a request made
by URL alone (opened or sent), and nothing reaches the cloud: the hidden
buttons are tested with each action (test_actions, test_backups_actions)."""

from django.test.utils import override_settings
from django.urls import reverse

from backup_dashboard import policies
from backup_dashboard import urlnames
from backup_dashboard.panels.quick_backup import submissions
from tests import helpers
from tests.test_backups_actions import deny
from tests.test_backups_panel import PanelTestCase


class QuickBackupRefusedTests(PanelTestCase):

    def setUp(self):
        super().setUp()
        self.url = reverse(urlnames.QUICK_BACKUP, args=[self.server.id])
        self.backup = self.mock_backup()

    def submit(self, **fields):
        submission_id = submissions.new_submission_id()
        return self.client.post(self.url, dict({
            "instance_id": self.server.id, "instance_name": self.server.name,
            "name": "nightly", "description": "",
            "submission_id": submission_id,
            "owner": helpers.signed_owner(self, submission_id)}, **fields))

    def assert_refused(self, res):
        self.assertRedirectsNoFollow(res, reverse(urlnames.INSTANCES))
        self.assertEqual([("error", "You are not allowed to back up this "
                                    "instance.")], self.messages(res))
        self.assertEqual(0, self.posts())

    @override_settings(POLICY_CHECK_FUNCTION=deny(policies.CREATE_IMAGE))
    def test_the_form_opened_by_its_url_is_refused(self):
        self.mock_server_get()
        self.assert_refused(self.client.get(self.url))

    @override_settings(POLICY_CHECK_FUNCTION=deny(policies.CREATE_IMAGE))
    def test_the_form_sent_by_its_url_is_refused_and_nova_never_asked(self):
        self.assert_refused(self.submit())
        self.assertEqual(0, self.http.call_count)

    @override_settings(POLICY_CHECK_FUNCTION=deny(
        policies.CREATE_IMAGE_VOLUME_BACKED))
    def test_a_volume_backed_backup_needs_its_own_rule_when_sent(self):
        self.assert_refused(self.submit(volume_backed="True",
                                        volume_count="2"))

    @override_settings(POLICY_CHECK_FUNCTION=deny(
        policies.CREATE_IMAGE_VOLUME_BACKED))
    def test_an_image_backed_one_does_not_need_the_volume_backed_rule(self):
        res = self.submit()
        self.assertEqual("success", self.messages(res)[0][0])
        self.assertEqual(1, self.backup.call_count)


class RestoreRefusedTests(PanelTestCase):

    def setUp(self):
        super().setUp()
        self.url = reverse(urlnames.RESTORE, args=[self.image["id"]])
        self.mock_image(self.image)
        self.mock_server_get()
        self.rebuilt = self.http.post(self.server_url() + "/action",
                                      json={"server": self.server.to_dict()})

    def assert_refused(self, res):
        self.assertRedirectsNoFollow(res, reverse(urlnames.BACKUPS))
        self.assertEqual([("error", "You are not allowed to restore "
                                    "instances from backups.")],
                         self.messages(res))
        self.assertEqual(0, self.http.call_count)

    @override_settings(POLICY_CHECK_FUNCTION=deny(policies.REBUILD))
    def test_the_form_opened_by_its_url_is_refused(self):
        self.assert_refused(self.client.get(self.url))

    @override_settings(POLICY_CHECK_FUNCTION=deny(policies.REBUILD))
    def test_the_form_sent_by_its_url_is_refused_and_nothing_rebuilt(self):
        self.assert_refused(self.client.post(self.url, {
            "submission_id": submissions.new_submission_id()}))
        self.assertEqual(0, self.rebuilt.call_count)

    @override_settings(POLICY_CHECK_FUNCTION=deny(policies.DELETE_IMAGE))
    def test_another_rule_denied_does_not_refuse_it(self):
        res = self.client.post(self.url, {
            "submission_id": submissions.new_submission_id()})
        self.assertEqual(1, self.rebuilt.call_count)
        self.assertEqual("success", self.messages(res)[0][0])
