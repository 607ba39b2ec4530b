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

"""The Backups panel through Django's test client: the table, a backup's
page, delete, restore, and what each costs."""

import json

from django.urls import reverse

from backup_dashboard import urlnames
from tests import helpers

OTHER_ID = "0d9b2c1e-3333-4b7a-9c51-7a1e2f3d4c66"
SNAPSHOTS = ["5a5a5a5a-0000-4000-8000-00000000000%d" % n for n in (1, 2)]
PROJECT = "1"  # the test user's project in Horizon's test data


def backup_image(server_id, image_id=helpers.IMAGE_ID, **properties):
    image = {"id": image_id, "name": "nightly", "status": "active",
             "size": 2048, "checksum": "abc", "owner": PROJECT,
             "created_at": "2026-11-23T10:00:00Z",
             "quick_backup": "true", "quick_backup_instance": server_id,
             "quick_backup_instance_name": "old-name", "description": "d",
             "instance_uuid": server_id}
    image.update(properties)
    return image


def volume_backed(image):
    image = dict(image, size=0, bdm_v2="True", block_device_mapping=json.dumps(
        [{"snapshot_id": s, "boot_index": n} for n, s in
         enumerate(SNAPSHOTS)]))
    del image["instance_uuid"]
    return image


class PanelTestCase(helpers.QuickBackupTestCase):

    def setUp(self):
        super().setUp()
        self.index = reverse(urlnames.BACKUPS)
        self.image = backup_image(self.server.id)

    def mock_listing(self, images, more=False):
        answer = {"images": images}
        if more:
            answer["next"] = "/v2/images?marker=x"
        return self.http.get(self.glance_url + "/v2/images", json=answer)

    def mock_servers(self, servers=None):
        servers = [self.server] if servers is None else servers
        return self.http.get(self.nova_url + "/servers/detail", json={
            "servers": [server.to_dict() for server in servers]})

    def mock_image(self, image, **kwargs):
        kwargs.setdefault("json", image)
        return self.http.get(self.glance_url + "/v2/images/" + image["id"],
                             **kwargs)

    def messages(self, res):
        return [(m.level_tag, str(m))
                for m in res.wsgi_request._messages._queued_messages]


