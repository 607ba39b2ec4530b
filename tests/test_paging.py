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

"""Nova's and Cinder's lists past their first page of 1,000: the Backups
table names every backup's instance, and what each page costs."""

from django.urls import reverse

from backup_dashboard.api import paging
from backup_dashboard import urlnames
from tests import helpers
from tests.test_backups_panel import backup_image
from tests.test_backups_panel import SNAPSHOTS
from tests.test_backups_panel import volume_backed
from tests.test_backups_panel import PanelTestCase

FAR_ID = "0d9b2c1e-4444-4b7a-9c51-7a1e2f3d4c77"
GONE_ID = "0d9b2c1e-5555-4b7a-9c51-7a1e2f3d4c88"


def page(key, items, next_marker=None, base="http://nova/v2.1"):
    """One page of a list as Nova and Cinder answer it."""
    body = {key: items}
    if next_marker:
        body[key + "_links"] = [{"rel": "next", "href": "%s/%s?limit=1000&"
                                 "marker=%s" % (base, key, next_marker)}]
    return {"json": body}


def test_the_next_marker_is_read_from_the_next_link_only():
    assert paging.next_marker([
        {"rel": "self", "href": "http://x/servers?marker=no"},
        {"rel": "next", "href": "http://x/servers?limit=2&marker=m%201"}]
    ) == "m 1"
    assert paging.next_marker([]) is None
    assert paging.next_marker(None) is None
    assert paging.next_marker([{"rel": "next", "href": "http://x/s"}]) is None


class ServerPagesTests(PanelTestCase):

    def nova_servers(self, *ids):
        return [helpers.nova_server(self.server, id=server_id,
                                    name="vm-" + server_id[-2:]).to_dict()
                for server_id in ids]

    def mock_nova_pages(self, *pages):
        return self.http.get(self.nova_url + "/servers/detail", list(pages))

    def test_an_instance_on_novas_second_page_is_still_linked(self):
        self.mock_listing([backup_image(FAR_ID, image_id=FAR_ID)])
        nova = self.mock_nova_pages(
            page("servers", self.nova_servers(self.server.id), self.server.id),
            page("servers", self.nova_servers(FAR_ID)))

        res = self.client.get(self.index)

        self.assertContains(res, '<a href="%s">vm-77</a>' % reverse(
            urlnames.INSTANCE_DETAIL, args=[FAR_ID]))
        self.assertNotContains(res, "(deleted)")
        self.assertEqual(3, self.http.call_count)  # one Glance, two Nova
        first, second = nova.request_history
        self.assertEqual(["1000"], first.qs["limit"])
        self.assertNotIn("marker", first.qs)
        self.assertEqual([self.server.id], second.qs["marker"])
        self.assertEqual(["1000"], second.qs["limit"])

    def test_nova_is_asked_once_when_the_first_page_has_every_instance(self):
        self.mock_listing([self.image])
        self.mock_nova_pages(
            page("servers", self.nova_servers(self.server.id), self.server.id),
            page("servers", self.nova_servers(FAR_ID)))
        res = self.client.get(self.index)
        self.assertContains(res, "vm-%s</a>" % self.server.id[-2:])
        self.assertEqual(2, self.http.call_count)

    def test_a_backup_of_a_gone_instance_reads_every_page_then_stops(self):
        self.mock_listing([self.image, backup_image(GONE_ID,
                                                    image_id=GONE_ID)])
        nova = self.mock_nova_pages(
            page("servers", self.nova_servers(self.server.id), self.server.id),
            page("servers", self.nova_servers(FAR_ID), FAR_ID),
            page("servers", []))

        res = self.client.get(self.index)

        self.assertContains(res, "old-name <em>(deleted)</em>")
        self.assertEqual(3, nova.call_count)
        self.assertEqual(4, self.http.call_count)

    def test_a_nova_that_repeats_its_next_link_is_not_followed_again(self):
        self.mock_listing([backup_image(GONE_ID, image_id=GONE_ID)])
        nova = self.mock_nova_pages(
            page("servers", self.nova_servers(self.server.id), self.server.id))
        res = self.client.get(self.index)
        self.assertEqual(200, res.status_code)
        self.assertEqual(2, nova.call_count)

    def test_nova_failing_on_a_later_page_is_the_same_warning(self):
        self.mock_listing([backup_image(FAR_ID, image_id=FAR_ID)])
        self.mock_nova_pages(
            page("servers", self.nova_servers(self.server.id), self.server.id),
            {"status_code": 503})
        res = self.client.get(self.index)
        self.assertContains(res, "Unable to retrieve the instances right "
                                 "now")
        self.assertNotContains(res, "(deleted)")


