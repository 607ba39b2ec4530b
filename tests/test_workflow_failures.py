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

"""Every way a Quick Backup submit can fail: one clear message of ours, a
redirect, no 500, and the form given back only when nothing was made."""

import http.client

import requests
from django.test.utils import override_settings
from urllib3 import exceptions as urllib3_exceptions

from tests.test_workflow import INSTANCES_URL
from tests.test_workflow import SubmitTestCase


class QuickBackupFailureTests(SubmitTestCase):
    """Every failure: one clear message of ours, a redirect, no 500."""

    def failure(self, expected, retry_allowed, names_instance=True,
                **backup_kwargs):
        self.mock_backup(**backup_kwargs)
        form = self.form()

        res = self.client.post(self.url, form)

        self.assertRedirectsNoFollow(res, INSTANCES_URL)
        self.assertEqual(1, self.posts())  # never retried
        [(level, text)] = self.messages(res)
        self.assertEqual("error", level)
        self.assertIn(expected, text)
        if names_instance:
            self.assertIn(self.server.name, text)
        self.assertNotIn("Nova's own words", text)
        self.assertNotIn(self.token.id, text)
        # A definite refusal gives the form back; an unknown outcome keeps
        # it claimed, so that sending it again cannot make a second backup.
        again = self.client.post(self.url, form)
        self.assertEqual(2 if retry_allowed else 1, self.posts())
        self.assertEqual(302, again.status_code)


    def nova_error(self, status, message="Nova's own words"):
        return {"status_code": status,
                "json": {"fault": {"code": status, "message": message}}}

    def test_400_bad_name(self):
        self.failure("did not accept the backup name", True,
                     **self.nova_error(400))

    def test_403_policy(self):
        self.failure("not allowed to back up", True, **self.nova_error(403))

    def test_403_quota(self):
        self.failure("quota", True, **self.nova_error(
            403, "Quota exceeded for resources: ['snapshots']"))

    def test_413_quota(self):
        self.failure("quota", True, **self.nova_error(413))

    def test_404_instance_gone(self):
        # A 404 makes auto mode ask again whether our API is still served.
        self.mock_probe(served=True)
        self.failure("no longer exists", True, **self.nova_error(
            404, "Instance 1 could not be found."))

    def test_404_whose_text_names_nothing_when_the_route_is_served(self):
        # The route was just found served: only the instance can be gone.
        self.mock_probe(served=True)
        self.failure("no longer exists", True, **self.nova_error(
            404, "The resource could not be found."))

    @override_settings(QUICK_BACKUP_METHOD="create_image")
    def test_404_to_create_image_is_the_instance_never_our_api(self):
        action = self.mock_action(**self.nova_error(
            404, "The resource could not be found."))
        res = self.client.post(self.url, self.form())
        self.assertEqual(1, action.call_count)
        [(level, text)] = self.messages(res)
        self.assertIn("no longer exists", text)

    @override_settings(QUICK_BACKUP_METHOD="backup_instance")
    def test_404_api_missing(self):
        self.failure("not available on this cloud", True,
                     names_instance=False,
                     **self.nova_error(404, "The resource could not be found."))

    def test_409_busy(self):
        self.failure("cannot be backed up right now", True,
                     **self.nova_error(409))

    def test_409_for_a_task_says_another_backup_or_task_is_running(self):
        # A backup from a plan, the command or another browser got there
        # first: refused by Nova, nothing made, the form may be sent again.
        self.failure("Another backup or task is running on instance", True,
                     **self.nova_error(
                         409, "Cannot 'createImage' instance 1 while it is "
                              "in task_state image_snapshot"))

    def test_429_rate_limited(self):
        self.failure("Too many requests", True, **self.nova_error(429))

    def no_leftover(self):
        """After a 5xx Glance is asked for the image it left: none here
        (test_workflow_lost_race has the others).
        """
        self.http.get(self.glance_url.rstrip("/") + "/v2/images",
                      json={"images": []})

    def test_500(self):
        self.no_leftover()
        self.failure("failed while backing up", False, **self.nova_error(500))

    def test_503(self):
        self.failure("failed while backing up", False, **self.nova_error(503))

    def test_timeout(self):
        self.failure("did not answer in time", False,
                     exc=requests.exceptions.ReadTimeout("read timed out"))

    def test_unreachable(self):
        refused = urllib3_exceptions.NewConnectionError(
            None, "Connection refused")
        self.failure("Unable to reach the Compute service", True,
                     exc=requests.exceptions.ConnectionError(
                         urllib3_exceptions.MaxRetryError(None, "/", refused)))

    def test_connection_broken_after_sending(self):
        # Nova may have taken the backup: the form must not be sent again.
        self.failure("connection to the Compute service broke", False,
                     exc=requests.exceptions.ConnectionError(
                         http.client.RemoteDisconnected("closed")))

    def test_answer_without_image_id(self):
        # Nova accepted it: the backup may exist, so never "unable to".
        self.failure("The backup may still have been made", False, json={})

    def test_answer_with_an_id_that_is_not_an_image_id(self):
        self.failure("The backup may still have been made", False,
                     json={"id": "../../images/x"})

    def test_answer_with_deeply_nested_json(self):
        self.failure("The backup may still have been made", False,
                     content=b"[" * 50000 + b"]" * 50000)

    def test_redirect_is_not_followed(self):
        self.failure("The backup may still have been made", False,
                     status_code=307, headers={"Location": "/elsewhere"})

    def test_unexpected_error_is_logged_and_reported(self):
        with self.assertLogs("backup_dashboard", "ERROR"):
            self.failure("Unable to back up instance", False,
                         exc=ValueError("a bug"))

    def test_401_asks_for_a_new_login(self):
        self.mock_backup(**self.nova_error(401))
        res = self.client.post(self.url, self.form())
        # Horizon's own answer to an expired token: its "not authorized"
        # page with a link to log in again.
        self.assertEqual(403, res.status_code)
        self.assertTemplateUsed(res, "not_authorized.html")
        self.assertEqual(1, self.http.call_count)
        page = res.content.decode()
        self.assertIn("Your login has expired", page)
        self.assertEqual(1, page.count("Unauthorized:"))  # one message
        self.assertNotIn("Nova's own words", page)

