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

"""Copy to Store and Remove Copy on the Backups panel: what shows (from the
page's one Glance listing), what each page and form costs, and refusals."""

from django.test.utils import override_settings
from django.urls import reverse

from backup_dashboard.panels.quick_backup import submissions
from backup_dashboard import policies
from backup_dashboard import urlnames
from tests.test_backups_actions import deny
from tests.test_backups_panel import PanelTestCase
from tests.test_backups_panel import volume_backed

STORES = {"stores": [
    {"id": "local", "description": "Local", "default": True},
    {"id": "offsite", "description": "Off-site"}]}


class CopyTableTests(PanelTestCase):

    def row_actions(self, res, image_id=None):
        table = res.context["table"]
        backup = table.get_object_by_id(image_id or self.image["id"])
        return {action.name for action in table.get_row_actions(backup)}

    def listing_of(self, *images):
        self.mock_listing(list(images))
        self.mock_servers()
        return self.client.get(self.index_url)

    def setUp(self):
        super().setUp()
        self.index_url = self.index
        self.image = dict(self.image, stores="local")

    def test_a_multi_store_backup_offers_a_copy_and_shows_its_stores(self):
        res = self.listing_of(self.image)
        # Still one Glance and one Nova request.
        self.assertEqual(2, self.http.call_count)
        self.assertIn("copy", self.row_actions(res))
        self.assertNotIn("remove_copy", self.row_actions(res))
        self.assertContains(res, "Stores")
        self.assertNotContains(res, 'class="hide')

    def test_a_backup_in_two_stores_offers_to_remove_one_copy(self):
        res = self.listing_of(dict(self.image, stores="local,offsite"))
        self.assertIn("remove_copy", self.row_actions(res))
        self.assertContains(res, "local, offsite")

    def test_a_single_store_glance_shows_no_stores_and_offers_no_copy(self):
        del self.image["stores"]
        res = self.listing_of(self.image)
        self.assertEqual(2, self.http.call_count)
        self.assertNotIn("copy", self.row_actions(res))
        self.assertNotIn("remove_copy", self.row_actions(res))
        column = res.context["table"].columns["stores"]
        self.assertIn("hide", column.get_final_attrs()["class"])

    def test_a_volume_backed_backup_is_never_offered_a_copy(self):
        image = volume_backed(self.image)
        res = self.listing_of(image)
        self.assertNotIn("copy", self.row_actions(res))

    def test_a_copying_row_is_not_final_so_the_row_update_follows_it(self):
        copying = dict(self.image, os_glance_importing_to_stores="offsite",
                       os_glance_import_task="t")
        res = self.listing_of(copying)
        row = res.context["table"].get_rows()[0]
        self.assertIsNone(row.status)
        self.assertContains(res, "Copying to offsite")
        self.assertNotIn("copy", self.row_actions(res))
        res = self.listing_of(self.image)
        self.assertTrue(res.context["table"].get_rows()[0].status)

    def test_a_failed_copy_is_said(self):
        res = self.listing_of(dict(self.image,
                                   os_glance_failed_import="offsite"))
        self.assertContains(res, "Copy to offsite failed")

    @override_settings(POLICY_CHECK_FUNCTION=deny(policies.COPY_IMAGE))
    def test_no_copy_where_horizons_image_policy_denies_it(self):
        res = self.listing_of(dict(self.image, stores="local,offsite"))
        self.assertNotIn("copy", self.row_actions(res))
        self.assertIn("remove_copy", self.row_actions(res))

    def test_the_backups_page_shows_its_stores_and_why_no_copy(self):
        image = volume_backed(self.image)
        self.mock_image(image)
        self.mock_server_get()
        res = self.client.get(reverse(urlnames.BACKUP_DETAIL,
                                      args=[image["id"]]))
        self.assertContains(res, "quick-backup-stores")
        self.assertContains(res, "would move nothing")

    def test_the_backups_page_on_a_single_store_glance_has_no_stores(self):
        del self.image["stores"]
        self.mock_image(self.image)
        self.mock_server_get()
        res = self.client.get(reverse(urlnames.BACKUP_DETAIL,
                                      args=[self.image["id"]]))
        self.assertNotContains(res, "quick-backup-stores")


