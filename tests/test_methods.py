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

"""Each backup method, submitted through the form: the call Nova gets, what
it costs, and auto mode learning whether our API is served."""

from django.core.cache import cache
from django.test.utils import override_settings
from django.urls import reverse

from backup_dashboard.panels.quick_backup import submissions
from tests import helpers

INSTANCES_URL = reverse("horizon:project:instances:index")
PROPERTIES = {"quick_backup": "true", "description": "before upgrade",
              "quick_backup_consistency": "crash"}


class MethodTestCase(helpers.QuickBackupTestCase):

    def setUp(self):
        super().setUp()
        self.url = reverse("horizon:project:quick_backups:create",
                           args=[self.server.id])
        self.properties = dict(PROPERTIES,
                               quick_backup_instance=self.server.id,
                               quick_backup_instance_name=self.server.name)

    def submit(self, **overrides):
        form = {"instance_id": self.server.id,
                "instance_name": self.server.name, "name": "nightly",
                "description": "before upgrade", "volume_backed": "False",
                "consistency": "crash", "submission_id": submissions.new_submission_id()}
        form.update(overrides)
        form.setdefault("owner", helpers.signed_owner(
            self, form["submission_id"]))
        return self.client.post(self.url, form)

    def message(self, res):
        [message] = res.wsgi_request._messages._queued_messages
        return message.level_tag, str(message)

    def sent(self):
        return [(r.method, r.path) for r in self.http.request_history]


class AutoTests(MethodTestCase):

    def test_steady_state_submit_is_one_post_to_our_api(self):
        self.mock_backup()
        res = self.submit()
        self.assertEqual([("POST", self.server_url()[len(
            "http://public.nova.example.com:8774"):] + "/backup_instance")],
            self.sent())
        self.assertEqual("success", self.message(res)[0])

    def test_the_label_the_form_showed_goes_to_our_api(self):
        self.mock_backup()
        self.submit(consistency="application")
        self.assertEqual("application",
                         self.http.last_request.json()["consistency"])

    def test_a_label_that_is_not_one_is_refused_and_nothing_sent(self):
        self.submit(consistency="perfect")
        self.assertEqual(0, self.http.call_count)

    def test_stock_nova_gets_create_image_with_the_properties(self):
        self.learned(serves_backup_instance=False)
        self.mock_action()

        res = self.submit()

        self.assertEqual(1, self.http.call_count)
        self.assertEqual({"createImage": {"name": "nightly",
                                          "metadata": self.properties}},
                         self.http.last_request.json())
        level, text = self.message(res)
        self.assertEqual("success", level)
        self.assertIn(helpers.IMAGE_ID, text)

    def test_opening_the_form_learns_once_per_endpoint(self):
        cache.clear()
        version = self.http.get(self.nova_url, json={"version": {
            "id": "v2.1", "version": "2.100", "min_version": "2.1"}})
        probe = self.mock_probe(served=False)
        self.mock_server_get()
        self.mock_action()

        self.client.get(self.url)
        self.client.get(self.url)
        learning = (version.call_count, probe.call_count)
        self.http.reset_mock()
        res = self.submit()

        self.assertEqual((1, 1), learning)
        self.assertEqual([("POST", "/v2/servers/%s/action" % self.server.id)],
                         self.sent())
        self.assertEqual("success", self.message(res)[0])

    def test_a_submit_learns_if_the_form_could_not(self):
        cache.clear()
        self.mock_probe(served=True)
        self.mock_backup()
        res = self.submit()
        self.assertEqual(["GET", "POST"], [m for m, _ in self.sent()])
        self.assertEqual("success", self.message(res)[0])

    def test_our_api_gone_means_create_image_in_the_same_click(self):
        # Remembered as served, but the filter was taken out since: the
        # 404 for the route made nothing, so createImage is safe.
        self.mock_backup(status_code=404, json={"itemNotFound": {
            "code": 404, "message": "The resource could not be found."}})
        self.mock_probe(served=False)
        self.mock_action()

        res = self.submit()

        self.assertEqual(["POST", "GET", "POST"],
                         [m for m, _ in self.sent()])
        self.assertIn("createImage", self.http.last_request.json())
        level, text = self.message(res)
        self.assertEqual("success", level)
        self.assertIn(helpers.IMAGE_ID, text)

    def test_a_probe_that_fails_sends_nothing_and_gives_the_form_back(self):
        cache.clear()
        self.http.get(self.server_url() + "/backup_instance",
                      status_code=503, json={})
        self.mock_backup()
        form_id = submissions.new_submission_id()

        with self.assertNoLogs("backup_dashboard", "ERROR"):  # not a bug
            res = self.submit(submission_id=form_id)

        self.assertEqual(0, self.posts())
        level, text = self.message(res)
        self.assertEqual("error", level)
        self.assertIn("was not backed up", text)
        self.mock_probe(served=True)
        self.submit(submission_id=form_id)  # the same form, once more
        self.assertEqual(1, self.posts())


class ExplicitMethodTests(MethodTestCase):

    @override_settings(QUICK_BACKUP_METHOD="create_image")
    def test_create_image(self):
        self.mock_action()
        self.submit()
        self.assertEqual(1, self.http.call_count)
        self.assertEqual({"createImage": {"name": "nightly",
                                          "metadata": self.properties}},
                         self.http.last_request.json())

    @override_settings(QUICK_BACKUP_METHOD="create_backup",
                       QUICK_BACKUP_BACKUP_TYPE="nightly",
                       QUICK_BACKUP_ROTATION=3)
    def test_create_backup(self):
        self.mock_action()
        self.submit()
        self.assertEqual(1, self.http.call_count)
        self.assertEqual({"createBackup": {
            "name": "nightly", "backup_type": "nightly", "rotation": 3,
            "metadata": self.properties}}, self.http.last_request.json())

    @override_settings(QUICK_BACKUP_METHOD="create_backup",
                       QUICK_BACKUP_BACKUP_TYPE="nightly",
                       QUICK_BACKUP_ROTATION=3)
    def test_create_backup_takes_create_image_for_a_volume_backed_one(self):
        self.mock_action()
        res = self.submit(volume_backed="True", volume_count="2")
        self.assertIn("createImage", self.http.last_request.json())
        level, text = self.message(res)
        self.assertIn("an image that points to 2 volume snapshots", text)

    @override_settings(QUICK_BACKUP_METHOD="create_backup",
                       QUICK_BACKUP_BACKUP_TYPE="nightly",
                       QUICK_BACKUP_ROTATION=0)
    def test_rotation_0_is_refused_before_nova(self):
        res = self.submit()
        self.assertEqual(0, self.http.call_count)
        level, text = self.message(res)
        self.assertEqual("error", level)
        self.assertIn("not set up correctly", text)

    @override_settings(QUICK_BACKUP_METHOD="create_image")
    def test_a_stock_nova_error_reads_like_one_of_ours(self):
        self.mock_action(status_code=409, json={"conflictingRequest": {
            "code": 409, "message": "Cannot 'createImage' instance"}})
        level, text = self.message(self.submit())
        self.assertEqual("error", level)
        self.assertIn("cannot be backed up right now", text)
        self.assertNotIn("createImage", text)
