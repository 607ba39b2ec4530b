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

"""The Backups panel's actions through Django's test client: delete (with
the volume snapshots only that backup points to), restore, and the tab."""

from unittest import mock

from django.test.utils import override_settings
from django.urls import reverse

from openstack_dashboard.test import helpers as horizon_helpers

from backup_dashboard import policies
from backup_dashboard import urlnames
from backup_dashboard.panels.quick_backup import submissions
from tests import helpers
from tests.test_backups_panel import PanelTestCase
from tests.test_backups_panel import SNAPSHOTS
from tests.test_backups_panel import backup_image
from tests.test_backups_panel import volume_backed


def deny(*denied):
    def check(rules, request, target=None):
        return not any(rule in denied for rule in rules)
    return check


class DeleteTests(PanelTestCase):

    def delete(self, *images):
        self.mock_listing(list(images))
        self.mock_servers()
        return self.client.post(self.index, {
            "action": "backups__delete",
            "object_ids": [image["id"] for image in images]})

    def deleted(self):
        return [r.path for r in self.http.request_history
                if r.method == "DELETE"]

    def test_an_image_backed_backup_is_its_image(self):
        self.http.delete(self.glance_url + "/v2/images/" + self.image["id"])
        res = self.delete(self.image)
        self.assertRedirectsNoFollow(res, self.index)
        self.assertEqual(["/v2/images/" + self.image["id"]], self.deleted())

    def test_a_volume_backed_one_takes_its_snapshots_along_unless_shared(
            self):
        image = volume_backed(self.image)
        other = volume_backed(backup_image(self.server.id, image_id="x"))
        other["block_device_mapping"] = other["block_device_mapping"].replace(
            SNAPSHOTS[0], "unrelated")
        self.http.delete(self.glance_url + "/v2/images/" + image["id"])
        self.http.get(self.cinder_url + "/snapshots/detail", json={
            "snapshots": [{"id": s, "name": s} for s in SNAPSHOTS]})
        for snapshot in SNAPSHOTS:
            self.http.delete(self.cinder_url + "/snapshots/" + snapshot)
        self.mock_listing([image])
        self.mock_servers()
        # Another image still points to SNAPSHOTS[1]: it stays.
        self.http.get(self.glance_url + "/v2/images?bdm_v2=True",
                      json={"images": [other]})

        self.client.post(self.index, {"action": "backups__delete",
                                      "object_ids": [image["id"]]})

        self.assertEqual(["/v2/images/" + image["id"],
                          "/v3/snapshots/" + SNAPSHOTS[0]], self.deleted())

    def test_a_snapshot_that_cannot_be_deleted_is_named(self):
        image = volume_backed(self.image)
        self.http.delete(self.glance_url + "/v2/images/" + image["id"])
        self.http.get(self.cinder_url + "/snapshots/detail", json={
            "snapshots": [{"id": s, "name": "snap-%s" % s[-1]}
                          for s in SNAPSHOTS]})
        self.http.delete(self.cinder_url + "/snapshots/" + SNAPSHOTS[0])
        self.http.delete(self.cinder_url + "/snapshots/" + SNAPSHOTS[1],
                         status_code=400, json={})
        self.mock_listing([image])
        self.mock_servers()
        self.http.get(self.glance_url + "/v2/images?bdm_v2=True",
                      json={"images": []})

        res = self.client.post(self.index, {"action": "backups__delete",
                                            "object_ids": [image["id"]]})

        texts = [text for _level, text in self.messages(res)]
        self.assertTrue(any('not its volume snapshot "snap-2"' in text
                            for text in texts), texts)

    def test_an_image_glance_refuses_is_reported_by_name(self):
        self.http.delete(self.glance_url + "/v2/images/" + self.image["id"],
                         status_code=403, json={})
        res = self.delete(self.image)
        [(level, text)] = self.messages(res)
        self.assertEqual("error", level)
        self.assertIn("nightly", text)

    def test_an_id_not_among_the_users_backups_is_never_deleted(self):
        self.mock_listing([self.image])
        self.mock_servers()
        other = "0d9b2c1e-3333-4b7a-9c51-7a1e2f3d4c66"
        deleted = self.http.delete(self.glance_url + "/v2/images/" + other)

        res = self.client.post(self.index, {"action": "backups__delete",
                                            "object_ids": [other]})

        self.assertIn(res.status_code, (200, 302))  # never a 500
        self.assertEqual(0, deleted.call_count)
        self.assertNotIn("success", [level for level, _ in
                                     self.messages(res)])

    def test_glance_down_is_unable_to_delete_never_not_allowed(self):
        self.http.get(self.glance_url + "/v2/images", status_code=503)
        self.mock_servers()
        self.mock_image(self.image, status_code=503, json={})
        deleted = self.http.delete(self.glance_url + "/v2/images/"
                                   + self.image["id"])

        res = self.client.post(self.index, {
            "action": "backups__delete__" + self.image["id"]})

        self.assertEqual(302, res.status_code)
        self.assertEqual(0, deleted.call_count)  # unverified: never touched
        texts = [text for _level, text in self.messages(res)]
        self.assertIn("Unable to delete", " ".join(texts))
        self.assertNotIn("not allowed", " ".join(texts))

    def test_one_already_deleted_is_no_error(self):
        self.http.delete(self.glance_url + "/v2/images/" + self.image["id"],
                         status_code=404, json={})
        res = self.delete(self.image)
        self.assertNotIn("error", [level for level, _ in self.messages(res)])

    @override_settings(POLICY_CHECK_FUNCTION=deny(policies.DELETE_IMAGE))
    def test_no_delete_where_policy_denies(self):
        self.mock_listing([self.image])
        self.mock_servers()
        res = self.client.get(self.index)
        self.assertNotContains(res, "backups__delete")
        res = self.delete(self.image)
        self.assertEqual([], self.deleted())


