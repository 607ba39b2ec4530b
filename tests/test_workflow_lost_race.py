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

"""The Quick Backup form after Nova's 500 for two snapshots that met (a
plan's run and the click): the queued image it left is deleted, the user
is told to try again, and the form's once-only claim still holds; requests
counted."""

import datetime

from quick_backup_client import in_flight
from quick_backup_server import protocol
from tests.test_workflow import INSTANCES_URL
from tests.test_workflow import SubmitTestCase

LEFT = "c8f2f2a3-3333-4d2b-9a6f-4cad2e3f5a66"
MADE = "d9a3a3b4-4444-4e3c-8b7a-5dbe3f4a6b77"
RACE_500 = {"status_code": 500, "json": {"computeFault": {
    "code": 500, "message": "UnexpectedTaskStateError: Nova's own words"}}}


class LostRaceTests(SubmitTestCase):

    def setUp(self):
        super().setUp()
        self.images_url = self.glance_url.rstrip("/") + "/v2/images"

    def leftover(self, **overrides):
        made = in_flight.utcnow() + datetime.timedelta(seconds=1)
        return dict({
            "id": LEFT, "name": "nightly", "status": "queued",
            "created_at": made.strftime("%Y-%m-%dT%H:%M:%SZ"),
            protocol.MARKER_PROPERTY: protocol.MARKER_VALUE,
            protocol.INSTANCE_PROPERTY: self.server.id}, **overrides)

    def glance_requests(self):
        return [(r.method, r.path) for r in self.http.request_history
                if r.url.startswith(self.glance_url.rstrip("/"))]

    def test_the_queued_image_is_deleted_and_the_user_told_to_try_again(self):
        self.mock_backup(**RACE_500)
        self.http.get(self.images_url, json={"images": [self.leftover()]})
        deleted = self.http.delete(self.images_url + "/" + LEFT,
                                   status_code=204)

        res = self.client.post(self.url, self.form())

        self.assertRedirectsNoFollow(res, INSTANCES_URL)
        [(level, text)] = self.messages(res)
        self.assertEqual("error", level)
        self.assertIn("was starting at the same moment", text)
        self.assertIn("nothing was backed up. Try again", text)
        self.assertIn(self.server.name, text)
        self.assertNotIn("Nova's own words", text)
        self.assertEqual(1, self.posts())
        self.assertEqual([("GET", "/v2/images"),
                          ("DELETE", "/v2/images/%s" % LEFT)],
                         self.glance_requests())
        listing = self.http.request_history[-2]
        self.assertEqual(["nightly"], listing.qs["name"])
        self.assertEqual(["queued"], listing.qs["status"])
        self.assertEqual([self.server.id],
                         listing.qs[protocol.INSTANCE_PROPERTY])
        self.assertEqual([self.tenant.id], listing.qs["owner"])
        self.assertEqual(1, deleted.call_count)

    def test_the_same_form_sent_again_makes_one_backup_as_nothing_remains(
            self):
        self.http.post(self.server_url() + "/backup_instance", [
            RACE_500, {"status_code": 202, "json": {"id": MADE}}])
        self.http.get(self.images_url, json={"images": [self.leftover()]})
        self.http.delete(self.images_url + "/" + LEFT, status_code=204)
        form = self.form()

        self.client.post(self.url, form)
        again = self.client.post(self.url, form)
        third = self.client.post(self.url, form)

        # The first send left nothing (its image deleted): the form was
        # given back, made one backup, and then was claimed for good.
        self.assertEqual(2, self.posts())
        [(level, text)] = self.messages(again)
        self.assertEqual("success", level)
        self.assertIn(MADE, text)
        [(level, text)] = self.messages(third)
        self.assertIn("already made by this form", text)

    def test_a_leftover_that_cannot_be_deleted_keeps_the_form_claimed(self):
        self.mock_backup(**RACE_500)
        self.http.get(self.images_url, json={"images": [self.leftover()]})
        self.http.delete(self.images_url + "/" + LEFT, status_code=503)
        form = self.form()

        res = self.client.post(self.url, form)
        self.client.post(self.url, form)

        [(level, text)] = self.messages(res)
        self.assertIn("failed while backing up", text)
        self.assertEqual(1, self.posts())  # the image may still be there

    def test_an_image_this_form_did_not_send_is_never_deleted(self):
        self.mock_backup(**RACE_500)
        self.http.get(self.images_url, json={"images": [
            self.leftover(name="a plan's backup"),
            self.leftover(created_at="2026-01-01T00:00:00Z")]})

        res = self.client.post(self.url, self.form())

        [(level, text)] = self.messages(res)
        self.assertIn("failed while backing up", text)
        self.assertEqual([("GET", "/v2/images")], self.glance_requests())
