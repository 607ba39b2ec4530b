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

"""The Quick Backup workflow, through Django's test client."""

import uuid
from unittest import mock

from django.core.cache.backends.base import memcache_key_warnings
from django.urls import reverse

from backup_dashboard.api import nova as nova_api
from backup_dashboard.panels.quick_backup import links
from backup_dashboard.panels.quick_backup import submissions
from tests import helpers

INSTANCES_URL = reverse("horizon:project:instances:index")
OTHER_IMAGE_ID = "0d9b2c1e-3333-4b7a-9c51-7a1e2f3d4c66"


class QuickBackupFormTests(helpers.QuickBackupTestCase):

    def url(self, server_id=None, query=""):
        return reverse("horizon:project:quick_backups:create",
                       args=[server_id or self.server.id]) + query

    def test_get_shows_the_form_with_one_request(self):
        self.mock_server_get()

        res = self.client.get(self.url(query="?next=/project/instances/1/"))

        self.assertEqual(200, res.status_code)
        self.assertTemplateUsed(res, "quick_backup/create.html")
        self.assertEqual(1, self.http.call_count)
        self.assertEqual("GET", self.http.last_request.method)
        self.assertContains(res, 'name="description"')
        self.assertContains(res, 'name="next" value="/project/instances/1/"')
        workflow = res.context["workflow"]
        initial = workflow.context
        self.assertTrue(initial["name"].startswith(
            self.server.name + "-backup-"))
        self.assertEqual(self.server.name, initial["instance_name"])
        self.assertRegex(initial["submission_id"],
                         submissions.SUBMISSION_ID_PATTERN)

    def test_get_escapes_the_instance_name(self):
        self.server._info["name"] = '<script>alert("x")</script>'
        self.mock_server_get(json={"server": self.server._info})

        res = self.client.get(self.url())

        self.assertNotContains(res, '<script>alert("x")</script>')
        self.assertContains(res, "&lt;script&gt;alert(")

    def test_get_drops_an_offsite_next(self):
        self.mock_server_get()
        res = self.client.get(self.url(query="?next=https://evil.example/"))
        self.assertNotContains(res, "evil.example")

    def test_get_for_a_missing_instance_redirects_with_a_message(self):
        self.http.get(self.server_url(), status_code=404, json={
            "itemNotFound": {"code": 404, "message": "secret detail"}})

        res = self.client.get(self.url())

        self.assertRedirectsNoFollow(res, INSTANCES_URL)
        [message] = res.wsgi_request._messages
        self.assertEqual("error", message.level_tag)
        self.assertIn("Unable to retrieve the instance", str(message))
        self.assertNotIn("secret detail", str(message))

    def test_get_with_an_unreadable_answer_redirects_with_a_message(self):
        self.http.get(self.server_url(), content=b"[" * 50000 + b"]" * 50000)

        res = self.client.get(self.url())

        self.assertRedirectsNoFollow(res, INSTANCES_URL)
        [message] = res.wsgi_request._messages
        self.assertIn("Unable to retrieve the instance", str(message))

    def test_an_instance_id_not_shaped_like_novas_is_a_404(self):
        index = reverse("horizon:project:quick_backups:index")
        for bad in ("1", "web-1", "..", self.server.id + "0",
                    self.server.id[:-1], "%s%%0a" % self.server.id):
            for send in (self.client.get, self.client.post):
                res = send("%s%s/create/" % (index, bad))
                self.assertEqual(404, res.status_code, bad)
        self.assertEqual(0, self.http.call_count)


class SubmitTestCase(helpers.QuickBackupTestCase):

    def setUp(self):
        super().setUp()
        self.url = reverse("horizon:project:quick_backups:create",
                           args=[self.server.id])

    def form(self, **overrides):
        data = {"instance_id": self.server.id,
                "instance_name": self.server.name,
                "name": "nightly",
                "description": "before upgrade",
                "submission_id": submissions.new_submission_id()}
        data.update(overrides)
        data.setdefault("owner", helpers.signed_owner(
            self, data["submission_id"]))
        return data

    def request_for_user(self):
        return mock.Mock(user=mock.Mock(id=self.user.id,
                                        project_id=self.tenant.id))

    def messages(self, res):
        """The messages this request added (not older, unread ones)."""
        return [(m.level_tag, str(m))
                for m in res.wsgi_request._messages._queued_messages]


