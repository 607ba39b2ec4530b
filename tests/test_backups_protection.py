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

"""Protect and Unprotect on the Backups panel and a backup's page, the
Protected column, and Delete refusing a protected backup by name (its
volume snapshots kept too)."""

import json

from django.test.utils import override_settings
from django.urls import reverse

from backup_dashboard import policies
from backup_dashboard import urlnames
from tests import helpers
from tests.test_backups_actions import deny
from tests.test_backups_panel import SNAPSHOTS
from tests.test_backups_panel import PanelTestCase
from tests.test_backups_panel import volume_backed

PROTECTED_403 = {"status_code": 403, "text": (
    "403 Forbidden\n\nImage %s is protected and cannot be deleted.\n\n")}


class ProtectionTests(PanelTestCase):

    def post(self, action, *images):
        self.mock_listing(list(images))
        self.mock_servers()
        return self.client.post(self.index, {
            "action": "backups__" + action,
            "object_ids": [image["id"] for image in images]})

    def sent(self, method):
        return [(r.path, r.body) for r in self.http.request_history
                if r.method == method]

    def row_actions(self, image):
        self.mock_listing([image])
        self.mock_servers()
        res = self.client.get(self.index)
        table = res.context["table"]
        return res, {action.name for action in
                     table.get_row_actions(table.data[0])}

    def test_an_unprotected_backup_offers_protect_and_delete_not_unprotect(
            self):
        _res, actions = self.row_actions(self.image)
        self.assertIn("protect", actions)
        self.assertIn("delete", actions)
        self.assertNotIn("unprotect", actions)

    def test_a_protected_backup_offers_unprotect_and_no_delete(self):
        res, actions = self.row_actions(dict(self.image, protected=True))
        self.assertIn("unprotect", actions)
        self.assertNotIn("protect", actions)
        self.assertNotIn("delete", actions)
        self.assertContains(res, "fa-lock")
        # From the listing alone: one Glance and one Nova request.
        self.assertEqual(2, self.http.call_count)

    @override_settings(POLICY_CHECK_FUNCTION=deny(policies.MODIFY_IMAGE))
    def test_glances_modify_image_policy_hides_both(self):
        _res, actions = self.row_actions(self.image)
        self.assertFalse({"protect", "unprotect"} & actions)

    @override_settings(POLICY_CHECK_FUNCTION=deny(policies.MODIFY_IMAGE))
    def test_a_crafted_protect_that_policy_denies_sends_nothing(self):
        patch = self.http.patch(
            self.glance_url + "/v2/images/" + self.image["id"],
            json=self.image)
        res = self.post("protect", self.image)
        self.assertEqual(0, patch.call_count)
        self.assertTrue(any("not allowed" in text
                            for _level, text in self.messages(res)))

    def test_protect_sends_one_patch_of_protected_true_per_backup(self):
        patch = self.http.patch(
            self.glance_url + "/v2/images/" + self.image["id"],
            json=dict(self.image, protected=True))
        res = self.post("protect", self.image)
        self.assertRedirectsNoFollow(res, self.index)
        self.assertEqual(1, patch.call_count)
        self.assertEqual([{"op": "replace", "path": "/protected",
                           "value": True}],
                         json.loads(patch.last_request.body))
        self.assertEqual(
            "application/openstack-images-v2.1-json-patch",
            patch.last_request.headers["Content-Type"])

    def test_unprotect_sends_protected_false(self):
        image = dict(self.image, protected=True)
        patch = self.http.patch(
            self.glance_url + "/v2/images/" + image["id"], json=self.image)
        self.post("unprotect", image)
        self.assertEqual(False,
                         json.loads(patch.last_request.body)[0]["value"])

    def test_a_crafted_delete_of_a_protected_backup_is_refused_by_name(self):
        image = volume_backed(dict(self.image, protected=True))
        res = self.post("delete", image)
        self.assertEqual([], self.sent("DELETE"))
        texts = [text for _level, text in self.messages(res)]
        self.assertIn('Backup "nightly" is protected: unprotect it first.',
                      texts)

    def test_glances_403_for_a_protected_image_is_said_and_keeps_snapshots(
            self):
        # Protected by someone else since the page was read.
        image = volume_backed(self.image)
        answer = dict(PROTECTED_403)
        answer["text"] = answer["text"] % image["id"]
        self.http.delete(self.glance_url + "/v2/images/" + image["id"],
                         **answer)
        for snapshot in SNAPSHOTS:
            self.http.delete(self.cinder_url + "/snapshots/" + snapshot)

        res = self.post("delete", image)

        self.assertEqual(["/v2/images/" + image["id"]],
                         [path for path, _body in self.sent("DELETE")])
        self.assertEqual(
            [("error", 'Backup "nightly" is protected: unprotect it '
                       'first.')], self.messages(res))

    def test_a_policy_403_is_no_protected_message(self):
        self.http.delete(self.glance_url + "/v2/images/" + self.image["id"],
                         status_code=403, json={})
        res = self.post("delete", self.image)
        texts = [text for _level, text in self.messages(res)]
        self.assertFalse(any("protected" in text for text in texts), texts)

    def test_a_backup_glance_cannot_show_is_unable_to_not_not_allowed(self):
        self.mock_listing([])
        self.mock_servers()
        self.mock_image(self.image, status_code=503, json={})
        patch = self.http.patch(
            self.glance_url + "/v2/images/" + self.image["id"],
            json=self.image)
        res = self.client.post(self.index, {
            "action": "backups__protect__" + self.image["id"]})
        self.assertEqual(0, patch.call_count)
        texts = [text for _level, text in self.messages(res)]
        self.assertTrue(any("Unable to protect" in text for text in texts),
                        texts)

    def test_another_projects_image_is_never_protected(self):
        other = dict(self.image, owner="attacker")
        self.mock_image(other)
        patch = self.http.patch(
            self.glance_url + "/v2/images/" + other["id"], json=other)
        self.mock_listing([])
        self.mock_servers()
        self.client.post(self.index, {"action": "backups__protect",
                                      "object_ids": [other["id"]]})
        self.assertEqual(0, patch.call_count)


class DetailProtectionTests(PanelTestCase):

    def url(self):
        return reverse(urlnames.BACKUP_DETAIL, args=[helpers.IMAGE_ID])

    def test_the_page_says_protected_and_offers_unprotect(self):
        self.mock_image(dict(self.image, protected=True))
        self.mock_server_get()
        res = self.client.get(self.url())
        self.assertContains(res, "quick-backup-protected")
        self.assertContains(res, "fa-lock")
        self.assertContains(res, "backups__unprotect__")
        self.assertNotContains(res, "backups__delete__")

    def test_an_empty_description_is_left_out_as_horizon_does(self):
        self.mock_image(dict(self.image, description=""))
        self.mock_server_get()
        res = self.client.get(self.url())
        self.assertNotContains(res, "None")
        self.assertNotContains(res, "<dt>Description</dt>")

    def test_a_description_is_shown(self):
        self.mock_image(dict(self.image, description="before the upgrade"))
        self.mock_server_get()
        res = self.client.get(self.url())
        self.assertContains(res, "<dt>Description</dt>")
        self.assertContains(res, "before the upgrade")
