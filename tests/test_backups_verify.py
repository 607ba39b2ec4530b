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

"""Verify on the Backups panel through Django's test client: the action,
the badge, a verifying row's update, and what each costs."""

from unittest import mock
from urllib import parse

from django.test.utils import override_settings
from django.urls import reverse

from backup_dashboard.panels.quick_backup import submissions
from backup_dashboard import policies
from backup_dashboard import urlnames
from quick_backup_server import protocol
from tests.test_backups_panel import PanelTestCase
from tests.test_backups_panel import volume_backed

TEST_SERVER = "9d0e1f2a-3333-4b5c-8d6e-7f8a9b0c1d2e"
ROOMY = {"maxTotalInstances": 10, "totalInstancesUsed": 1}


def deny(*denied):
    def check(rules, request, target=None):
        return not any(rule in denied for rule in rules)
    return check


class VerifyTestCase(PanelTestCase):

    def setUp(self):
        super().setUp()
        self.nova_path = parse.urlparse(self.nova_url).path

    def verifying(self, **properties):
        return dict(self.image, **dict({
            protocol.VERIFY_SERVER_PROPERTY: TEST_SERVER,
            protocol.VERIFIED_PROPERTY: protocol.VERIFYING,
            protocol.VERIFY_STARTED_PROPERTY: "2099-01-01T00:00:00Z"},
            **properties))

    def verify(self, image, limits=ROOMY, boot=None):
        self.mock_listing([image])
        self.mock_servers()
        self.http.get(self.nova_url + "/limits",
                      json={"limits": {"absolute": limits}})
        self.http.get(self.nova_url + "/flavors/detail", json={"flavors": [
            {"id": "tiny", "ram": 512, "vcpus": 1, "disk": 1}]})
        self.http.post(self.nova_url + "/servers", **(boot or {
            "status_code": 202, "json": {"server": {"id": TEST_SERVER}}}))
        self.http.patch(self.glance_url + "/v2/images/" + image["id"],
                        json=self.verifying())
        return self.client.post(self.index, {
            "action": "backups__verify__" + image["id"]})

    def sent(self, method):
        return [r.path for r in self.http.request_history
                if r.method == method]

    def row_update(self):
        return self.client.get(
            self.index + "?action=row_update&table=backups&obj_id=" +
            self.image["id"], HTTP_X_REQUESTED_WITH="XMLHttpRequest")


class VerifyActionTests(VerifyTestCase):

    def test_verify_boots_an_isolated_test_instance_and_records_it(self):
        res = self.verify(self.image)
        self.assertRedirectsNoFollow(res, self.index)
        self.assertEqual([self.nova_path + "/servers"], self.sent("POST"))
        boot = [r for r in self.http.request_history
                if r.method == "POST"][0]
        self.assertEqual("none", boot.json()["server"]["networks"])
        self.assertEqual(["/v2/images/" + self.image["id"]],
                         self.sent("PATCH"))

    def test_a_click_sent_again_while_its_first_send_starts_boots_nothing(
            self):
        with mock.patch.object(submissions, "claim", return_value=False):
            res = self.verify(self.image)
        self.assertRedirectsNoFollow(res, self.index)
        self.assertEqual([], self.sent("POST"))
        self.assertEqual([], self.sent("PATCH"))

    def test_the_start_of_a_test_restore_holds_its_claim_only_meanwhile(
            self):
        with mock.patch.object(submissions, "release") as release:
            self.verify(self.image)
        self.assertEqual(1, release.call_count)
        self.assertEqual(("verify",), release.call_args[0][2:])

    def test_no_room_in_the_quota_is_said_clearly_and_nothing_booted(self):
        res = self.verify(self.image, dict(ROOMY, totalInstancesUsed=10))
        self.assertEqual([], self.sent("POST"))
        self.assertIn(("error", "There is no room in your project's quota "
                       "for the test instance, so it was not started: it "
                       "needs 1 instances, 0 left."), self.messages(res))

    def test_no_room_is_said_once_without_horizons_generic_message(self):
        res = self.verify(self.image, dict(ROOMY, totalInstancesUsed=10))
        self.assertEqual(1, len(self.messages(res)))

    def test_a_boot_refused_by_policy_says_that_verify_needs_to_boot(self):
        res = self.verify(self.image, boot={"status_code": 403})
        self.assertEqual([("error", 'Unable to verify backup "%s": you are '
                           'not allowed to create instances, which a test '
                           'restore needs.' % self.image["name"])],
                         self.messages(res))
        self.assertEqual([], self.sent("PATCH"))

    def test_a_boot_whose_answer_is_lost_is_said_and_followed_as_pending(
            self):
        self.http.get(self.nova_url + "/servers/detail",
                      json={"servers": []})
        res = self.verify(self.image, boot={"status_code": 503})
        self.assertEqual([("error", 'Unable to tell whether the test '
                           'restore of backup "%s" started: the Compute '
                           'service did not answer as expected. The '
                           'Verified column shows it if it did.'
                           % self.image["name"])], self.messages(res))
        pending = [r.json() for r in self.http.request_history
                   if r.method == "PATCH"]
        self.assertIn({"op": "add", "path": "/" +
                       protocol.VERIFY_SERVER_PROPERTY,
                       "value": protocol.VERIFY_PENDING}, pending[0])

    def test_verify_is_offered_for_an_active_backup_where_policy_allows(
            self):
        self.mock_listing([self.image])
        self.mock_servers()
        self.assertContains(self.client.get(self.index), "action_verify")

    @override_settings(POLICY_CHECK_FUNCTION=deny(policies.LAUNCH))
    def test_verify_is_not_offered_without_the_right_to_boot(self):
        self.mock_listing([self.image])
        self.mock_servers()
        self.assertNotContains(self.client.get(self.index), "action_verify")

    def test_verify_is_not_offered_while_it_runs_nor_for_a_saving_backup(
            self):
        self.mock_listing([self.verifying(),
                           dict(self.image, id="x", status="saving")])
        self.mock_servers()
        self.assertNotContains(self.client.get(self.index), "action_verify")