class QuickBackupSubmitTests(SubmitTestCase):

    def test_success_is_one_post_and_names_the_image(self):
        self.mock_backup()

        res = self.client.post(self.url, self.form(next="/project/instances/"))

        self.assertNoFormErrors(res)
        self.assertRedirectsNoFollow(res, INSTANCES_URL)
        self.assertEqual(1, self.http.call_count)  # Keystone included
        sent = self.http.last_request
        self.assertEqual("POST", sent.method)
        self.assertEqual({"name": "nightly", "description": "before upgrade"},
                         sent.json())
        self.assertEqual(self.token.id, sent.headers["X-Auth-Token"])
        [(level, text)] = self.messages(res)
        self.assertEqual("success", level)
        self.assertIn(helpers.IMAGE_ID, text)
        self.assertIn('"nightly"', text)
        self.assertIn(self.server.name, text)
        self.assertIn('<a class="quick-backup-link" href="%s">'
                      % links.backup_detail_url(helpers.IMAGE_ID), text)

    def test_success_goes_back_to_the_detail_page(self):
        self.mock_backup()
        detail = reverse("horizon:project:instances:detail",
                         args=[self.server.id])
        res = self.client.post(self.url, self.form(next=detail))
        self.assertRedirectsNoFollow(res, detail)

    def test_offsite_next_is_ignored(self):
        self.mock_backup()
        res = self.client.post(self.url,
                               self.form(next="https://evil.example/"))
        self.assertRedirectsNoFollow(res, INSTANCES_URL)

    def test_success_message_escapes_names(self):
        self.mock_backup()
        res = self.client.post(self.url, self.form(
            name="<b>x</b>", instance_name="<script>y</script>"))
        [(_level, text)] = self.messages(res)
        self.assertIn("&lt;b&gt;x&lt;/b&gt;", text)
        self.assertIn("&lt;script&gt;y&lt;/script&gt;", text)
        self.assertNotIn("<script>", text)

    def test_success_message_renders_as_a_link_on_the_next_page(self):
        self.mock_backup()
        self.mock_server_get()
        self.client.post(self.url, self.form(name="<i>n</i>"))

        page = self.client.get(self.url)  # any page showing messages

        self.assertContains(page, '<a class="quick-backup-link" href="%s">'
                            '%s</a>' % (links.backup_detail_url(
                                helpers.IMAGE_ID), helpers.IMAGE_ID))
        self.assertContains(page, "&lt;i&gt;n&lt;/i&gt;")

    def test_an_image_id_that_cannot_be_linked_is_shown_without_a_link(self):
        odd = 'a/b "c" <d>'
        with mock.patch("backup_dashboard.api.nova.backup_instance",
                        return_value=nova_api.Made(odd, "create_image")):
            res = self.client.post(self.url, self.form())

        self.assertRedirectsNoFollow(res, INSTANCES_URL)
        [(level, text)] = self.messages(res)
        self.assertEqual("success", level)
        self.assertIn("a/b &quot;c&quot; &lt;d&gt;", text)
        self.assertNotIn("<a ", text)

    def test_description_is_optional(self):
        self.mock_backup()
        res = self.client.post(self.url, self.form(description=""))
        self.assertNoFormErrors(res)
        self.assertEqual({"name": "nightly", "description": ""},
                         self.http.last_request.json())

    def assert_form_error(self, form, field_error):
        res = self.client.post(self.url, form)
        self.assertEqual(200, res.status_code)
        self.assertContains(res, field_error)
        self.assertEqual(0, self.http.call_count)

    def test_name_is_required(self):
        self.assert_form_error(self.form(name=""), "This field is required")

    def test_name_of_only_spaces_is_refused(self):
        self.assert_form_error(self.form(name="   "), "This field is required")

    def test_name_longer_than_255_is_refused(self):
        self.assert_form_error(self.form(name="n" * 256),
                               "at most 255 characters")

    def test_name_with_control_characters_is_refused(self):
        self.assert_form_error(self.form(name="a\nb"), "printable characters")

    def test_description_longer_than_255_is_refused(self):
        self.assert_form_error(self.form(description="d" * 256),
                               "at most 255 characters")

    def test_multi_line_description_is_accepted(self):
        self.mock_backup()
        res = self.client.post(self.url, self.form(description="a\r\nb"))
        self.assertNoFormErrors(res)

    def test_missing_submission_id_is_refused(self):
        self.assert_form_error(self.form(submission_id=""), "expired")

    def test_forged_submission_id_is_refused(self):
        self.assert_form_error(self.form(submission_id="x" * 32), "expired")

    def test_second_submit_of_the_same_form_makes_no_second_backup(self):
        self.mock_backup()
        form = self.form()

        self.client.post(self.url, form)
        res = self.client.post(self.url, form)

        self.assertEqual(1, self.http.call_count)
        [(level, text)] = self.messages(res)
        self.assertEqual("success", level)
        self.assertIn("already made by this form", text)
        self.assertIn(links.backup_detail_url(helpers.IMAGE_ID), text)
        self.assertRedirectsNoFollow(res, INSTANCES_URL)

    def test_second_submit_while_the_first_is_pending_is_refused(self):
        form = self.form()
        # The first submit has claimed the form and is still waiting on Nova.
        self.assertTrue(submissions.claim(self.request_for_user(),
                                          self.server.id,
                                          form["submission_id"]))

        res = self.client.post(self.url, form)

        self.assertEqual(0, self.http.call_count)
        [(level, text)] = self.messages(res)
        self.assertEqual("error", level)
        self.assertIn("already submitted", text)

    def test_no_backup_without_the_submission_cache(self):
        self.mock_backup()
        with mock.patch.object(submissions.cache, "add",
                               side_effect=OSError("memcached is down")):
            res = self.client.post(self.url, self.form())
        self.assertEqual(0, self.http.call_count)
        [(level, text)] = self.messages(res)
        self.assertEqual("error", level)
        self.assertIn("unavailable right now", text)
        self.assertNotIn("memcached", text)

    def test_backup_made_even_if_it_cannot_be_recorded(self):
        self.mock_backup()
        with mock.patch.object(submissions.cache, "set",
                               side_effect=OSError("memcached is down")):
            res = self.client.post(self.url, self.form())
        [(level, text)] = self.messages(res)
        self.assertEqual("success", level)
        self.assertIn(helpers.IMAGE_ID, text)

    def test_two_forms_make_two_backups(self):
        self.mock_backup()
        self.client.post(self.url, self.form())
        self.client.post(self.url, self.form())
        self.assertEqual(2, self.http.call_count)

    def test_a_form_replayed_for_another_instance_never_claims_already_made(
            self):
        other = str(uuid.uuid4())
        self.mock_backup()
        self.mock_backup(other, json={"id": OTHER_IMAGE_ID})
        form = self.form()
        self.client.post(self.url, form)

        # (Signed for the other instance, as its own form's GET would.)
        res = self.client.post(self.url.replace(self.server.id, other),
                               dict(form, instance_id=other,
                                    owner=helpers.signed_owner(
                                        self, form["submission_id"],
                                        helpers.nova_server(
                                            self.server, id=other))))

        # A backup of the other instance, named by its own image.
        self.assertEqual(2, self.http.call_count)
        self.assertEqual(self.server_url(other) + "/backup_instance",
                         self.http.last_request.url)
        [(level, text)] = self.messages(res)
        self.assertEqual("success", level)
        self.assertNotIn("already made", text)
        self.assertIn(OTHER_IMAGE_ID, text)
        self.assertNotIn(helpers.IMAGE_ID, text)

    def test_a_form_replayed_from_another_project_never_claims_already_made(
            self):
        self.mock_backup()
        form = self.form()
        self.client.post(self.url, form)
        self.assertFalse(submissions.claim(self.request_for_user(),
                                           self.server.id,
                                           form["submission_id"]))

        other_project = mock.Mock(user=mock.Mock(id=self.user.id,
                                                 project_id="other-project"))
        self.assertIsNone(submissions.recorded_image_id(
            other_project, self.server.id, form["submission_id"]))
        self.assertTrue(submissions.claim(other_project, self.server.id,
                                          form["submission_id"]))

    def test_claim_keys_are_memcached_safe_for_any_user_id(self):
        for user_id in ("cn=Jane Doe,ou=people", "ünïcode id", "x" * 400,
                        "tab\tand\nnewline"):
            request = mock.Mock(user=mock.Mock(id=user_id,
                                               project_id="p 1"))
            key = submissions._key(request, self.server.id,
                                   submissions.new_submission_id())
            self.assertEqual([], list(memcache_key_warnings(key)), key)
            self.assertLessEqual(len(key), 250)

    def test_claim_keys_differ_when_parts_only_shift(self):
        def key(user_id, project_id):
            request = mock.Mock(user=mock.Mock(id=user_id,
                                               project_id=project_id))
            return submissions._key(request, "i", "s")
        self.assertNotEqual(key("ab", "c"), key("a", "bc"))