class CinderPagesTests(PanelTestCase):

    def mock_cinder_pages(self, key, *pages):
        return self.http.get("%s/%s/detail" % (self.cinder_url, key),
                             list(pages))

    def test_the_form_names_a_volume_on_cinders_second_page(self):
        volumes = [{"id": SNAPSHOTS[n], "name": "vol-%d" % n, "size": n + 1}
                   for n in (0, 1)]
        cinder = self.mock_cinder_pages(
            "volumes", page("volumes", volumes[:1], SNAPSHOTS[0]),
            page("volumes", volumes[1:]))
        self.http.get(self.cinder_url + "/limits", json={"limits": {
            "absolute": {"maxTotalSnapshots": -1}}})
        server = helpers.nova_server(self.server, image="", **{
            "os-extended-volumes:volumes_attached": [
                {"id": volume["id"]} for volume in volumes]})
        self.mock_server_get(server)

        res = self.client.get(reverse(urlnames.QUICK_BACKUP,
                                      args=[server.id]))

        self.assertContains(res, "vol-0 (1 GiB)")
        self.assertContains(res, "vol-1 (2 GiB)")
        self.assertEqual([SNAPSHOTS[0]],
                         cinder.request_history[1].qs["marker"])
        self.assertEqual(4, self.http.call_count)  # Nova, Cinder twice, limits

    def test_a_backups_page_lists_a_snapshot_on_cinders_second_page(self):
        self.mock_image(volume_backed(self.image))
        self.mock_server_get()
        cinder = self.mock_cinder_pages(
            "snapshots", page("snapshots", [{"id": SNAPSHOTS[0],
                                             "name": "first"}], SNAPSHOTS[0]),
            page("snapshots", [{"id": SNAPSHOTS[1], "name": "far",
                                "status": "available"}]))
        res = self.client.get(reverse(urlnames.BACKUP_DETAIL,
                                      args=[self.image["id"]]))
        self.assertContains(res, "far")
        self.assertEqual(2, cinder.call_count)
        self.assertEqual(4, self.http.call_count)  # Glance, Nova, Cinder x2

    def test_one_cinder_get_when_its_first_page_has_every_snapshot(self):
        self.mock_image(volume_backed(self.image))
        self.mock_server_get()
        cinder = self.mock_cinder_pages("snapshots", page("snapshots", [
            {"id": s, "name": s} for s in SNAPSHOTS], SNAPSHOTS[1]))
        self.client.get(reverse(urlnames.BACKUP_DETAIL,
                                args=[self.image["id"]]))
        self.assertEqual(1, cinder.call_count)

    def test_delete_removes_a_snapshot_on_cinders_second_page(self):
        image = volume_backed(self.image)
        self.http.delete(self.glance_url + "/v2/images/" + image["id"])
        self.mock_cinder_pages(
            "snapshots", page("snapshots", [{"id": SNAPSHOTS[0]}],
                              SNAPSHOTS[0]),
            page("snapshots", [{"id": SNAPSHOTS[1]}]))
        deleted = [self.http.delete(self.cinder_url + "/snapshots/" + s)
                   for s in SNAPSHOTS]
        self.mock_listing([image])
        self.mock_servers()
        self.http.get(self.glance_url + "/v2/images?bdm_v2=True",
                      json={"images": []})

        self.client.post(self.index, {"action": "backups__delete",
                                      "object_ids": [image["id"]]})

        self.assertEqual([1, 1], [d.call_count for d in deleted])