class CopyFormTests(PanelTestCase):

    def setUp(self):
        super().setUp()
        self.image = dict(self.image, stores="local")
        self.url = reverse(urlnames.COPY, args=[self.image["id"]])
        self.mock_image(self.image)
        self.info = self.http.get(self.glance_url + "/v2/info/stores",
                                  json=STORES)
        self.imports = self.http.post(
            self.glance_url + "/v2/images/%s/import" % self.image["id"],
            status_code=202)

    def submit(self, submission_id=None, store="offsite"):
        return self.client.post(self.url, {
            "store": store,
            "submission_id": submission_id or
            submissions.new_submission_id()})

    def test_the_form_offers_the_stores_the_backup_is_not_in(self):
        res = self.client.get(self.url)
        self.assertEqual(2, self.http.call_count)  # the image, the stores
        widget = res.context["form"].fields["store"].widget
        self.assertEqual([("offsite", "Off-site (offsite)")],
                         list(widget.choices))

    def test_a_copy_is_one_copy_image_import(self):
        res = self.submit()
        self.assertRedirectsNoFollow(res, reverse(urlnames.BACKUPS))
        self.assertEqual(1, self.imports.call_count)
        self.assertEqual({"method": {"name": "copy-image"},
                          "stores": ["offsite"],
                          "all_stores_must_succeed": False},
                         self.imports.last_request.json())
        self.assertEqual("success", self.messages(res)[0][0])

    def test_a_repeated_submit_starts_no_second_copy(self):
        submission_id = submissions.new_submission_id()
        self.submit(submission_id)
        res = self.submit(submission_id)
        self.assertEqual(1, self.imports.call_count)
        self.assertEqual([("info", "This form was already submitted.")],
                         self.messages(res))

    def test_a_store_the_backup_is_in_is_no_choice(self):
        res = self.submit(store="local")
        self.assertEqual(0, self.imports.call_count)
        self.assertIn("already in that store", self.messages(res)[0][1])

    def test_a_store_the_user_may_not_use_is_never_sent_to_glance(self):
        res = self.submit(store="../../images/x")
        self.assertEqual(0, self.imports.call_count)
        self.assertIn("not one you may use", self.messages(res)[0][1])

    def test_the_form_sent_again_once_the_copy_is_done_starts_none(self):
        submission_id = submissions.new_submission_id()
        self.submit(submission_id)
        self.mock_image(dict(self.image, stores="local,offsite"))
        res = self.submit(submission_id)
        self.assertEqual(1, self.imports.call_count)
        self.assertEqual([("info", "This form was already submitted.")],
                         self.messages(res))

    def test_the_form_sent_again_while_glance_copies_starts_none(self):
        submission_id = submissions.new_submission_id()
        self.submit(submission_id)
        self.mock_image(dict(self.image, os_glance_import_task="t"))
        res = self.submit(submission_id)
        self.assertEqual(1, self.imports.call_count)
        self.assertEqual([("info", "This form was already submitted.")],
                         self.messages(res))

    def test_glances_409_says_a_copy_is_under_way_in_our_words(self):
        self.http.post(
            self.glance_url + "/v2/images/%s/import" % self.image["id"],
            status_code=409, text="<html>Conflict: lock</html>")
        res = self.submit()
        (level, text), = self.messages(res)
        self.assertEqual("error", level)
        self.assertIn("already copying", text)
        self.assertNotIn("lock", text)

    def test_a_volume_backed_backup_is_refused_by_url_and_glance_not_asked(
            self):
        self.mock_image(volume_backed(self.image))
        res = self.submit()
        self.assertRedirectsNoFollow(res, reverse(urlnames.BACKUPS))
        self.assertIn("would move nothing", self.messages(res)[0][1])
        self.assertEqual(0, self.imports.call_count)

    def test_another_projects_image_is_refused(self):
        self.mock_image(dict(self.image, owner="someone-else"))
        res = self.submit()
        self.assertRedirectsNoFollow(res, reverse(urlnames.BACKUPS))
        self.assertEqual(0, self.imports.call_count)

    @override_settings(POLICY_CHECK_FUNCTION=deny(policies.COPY_IMAGE))
    def test_the_form_sent_by_url_where_policy_denies_is_refused(self):
        res = self.submit()
        self.assertEqual([("error", "You are not allowed to copy this "
                                    "backup.")], self.messages(res))
        self.assertEqual(0, self.imports.call_count)


class RemoveCopyTests(PanelTestCase):

    def setUp(self):
        super().setUp()
        self.image = dict(self.image, stores="local,offsite")
        self.url = reverse(urlnames.REMOVE_COPY, args=[self.image["id"]])
        self.removed = self.http.delete(
            self.glance_url + "/v2/stores/offsite/" + self.image["id"],
            status_code=204)

    def submit(self, store="offsite"):
        return self.client.post(self.url, {
            "store": store,
            "submission_id": submissions.new_submission_id()})

    def test_a_copy_is_removed_with_one_delete_from_that_store(self):
        self.mock_image(self.image)
        res = self.submit()
        self.assertEqual("success", self.messages(res)[0][0])
        self.assertEqual(1, self.removed.call_count)
        self.assertEqual(2, self.http.call_count)  # the image, the DELETE

    def test_the_form_sent_again_after_the_removal_removes_nothing_more(
            self):
        submission_id = submissions.new_submission_id()
        self.mock_image(self.image)
        self.client.post(self.url, {"store": "offsite",
                                    "submission_id": submission_id})
        self.mock_image(dict(self.image, stores="local"))
        res = self.client.post(self.url, {"store": "offsite",
                                          "submission_id": submission_id})
        self.assertEqual(1, self.removed.call_count)
        self.assertEqual([("info", "This form was already submitted.")],
                         self.messages(res))

    def test_the_remove_page_of_a_backup_in_one_store_refuses_to_open(self):
        self.mock_image(dict(self.image, stores="local"))
        res = self.client.get(self.url)
        self.assertRedirectsNoFollow(res, reverse(urlnames.BACKUPS))
        self.assertIn("only copy", self.messages(res)[0][1])

    def test_the_last_copy_is_never_removed(self):
        self.mock_image(dict(self.image, stores="offsite"))
        res = self.submit()
        self.assertIn("only copy", self.messages(res)[0][1])
        self.assertEqual(0, self.removed.call_count)

    @override_settings(POLICY_CHECK_FUNCTION=deny(
        policies.REMOVE_COPY[1]))
    def test_the_form_sent_by_url_where_policy_denies_is_refused(self):
        self.mock_image(self.image)
        self.submit()
        self.assertEqual(0, self.removed.call_count)