class RestoreTests(PanelTestCase):

    def setUp(self):
        super().setUp()
        self.url = reverse(urlnames.RESTORE, args=[self.image["id"]])
        self.learned(max_version="2.100")

    def open(self, image=None):
        self.mock_image(image or self.image)
        self.mock_server_get()

    def rebuild(self, **kwargs):
        kwargs.setdefault("json", {"server": self.server.to_dict()})
        return self.http.post(self.server_url() + "/action", **kwargs)

    def test_the_form_names_the_instance_and_what_is_lost(self):
        self.open(dict(self.image, name="<b>n</b>"))
        res = self.client.get(self.url)
        self.assertContains(res, "will be rebuilt from backup")
        self.assertContains(res, self.server.name)
        self.assertContains(res, "Everything written to its disk since "
                                 "then is lost")
        self.assertContains(res, "&lt;b&gt;n&lt;/b&gt;")

    def test_restore_is_one_rebuild_and_a_form_sent_twice_rebuilds_once(
            self):
        self.open()
        rebuilt = self.rebuild()
        form = {"submission_id": submissions.new_submission_id()}

        self.client.post(self.url, form)
        res = self.client.post(self.url, form)

        self.assertEqual(1, rebuilt.call_count)
        self.assertEqual({"rebuild": {"imageRef": self.image["id"]}},
                         rebuilt.last_request.json())
        self.assertIn("already submitted", self.messages(res)[0][1])

    def test_no_restore_without_the_submission_cache(self):
        self.open()
        rebuilt = self.rebuild()
        with mock.patch.object(submissions.cache, "add",
                               side_effect=OSError("memcached is down")):
            res = self.client.post(self.url, {
                "submission_id": submissions.new_submission_id()})
        self.assertRedirectsNoFollow(res, self.index)
        self.assertEqual(0, rebuilt.call_count)
        self.assertIn("unavailable right now", self.messages(res)[0][1])

    def test_an_expired_login_is_horizons_page_with_one_message(self):
        self.open()
        self.rebuild(status_code=401, json={"error": {
            "code": 401, "message": "Nova's words"}})
        res = self.client.post(self.url, {
            "submission_id": submissions.new_submission_id()})
        self.assertEqual(403, res.status_code)
        self.assertTemplateUsed(res, "not_authorized.html")
        page = res.content.decode()
        self.assertIn("Your login has expired", page)
        self.assertEqual(1, page.count("Unauthorized:"))
        self.assertNotIn("Nova's words", page)

    def test_a_busy_instance_is_a_message(self):
        self.open()
        self.rebuild(status_code=409, json={"conflictingRequest": {
            "code": 409, "message": "Nova's words"}})
        res = self.client.post(self.url, {
            "submission_id": submissions.new_submission_id()})
        text = " ".join(t for _, t in self.messages(res))
        self.assertIn("cannot be restored right now", text)
        self.assertNotIn("Nova's words", text)

    def test_volume_backed_needs_2_93(self):
        self.learned(max_version="2.92")
        self.open(volume_backed(self.image))
        rebuilt = self.rebuild()
        res = self.client.post(self.url, {
            "submission_id": submissions.new_submission_id()})
        self.assertEqual(0, rebuilt.call_count)
        self.assertIn("API version 2.93", self.messages(res)[0][1])

    def test_volume_backed_rebuilds_at_2_93(self):
        self.open(volume_backed(self.image))
        rebuilt = self.rebuild()
        self.client.post(self.url, {
            "submission_id": submissions.new_submission_id()})
        self.assertEqual("compute 2.93", rebuilt.last_request.headers[
            "OpenStack-API-Version"])

    def test_an_instance_of_another_project_is_not_found(self):
        self.mock_image(self.image)
        self.http.get(self.server_url(), status_code=404, json={})
        rebuilt = self.rebuild()
        res = self.client.post(self.url, {
            "submission_id": submissions.new_submission_id()})
        self.assertRedirectsNoFollow(res, self.index)
        self.assertEqual(0, rebuilt.call_count)


