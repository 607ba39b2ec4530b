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

"""What the Quick Backup form shows before the click, and what it costs:
volumes and snapshot quota, rotation, consistency."""

from django.core.cache import cache
from django.test.utils import override_settings
from django.urls import reverse

from backup_dashboard.api import nova as nova_api
from tests import helpers

ROOT = {"id": "11111111-1111-4111-8111-111111111111", "name": "root-vol",
        "size": 10, "bootable": "true", "volume_image_metadata": {}}
DATA = {"id": "22222222-2222-4222-8222-222222222222", "name": "<b>data</b>",
        "size": 20}
ROTATION = dict(QUICK_BACKUP_METHOD="create_backup",
                QUICK_BACKUP_BACKUP_TYPE="nightly", QUICK_BACKUP_ROTATION=2)


class PreviewTestCase(helpers.QuickBackupTestCase):

    def open_form(self, server):
        self.mock_server_get(server)
        url = reverse("horizon:project:quick_backups:create", args=[server.id])
        return self.client.get(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest")

    def volume_backed(self, volumes=(ROOT, DATA), **info):
        return helpers.nova_server(self.server, image="", **{
            "os-extended-volumes:volumes_attached": [
                {"id": volume["id"]} for volume in volumes]}, **info)

    def mock_cinder(self, volumes=(ROOT, DATA), allowed=10, used=0):
        self.http.get(self.cinder_url + "/volumes/detail",
                      json={"volumes": list(volumes)})
        self.http.get(self.cinder_url + "/limits", json={"limits": {
            "absolute": {"maxTotalSnapshots": allowed,
                         "totalSnapshotsUsed": used}}})

    def assert_submit_offered(self, res, offered=True):
        (self.assertContains if offered else self.assertNotContains)(
            res, 'type="submit"')


class VolumeBackedTests(PreviewTestCase):

    def test_names_the_volumes_with_three_requests_in_all(self):
        self.mock_cinder()

        res = self.open_form(self.volume_backed())

        self.assertEqual(3, self.http.call_count)
        self.assertContains(res, "points to snapshots of its 2 volumes")
        self.assertContains(res, "root-vol (10 GiB)")
        self.assertContains(res, "&lt;b&gt;data&lt;/b&gt; (20 GiB)")
        self.assertContains(res, "may make 10 more volume snapshots")
        self.assertContains(res, 'name="volume_backed" value="True"')
        self.assertContains(res, 'name="volume_count" value="2"')
        self.assert_submit_offered(res)

    def test_a_short_snapshot_quota_blocks_the_submit(self):
        self.mock_cinder(allowed=10, used=9)

        res = self.open_form(self.volume_backed())

        self.assertContains(res, "alert-danger")
        self.assertContains(res, "snapshots its 2 volumes, and your "
                                 "project&#x27;s quota allows 1 more")
        self.assert_submit_offered(res, False)

    def test_no_snapshot_limit(self):
        self.mock_cinder(allowed=-1, used=500)
        res = self.open_form(self.volume_backed())
        self.assert_submit_offered(res)
        self.assertNotContains(res, "more volume snapshot")

    def test_cinder_unreachable_still_opens_the_form(self):
        self.http.get(self.cinder_url + "/volumes/detail", status_code=503)
        res = self.open_form(self.volume_backed())
        self.assertContains(res, "could not be read")
        self.assert_submit_offered(res)

    def test_image_backed_costs_one_request_and_says_nothing_of_volumes(
            self):
        res = self.open_form(self.server)
        self.assertEqual(1, self.http.call_count)
        self.assertNotContains(res, "boots from a volume")
        self.assertContains(res, 'name="volume_backed" value="False"')


class RotationTests(PreviewTestCase):

    def mock_backups(self, names):
        images = [{"id": "i%d" % i, "name": name,
                   "created_at": "2026-11-%02dT10:00:00Z" % (20 - i)}
                  for i, name in enumerate(names)]
        return self.http.get(self.glance_url + "/v2/images",
                             json={"images": images})

    @override_settings(**ROTATION)
    def test_lists_what_the_rotation_deletes(self):
        listed = self.mock_backups(["newest", "older", "<i>oldest</i>"])

        res = self.open_form(self.server)

        self.assertEqual(2, self.http.call_count)
        query = listed.last_request.qs
        self.assertEqual(["backup"], query["image_type"])
        self.assertEqual(["nightly"], query["backup_type"])
        self.assertEqual([self.server.id], query["instance_uuid"])
        self.assertEqual(["created_at"], query["sort_key"])
        self.assertEqual(["desc"], query["sort_dir"])
        self.assertContains(res, "keeps only the newest 2 backups")
        self.assertNotContains(res, "<li>newest")
        self.assertContains(res, "<li>older (")
        self.assertContains(res, "<li>&lt;i&gt;oldest&lt;/i&gt; (")

    @override_settings(**ROTATION)
    def test_says_when_nothing_is_deleted(self):
        self.mock_backups(["only"])
        res = self.open_form(self.server)
        self.assertContains(res, "deletes none of them")

    @override_settings(**ROTATION)
    def test_glance_unreachable_blocks_rather_than_delete_unseen(self):
        self.http.get(self.glance_url + "/v2/images", status_code=500)
        res = self.open_form(self.server)
        self.assertContains(res, "Unable to list this instance")
        self.assert_submit_offered(res, False)

    @override_settings(QUICK_BACKUP_METHOD="create_backup",
                       QUICK_BACKUP_BACKUP_TYPE="nightly",
                       QUICK_BACKUP_ROTATION=0)
    def test_rotation_0_blocks_the_form(self):
        res = self.open_form(self.server)
        self.assertContains(res, "not set up correctly")
        self.assert_submit_offered(res, False)
        self.assertEqual(1, self.http.call_count)

    @override_settings(**ROTATION)
    def test_a_volume_backed_instance_is_not_rotated(self):
        self.mock_cinder()
        res = self.open_form(self.volume_backed())
        self.assertEqual(3, self.http.call_count)  # no Glance listing
        self.assertNotContains(res, "keeps only the newest")


class ConsistencyTests(PreviewTestCase):

    def with_image_properties(self, properties, **info):
        image = {"id": "img", "links": [], "properties": properties}
        return helpers.nova_server(self.server, image=image, **info)

    def test_guest_agent_means_application_consistent(self):
        res = self.open_form(self.with_image_properties(
            {"hw_qemu_guest_agent": "yes"}))
        self.assertContains(res, "Application-consistent")
        self.assertNotContains(res, "backup fails")

    def test_required_quiesce_is_said(self):
        res = self.open_form(self.with_image_properties(
            {"hw_qemu_guest_agent": "yes", "os_require_quiesce": "yes"}))
        self.assertContains(res, "backup fails rather than")

    def test_no_guest_agent_means_crash_consistent(self):
        res = self.open_form(self.with_image_properties({}))
        self.assertContains(res, "Crash-consistent")
        self.assertContains(res, "hw_qemu_guest_agent=yes")
        # The label the backup will record goes with the form.
        self.assertContains(res, 'name="consistency" value="crash"')

    def test_a_shut_off_instance_is_consistent(self):
        res = self.open_form(self.with_image_properties({},
                                                        status="SHUTOFF"))
        self.assertContains(res, "the instance is shut off")

    def test_asks_for_2_98_where_nova_has_it(self):
        self.open_form(self.server)
        self.assertEqual("compute 2.98", self.http.last_request.headers[
            "OpenStack-API-Version"])

    def test_an_older_nova_says_unknown_rather_than_guess(self):
        self.learned(max_version="2.96")
        res = self.open_form(self.server)
        self.assertContains(res, "Consistency unknown")
        self.assertNotContains(res, "Crash-consistent")
        self.assertContains(res, 'name="consistency" value="unknown"')
        self.assertEqual("compute 2.1", self.http.last_request.headers[
            "OpenStack-API-Version"])

    def test_odd_answers_never_break_the_form(self):
        odd = helpers.nova_server(self.server, image="", **{
            "os-extended-volumes:volumes_attached": [
                {"id": ROOT["id"]}, {"no": "id"}, "x"]})
        self.mock_cinder(volumes=(dict(ROOT, volume_image_metadata="x"),))
        self.assertEqual(200, self.open_form(odd).status_code)
        self.http.reset_mock()
        weird = self.with_image_properties("not a dict")
        self.assertEqual(200, self.open_form(weird).status_code)

    def test_a_version_document_that_fails_is_asked_again_later(self):
        cache.clear()
        self.http.get(self.nova_url, status_code=503, json={})
        self.mock_probe(served=True)
        res = self.open_form(self.server)
        self.assertEqual(200, res.status_code)
        [server_get] = [r for r in self.http.request_history
                        if r.path.endswith(self.server.id)]
        self.assertEqual("compute 2.1",
                         server_get.headers["OpenStack-API-Version"])
        self.assertNotIn("max_version", cache.get(
            nova_api.facts_key(self.nova_url)) or {})

    def test_a_volume_backed_instance_reads_its_boot_volume(self):
        root = dict(ROOT, volume_image_metadata={"hw_qemu_guest_agent": "1"})
        self.mock_cinder(volumes=(root, DATA))
        res = self.open_form(self.volume_backed(volumes=(root, DATA)))
        self.assertContains(res, "Application-consistent")