class TableTests(PanelTestCase):

    def test_one_glance_and_one_nova_call_whatever_the_rows(self):
        images = [backup_image(self.server.id, image_id=OTHER_ID, name=n)
                  for n in ("a", "b", "c")]
        listed = self.mock_listing(images)
        self.mock_servers()

        res = self.client.get(self.index)

        self.assertEqual(2, self.http.call_count)
        query = listed.last_request.qs
        self.assertEqual(["true"], query["quick_backup"])
        self.assertEqual([self.tenant.id], query["owner"])
        self.assertEqual(["created_at"], query["sort_key"])
        self.assertEqual(["desc"], query["sort_dir"])
        self.assertEqual(3, len(res.context["table"].data))

    def test_an_inherited_marker_is_not_a_backup(self):
        inherited = backup_image(self.server.id, image_id=OTHER_ID,
                                 instance_uuid="someone-else")
        self.mock_listing([self.image, inherited])
        self.mock_servers()
        res = self.client.get(self.index)
        self.assertEqual([self.image["id"]],
                         [b.id for b in res.context["table"].data])

    def test_instance_linked_when_it_exists_and_named_when_gone(self):
        gone = backup_image(OTHER_ID, image_id=OTHER_ID)
        self.mock_listing([self.image, gone])
        self.mock_servers()

        res = self.client.get(self.index)

        self.assertContains(res, '<a href="%s">%s</a>' % (reverse(
            urlnames.INSTANCE_DETAIL, args=[self.server.id]),
            self.server.name))
        self.assertContains(res, "old-name <em>(deleted)</em>")

    def test_a_block_device_mapping_that_is_no_list_is_no_500(self):
        for odd in ("null", "5", "true", '{"snapshot_id": "x"}'):
            self.http.reset_mock()
            self.mock_listing([dict(self.image, block_device_mapping=odd)])
            self.mock_servers()
            self.assertEqual(200, self.client.get(self.index).status_code)

    def test_a_page_of_only_inherited_markers_looks_further(self):
        inherited = backup_image(self.server.id, image_id="x",
                                 instance_uuid="someone-else")
        self.http.get(self.glance_url + "/v2/images", [
            {"json": {"images": [inherited], "next": "/v2/images?m=x"}},
            {"json": {"images": [self.image]}}])
        self.mock_servers()
        res = self.client.get(self.index)
        self.assertEqual([self.image["id"]],
                         [b.id for b in res.context["table"].data])

    def test_volume_backed_size_counts_snapshots_and_markup_is_text(self):
        self.mock_listing([volume_backed(dict(
            self.image, name="<b>x</b>", description="<i>y</i>"))])
        self.mock_servers()
        res = self.client.get(self.index)
        self.assertContains(res, "2 volume snapshots")
        self.assertContains(res, "&lt;b&gt;x&lt;/b&gt;")
        self.assertNotContains(res, "<b>x</b>")
        self.assertNotContains(res, "<i>y</i>")

    def test_a_backup_being_made_shows_the_instance_task_as_horizon_names_it(
            self):
        saving = dict(self.image, status="saving")
        server = helpers.nova_server(
            self.server, id=self.server.id,
            **{"OS-EXT-STS:task_state": "image_uploading"})
        self.mock_listing([saving])
        self.mock_servers([server])
        res = self.client.get(self.index)
        self.assertContains(res, "Image Uploading")
        self.assertContains(res, 'data-update-url')  # the row polls itself

    def test_filters_are_glance_property_filters(self):
        listed = self.mock_listing([])
        self.mock_servers()
        for field, value, param in (("name", "n", "name"),
                                    ("instance", OTHER_ID,
                                     "quick_backup_instance")):
            self.client.post(self.index, {
                "backups__filter__q_field": field,
                "backups__filter__q": value})
            self.client.get(self.index)
            self.assertEqual([value], listed.last_request.qs[param])

    def test_pages_follow_glances_marker(self):
        listed = self.mock_listing([self.image], more=True)
        self.mock_servers()
        res = self.client.get(self.index)
        self.assertContains(res, "?marker=%s" % self.image["id"])
        self.client.get(self.index + "?marker=" + self.image["id"])
        self.assertEqual([self.image["id"]], listed.last_request.qs["marker"])

    def test_glance_down_is_a_message_not_a_500(self):
        self.http.get(self.glance_url + "/v2/images", status_code=503)
        self.mock_servers()
        res = self.client.get(self.index)
        self.assertEqual(200, res.status_code)
        self.assertContains(res, "Unable to list backups.")

    def test_nova_down_is_a_warning_and_no_instance_is_called_deleted(self):
        self.mock_listing([self.image])
        self.http.get(self.nova_url + "/servers/detail", status_code=503)

        res = self.client.get(self.index)

        self.assertEqual(200, res.status_code)
        self.assertContains(res, "old-name")
        self.assertNotContains(res, "(deleted)")
        self.assertContains(res, "alert-warning")
        self.assertContains(res, "Unable to retrieve the instances right "
                                 "now")

    def test_row_update_reads_one_backup(self):
        self.mock_image(dict(self.image, status="saving",
                             created_at=helpers.minutes_ago(1)))
        self.mock_server_get()
        res = self.client.get(self.index + "?action=row_update&table="
                              "backups&obj_id=" + self.image["id"],
                              HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        self.assertEqual(200, res.status_code)
        self.assertContains(res, "Saving")
        self.assertEqual(2, self.http.call_count)

    def test_a_row_update_for_anything_but_an_image_id_asks_nothing(self):
        res = self.client.get(self.index + "?action=row_update&table="
                              "backups&obj_id=x%2Fmembers",
                              HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        self.assertNotEqual(500, res.status_code)
        self.assertEqual(0, self.http.call_count)

    def test_a_row_that_turned_active_keeps_its_instance(self):
        self.mock_image(self.image)
        self.mock_server_get()
        res = self.client.get(self.index + "?action=row_update&table="
                              "backups&obj_id=" + self.image["id"],
                              HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        self.assertContains(res, reverse(urlnames.INSTANCE_DETAIL,
                                         args=[self.server.id]))
        self.assertNotContains(res, "(deleted)")
        self.assertContains(res, "action_restore")


class DetailTests(PanelTestCase):

    def url(self, image_id=helpers.IMAGE_ID):
        return reverse(urlnames.BACKUP_DETAIL, args=[image_id])

    def test_shows_the_backup(self):
        self.mock_image(self.image)
        self.mock_server_get()
        res = self.client.get(self.url())
        for shown in (helpers.IMAGE_ID, self.server.name, "abc", "2.0"):
            self.assertContains(res, shown)

    def test_an_instance_nova_cannot_show_is_not_called_deleted(self):
        self.mock_image(self.image)
        self.http.get(self.nova_url + "/servers/" + self.server.id,
                      status_code=500)
        res = self.client.get(self.url())
        self.assertEqual(200, res.status_code)
        self.assertNotContains(res, "(deleted)")
        self.assertContains(res, "alert-warning")
        self.assertContains(res, "Unable to retrieve the instances right "
                                 "now")

    def test_an_instance_nova_no_longer_has_is_called_deleted(self):
        self.mock_image(self.image)
        self.http.get(self.nova_url + "/servers/" + self.server.id,
                      status_code=404, json={"itemNotFound": {
                          "code": 404, "message": "Instance not found"}})
        res = self.client.get(self.url())
        self.assertContains(res, "old-name <em>(deleted)</em>")
        self.assertNotContains(res, "alert-warning")

    def test_lists_the_volume_snapshots_of_a_volume_backed_one(self):
        self.mock_image(volume_backed(self.image))
        self.mock_server_get()
        self.http.get(self.cinder_url + "/snapshots/detail", json={
            "snapshots": [{"id": SNAPSHOTS[0], "name": "snapshot for x",
                           "size": 1, "status": "available"}]})
        res = self.client.get(self.url())
        self.assertContains(res, "snapshot for x")
        self.assertContains(res, SNAPSHOTS[1])

    def test_an_image_that_is_no_quick_backup_is_refused(self):
        self.mock_image(dict(self.image, quick_backup_instance=None))
        res = self.client.get(self.url())
        self.assertRedirectsNoFollow(res, self.index)

    def test_an_image_glance_does_not_show_is_a_message(self):
        self.mock_image(self.image, status_code=404, json={})
        res = self.client.get(self.url())
        self.assertRedirectsNoFollow(res, self.index)
        self.assertIn("Unable to retrieve the backup",
                      self.messages(res)[0][1])

    def test_another_projects_image_with_the_markers_is_refused(self):
        # A community image carrying the markers and naming the user's own
        # instance must get no page and no Restore.
        self.mock_image(dict(self.image, owner="attacker",
                             visibility="community"))
        for url in (self.url(), reverse(urlnames.RESTORE,
                                        args=[self.image["id"]])):
            res = self.client.get(url)
            self.assertRedirectsNoFollow(res, self.index)

    def test_odd_answers_from_glance_are_messages(self):
        for answer in ([self.image], "text", {"id": self.image["id"]}):
            self.http.get(self.glance_url + "/v2/images/" + self.image["id"],
                          json=answer)
            res = self.client.get(self.url())
            self.assertRedirectsNoFollow(res, self.index)

    def test_an_id_not_shaped_like_glances_is_a_404(self):
        res = self.client.get(self.index + "x/")
        self.assertEqual(404, res.status_code)
        self.assertEqual(0, self.http.call_count)
