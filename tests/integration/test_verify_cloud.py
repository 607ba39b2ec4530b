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

"""Verify (a test restore) on the local cloud: an image-backed backup with
``openstack server quick-backup verify --wait``, a volume-backed one from
Horizon over HTTP (its row's updates finish it), and a quota with no room.
Asked as admin afterwards, Nova and Cinder hold nothing of the tests."""

import json

import pytest

from quick_backup_client import backup_paths
from quick_backup_server import protocol
from tests.integration.cloud import COMPUTE
from tests.integration.cloud import VOLUME
from tests.integration.cloud import delete_backup
from tests.integration.cloud import image
from tests.integration.cloud import make_backup
from tests.integration.cloud import wait_until
from tests.integration.security import Web
from tests.integration.test_osc_cloud import openstack


def verify_instances(admin_session):
    """Every project's test instances (none, once each test is done)."""
    found = admin_session.get(
        "/servers/detail?all_tenants=1&name=^" +
        protocol.VERIFY_SERVER_PREFIX, endpoint_filter=COMPUTE).json()
    return [server["id"] for server in found["servers"]]


def volumes_from(admin_session, snapshot_ids):
    """Every project's volumes made from ``snapshot_ids``."""
    found = admin_session.get("/volumes/detail?all_tenants=1",
                              endpoint_filter=VOLUME).json()["volumes"]
    return [volume["id"] for volume in found
            if volume.get("snapshot_id") in snapshot_ids]


@pytest.fixture
def web_1_backup(cloud, demo_session):
    backup_id = make_backup(demo_session, cloud.info["servers"]["web-1"],
                            "verify-me")
    yield backup_id
    delete_backup(demo_session, backup_id)


def test_verify_wait_passes_an_image_backed_backup_and_leaves_nothing(
        cloud, demo_session, admin_session, web_1_backup):
    done = openstack(cloud, "server", "quick-backup", "verify",
                     web_1_backup, "--wait", "-f", "json")
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    # show's values, and the result in words.
    assert shown["verified"] == protocol.VERIFIED_PASSED
    assert shown["result"] == "verified"
    assert shown["test_instance"] == ""
    recorded = image(demo_session, web_1_backup)
    assert recorded[protocol.VERIFIED_PROPERTY] == protocol.VERIFIED_PASSED
    assert recorded[protocol.VERIFIED_AT_PROPERTY]
    assert protocol.VERIFY_SERVER_PROPERTY not in recorded
    assert verify_instances(admin_session) == []


def test_verify_from_horizon_passes_a_volume_backed_backup_and_its_volumes_go(
        cloud, demo_session, admin_session):
    backup_id = make_backup(demo_session, cloud.info["servers"]["vol-1"],
                            "verify-volumes")
    snapshots = backup_paths.volume_snapshot_ids(
        image(demo_session, backup_id))
    web = Web(cloud, "demo")
    try:
        sent = web.post("/project/quick_backups/", {
            "action": "backups__verify__" + backup_id})
        assert sent.status_code == 302
        assert any("Started a test restore" in message
                   for message in web.messages(sent))
        row = "/project/quick_backups/?action=row_update&table=backups&" \
              "obj_id=" + backup_id

        def finished():
            web.get(row, headers={"X-Requested-With": "XMLHttpRequest"})
            return protocol.VERIFY_SERVER_PROPERTY not in image(
                demo_session, backup_id)
        wait_until(finished, timeout=180, what="the test restore to end")
        recorded = image(demo_session, backup_id)
        assert recorded[protocol.VERIFIED_PROPERTY] == \
            protocol.VERIFIED_PASSED, recorded.get(
                protocol.VERIFIED_REASON_PROPERTY)
        page = web.get("/project/quick_backups/%s/" % backup_id)
        assert "Verified" in page.text
        assert verify_instances(admin_session) == []
        assert volumes_from(admin_session, snapshots) == []
    finally:
        delete_backup(demo_session, backup_id)


def test_no_room_for_the_test_instance_is_refused_and_nothing_booted(
        cloud, demo_session, admin_session, web_1_backup):
    quota = "/os-quota-sets/" + cloud.info["demo_project_id"]
    allowed = admin_session.get(quota, endpoint_filter=COMPUTE).json()[
        "quota_set"]["instances"]
    used = demo_session.get("/limits", endpoint_filter=COMPUTE).json()[
        "limits"]["absolute"]["totalInstancesUsed"]
    admin_session.put(quota, endpoint_filter=COMPUTE,
                      json={"quota_set": {"instances": used}})
    try:
        refused = openstack(cloud, "server", "quick-backup", "verify",
                            web_1_backup)
        assert refused.returncode == 1
        assert "no room in your project's quota" in refused.stderr
        assert verify_instances(admin_session) == []
        assert protocol.VERIFY_SERVER_PROPERTY not in image(
            demo_session, web_1_backup)
    finally:
        admin_session.put(quota, endpoint_filter=COMPUTE,
                          json={"quota_set": {"instances": allowed}})