class InstanceTabTests(PanelTestCase):

    @horizon_helpers.create_mocks(helpers.INSTANCE_PAGE_MOCKS)
    def test_the_instance_page_lists_its_backups_with_one_glance_call(self):
        helpers.answer_instance_page(self)
        listed = self.mock_listing([self.image])
        url = reverse(urlnames.INSTANCE_DETAIL, args=[self.server.id])

        res = self.client.get(url + "?tab=instance_details__quick_backups")

        self.assertContains(res, "nightly")
        self.assertEqual(1, self.http.call_count)
        self.assertEqual([self.server.id],
                         listed.last_request.qs["quick_backup_instance"])
        self.assertEqual(helpers.IMAGE_ID, self.image["id"])


class RowActionTests(PanelTestCase):

    def row_actions(self, res, image_id=None):
        table = res.context["table"]
        backup = table.get_object_by_id(image_id or self.image["id"])
        return {action.name: action for action in
                table.get_row_actions(backup)}

    def test_launch_opens_horizons_wizard_with_the_backup(self):
        self.mock_listing([self.image])
        self.mock_servers()
        res = self.client.get(self.index)
        self.assertIn("launch", self.row_actions(res))
        self.assertContains(res, "modal.openLaunchInstanceWizard("
                                 "{successUrl: &#x27;%s&#x27;, imageId: "
                                 "&#x27;%s&#x27;})" % (self.index,
                                                       self.image["id"]))

    def test_no_restore_once_the_instance_is_gone(self):
        self.mock_listing([self.image])
        self.mock_servers([])
        res = self.client.get(self.index)
        self.assertNotIn("restore", self.row_actions(res))
        self.assertIn("launch", self.row_actions(res))

    def test_nothing_to_launch_or_restore_until_it_is_active(self):
        self.mock_listing([dict(self.image, status="saving")])
        self.mock_servers()
        res = self.client.get(self.index)
        self.assertEqual({"delete"}, set(self.row_actions(res)))

    @override_settings(POLICY_CHECK_FUNCTION=deny(policies.REBUILD,
                                                  policies.LAUNCH))
    def test_policy_hides_restore_and_launch(self):
        self.mock_listing([self.image])
        self.mock_servers()
        res = self.client.get(self.index)
        self.assertEqual({"protect", "delete"}, set(self.row_actions(res)))