class BadgeTests(VerifyTestCase):

    def test_badges_cost_the_listing_nothing_and_show_the_test_instance(
            self):
        passed = dict(self.image, id="a", **{
            protocol.VERIFIED_PROPERTY: protocol.VERIFIED_PASSED,
            protocol.VERIFIED_AT_PROPERTY: "2026-11-23T10:00:00Z"})
        failed = dict(self.image, id="b", **{
            protocol.VERIFIED_PROPERTY: protocol.VERIFIED_FAILED,
            protocol.VERIFIED_REASON_PROPERTY: "no_host"})
        self.mock_listing([self.verifying(), passed, failed])
        self.mock_servers([self.server, type(self.server)(
            self.server.manager, {"id": TEST_SERVER, "status": "BUILD",
                                  "name": "quick-backup-verify-x"},
            loaded=True)])
        res = self.client.get(self.index)
        self.assertEqual(2, self.http.call_count)
        self.assertContains(res, '<span class="label label-info">Verifying '
                                 '(test instance BUILD)</span>')
        self.assertContains(res, "Verified ")
        self.assertContains(res, "Verify failed: the Compute service found "
                                 "no host for the test instance")

    def test_only_a_row_whose_test_is_not_over_is_updated(self):
        cleaning = self.verifying(**{
            protocol.VERIFIED_PROPERTY: protocol.VERIFIED_PASSED})
        self.mock_listing([self.verifying(), dict(cleaning, id="b"),
                           dict(self.image, id="a")])
        self.mock_servers()
        rows = self.client.get(self.index).context["table"].get_rows()
        # The second passed, but its test instance may still be there.
        self.assertEqual([None, None, True], [row.status for row in rows])

    def test_the_page_shows_the_badge(self):
        self.mock_image(dict(self.image, **{
            protocol.VERIFIED_PROPERTY: protocol.VERIFIED_FAILED,
            protocol.VERIFIED_REASON_PROPERTY: "timed_out"}))
        self.mock_server_get()
        res = self.client.get(reverse(urlnames.BACKUP_DETAIL,
                                      args=[self.image["id"]]))
        self.assertContains(res, "Verify failed: the test instance was not "
                                 "running in time")
        self.assertEqual(2, self.http.call_count)


class RowUpdateTests(VerifyTestCase):

    def test_a_verifying_rows_update_moves_the_test_restore_on(self):
        self.mock_image(self.verifying())
        self.mock_server_get()
        test_url = self.nova_url + "/servers/" + TEST_SERVER
        self.http.get(test_url, json={"server": {
            "id": TEST_SERVER, "status": "ACTIVE"}})
        self.http.post(test_url + "/action", json={"output": "login:"})
        self.http.delete(test_url, status_code=204)
        self.http.patch(self.glance_url + "/v2/images/" + self.image["id"],
                        json=dict(self.verifying(), **{
                            protocol.VERIFIED_PROPERTY:
                                protocol.VERIFIED_PASSED}))
        res = self.row_update()
        self.assertEqual(200, res.status_code)
        self.assertEqual([self.nova_path + "/servers/" + TEST_SERVER],
                         self.sent("DELETE"))
        self.assertContains(res, "Verified")
        # The image, its instance, the test instance, its console, the
        # DELETE and the PATCH.
        self.assertEqual(6, self.http.call_count)

    def test_a_step_that_fails_leaves_the_row_as_it_was(self):
        self.mock_image(self.verifying())
        self.mock_server_get()
        self.http.get(self.nova_url + "/servers/" + TEST_SERVER,
                      status_code=500)
        res = self.row_update()
        self.assertEqual(200, res.status_code)
        self.assertContains(res, "Verifying")


class DeleteWhileVerifyingTests(VerifyTestCase):

    def test_a_backup_deleted_while_verified_takes_its_test_instance(self):
        image = volume_backed(self.verifying())
        self.mock_listing([image])
        self.mock_servers()
        self.http.delete(self.glance_url + "/v2/images/" + image["id"])
        self.http.delete(self.nova_url + "/servers/" + TEST_SERVER,
                         status_code=204)
        self.http.get(self.glance_url + "/v2/images?bdm_v2=True",
                      json={"images": []})
        self.http.get(self.cinder_url + "/snapshots/detail",
                      json={"snapshots": []})
        self.client.post(self.index, {"action": "backups__delete",
                                      "object_ids": [image["id"]]})
        self.assertEqual(["/v2/images/" + image["id"],
                          self.nova_path + "/servers/" + TEST_SERVER],
                         self.sent("DELETE"))


class ForeignBackupTests(VerifyTestCase):

    def test_another_projects_image_is_never_verified(self):
        foreign = dict(self.image, owner="another-project")
        self.mock_listing([])
        self.mock_servers()
        self.mock_image(foreign)
        res = self.client.post(self.index, {
            "action": "backups__verify__" + foreign["id"]})
        self.assertEqual([], self.sent("POST"))
        self.assertEqual([], self.sent("PATCH"))
        # Refused as for any object not on the page nor the project's.
        self.assertEqual(["error"], [level for level, text in
                                     self.messages(res)
                                     if "to verify backup" in text])
