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

"""The test restore's steps (``quick_backup_client.verify``) on real
keystoneauth adapters, with Nova, Glance and Cinder answered and counted by
requests_mock."""

import datetime
import json

import pytest
import requests_mock
from keystoneauth1 import adapter
from keystoneauth1 import exceptions as ks_exceptions
from keystoneauth1 import session
from keystoneauth1 import token_endpoint

from quick_backup_client import verify
from quick_backup_client import verify_check
from quick_backup_client import verify_fit
from quick_backup_server import protocol

NOVA = "http://nova.example.com/v2.1"
GLANCE = "http://glance.example.com"
CINDER = "http://cinder.example.com/v3/p1"
IMAGE_ID = "b7e1e1f2-2222-4c1a-8f5e-3b9c1d2e4f55"
SERVER_ID = "9d0e1f2a-3333-4b5c-8d6e-7f8a9b0c1d2e"
SNAPSHOT_ID = "5e6f7a8b-4444-4c5d-9e6f-8a9b0c1d2e3f"
VOLUME_ID = "0c1d2e3f-4444-4a5b-8c6d-7e8f9a0b1c2d"
IMAGE_URL = GLANCE + "/v2/images/" + IMAGE_ID
SERVER_URL = NOVA + "/servers/" + SERVER_ID
NOW = datetime.datetime(2026, 12, 2, 4, 0, tzinfo=datetime.timezone.utc)
STARTED = "2026-12-02T04:00:00Z"
FLAVORS = [
    {"id": "big", "ram": 4096, "vcpus": 2, "disk": 40},
    {"id": "diskless", "ram": 64, "vcpus": 1, "disk": 0},
    {"id": "tiny", "ram": 128, "vcpus": 1, "disk": 1},
    {"id": "small", "ram": 512, "vcpus": 1, "disk": 10}]
ROOMY = {"maxTotalInstances": 10, "totalInstancesUsed": 1,
         "maxTotalCores": 20, "totalCoresUsed": 1,
         "maxTotalRAMSize": 51200, "totalRAMUsed": 512}


def _adapter(url, service_type):
    auth = token_endpoint.Token(url, "a-token")
    return adapter.Adapter(session.Session(auth=auth),
                           service_type=service_type)


@pytest.fixture
def http():
    with requests_mock.Mocker() as mocker:
        yield mocker


@pytest.fixture
def services():
    return verify.Services(_adapter(NOVA, "compute"),
                           _adapter(GLANCE, "image"),
                           _adapter(CINDER, "volumev3"))


def backup(volume_backed=False, **properties):
    image = {"id": IMAGE_ID, "status": "active", "size": 3 * 1024 ** 3,
             "min_ram": 0, "min_disk": 0, protocol.MARKER_PROPERTY: "true"}
    if volume_backed:
        image.update(size=0, bdm_v2="True", block_device_mapping=json.dumps(
            [{"snapshot_id": SNAPSHOT_ID, "boot_index": 0,
              "volume_size": 2, "source_type": "snapshot",
              "delete_on_termination": False}]))
    image.update(properties)
    return image


def verifying(volume_backed=False, **properties):
    return backup(volume_backed, **dict({
        protocol.VERIFY_SERVER_PROPERTY: SERVER_ID,
        protocol.VERIFIED_PROPERTY: protocol.VERIFYING,
        protocol.VERIFY_STARTED_PROPERTY: STARTED}, **properties))


def answer_start(http, limits=ROOMY, cinder_limits=None):
    http.get(NOVA + "/limits", json={"limits": {"absolute": limits}})
    http.get(NOVA + "/flavors/detail", json={"flavors": FLAVORS})
    http.get(CINDER + "/limits", json={"limits": {"absolute": dict(
        {"maxTotalVolumes": 10, "totalVolumesUsed": 0,
         "maxTotalVolumeGigabytes": 100, "totalGigabytesUsed": 0},
        **(cinder_limits or {}))}})
    http.post(NOVA + "/servers", status_code=202,
              json={"server": {"id": SERVER_ID}})
    http.patch(IMAGE_URL, json=backup())
    http.get(NOVA + "/servers/detail", json={"servers": [
        {"id": SERVER_ID, "metadata": {protocol.VERIFY_OF_METADATA: IMAGE_ID}}]})


def sent(http, method=None):
    return [(request.method, request.path) for request in http.request_history
            if method in (None, request.method)]


def patched(http):
    return {op["path"].lstrip("/"): op.get("value", "REMOVED")
            for request in http.request_history
            if request.method == "PATCH" for op in request.json()}


def test_start_boots_the_smallest_fitting_flavor_isolated_in_five_requests(
        http, services):
    answer_start(http)
    verify.start(services, backup(), now=NOW)
    assert sent(http) == [("GET", "/v2.1/limits"),
                          ("GET", "/v2.1/flavors/detail"),
                          ("POST", "/v2.1/servers"),
                          ("PATCH", "/v2/images/" + IMAGE_ID),
                          ("GET", "/v2.1/servers/detail")]
    assert http.request_history[4].qs == {
        "name": ["^quick-backup-verify-b7e1e1f2$"]}
    boot = http.request_history[2]
    assert boot.headers["OpenStack-API-Version"] == "compute 2.37"
    body = boot.json()["server"]
    # 3 GiB of image: "tiny" (1 GiB) is too small, "diskless" never fits.
    assert body["flavorRef"] == "small"
    assert body["networks"] == "none"
    assert body["imageRef"] == IMAGE_ID
    assert body["name"] == "quick-backup-verify-b7e1e1f2"
    assert body["metadata"] == {protocol.VERIFY_OF_METADATA: IMAGE_ID}
    assert patched(http) == {
        protocol.VERIFY_SERVER_PROPERTY: SERVER_ID,
        protocol.VERIFIED_PROPERTY: protocol.VERIFYING,
        protocol.VERIFY_STARTED_PROPERTY: STARTED}
    assert http.request_history[3].headers["Content-Type"] == \
        verify.PATCH_TYPE


def test_a_volume_backed_backup_boots_from_its_snapshots_deleted_on_end(
        http, services):
    answer_start(http)
    verify.start(services, backup(volume_backed=True), now=NOW)
    assert ("GET", "/v3/p1/limits") in sent(http)
    assert len(sent(http)) == 6
    body = http.request_history[3].json()["server"]
    assert "imageRef" not in body
    # No disk needed: the smallest by RAM, even without a disk.
    assert body["flavorRef"] == "diskless"
    assert body["block_device_mapping_v2"] == [
        {"source_type": "snapshot", "destination_type": "volume",
         "uuid": SNAPSHOT_ID, "delete_on_termination": True,
         "boot_index": 0, "volume_size": 2}]


@pytest.mark.parametrize("limits, what", [
    (dict(ROOMY, totalInstancesUsed=10), verify_fit.INSTANCES),
    (dict(ROOMY, totalCoresUsed=20), verify_fit.CORES),
    (dict(ROOMY, totalRAMUsed=51000), verify_fit.RAM)])
def test_no_room_in_nova_quota_is_refused_before_anything_is_made(
        http, services, limits, what):
    answer_start(http, limits)
    with pytest.raises(verify_fit.NoRoom) as refused:
        verify.start(services, backup(), now=NOW)
    assert refused.value.what == what
    assert sent(http, "POST") == [] and sent(http, "PATCH") == []


def test_the_instances_quota_is_checked_before_the_flavors_are_listed(
        http, services):
    answer_start(http, dict(ROOMY, totalInstancesUsed=10))
    with pytest.raises(verify_fit.NoRoom):
        verify.start(services, backup(), now=NOW)
    assert sent(http) == [("GET", "/v2.1/limits")]


def test_no_room_for_the_volumes_is_refused_for_a_volume_backed_backup(
        http, services):
    answer_start(http, cinder_limits={"totalGigabytesUsed": 99})
    with pytest.raises(verify_fit.NoRoom) as refused:
        verify.start(services, backup(volume_backed=True), now=NOW)
    assert (refused.value.what, refused.value.needed,
            refused.value.left) == (verify_fit.GIGABYTES, 2, 1)
    assert sent(http, "POST") == []


def test_unlimited_quota_is_room(http, services):
    answer_start(http, dict.fromkeys(ROOMY, -1))
    verify.start(services, backup(), now=NOW)
    assert len(sent(http, "POST")) == 1


def test_a_backup_too_large_for_every_flavor_is_refused(http, services):
    answer_start(http)
    with pytest.raises(verify_fit.NoFlavor):
        verify.start(services, backup(min_ram=8192), now=NOW)
    assert sent(http, "POST") == []


def test_a_backup_not_active_is_not_verifiable_and_nothing_is_asked(
        http, services):
    with pytest.raises(verify.NotVerifiable):
        verify.start(services, backup(status="saving"), now=NOW)
    assert sent(http) == []


def test_a_backup_being_verified_is_not_booted_twice(http, services):
    verify.start(services, verifying(), now=NOW)
    assert sent(http) == []


def test_an_instance_not_recorded_on_the_backup_is_deleted_at_once(
        http, services):
    answer_start(http)
    http.patch(IMAGE_URL, status_code=500)
    http.delete(SERVER_URL, status_code=204)
    with pytest.raises(ks_exceptions.InternalServerError):
        verify.start(services, backup(), now=NOW)
    assert sent(http, "DELETE") == [("DELETE", "/v2.1/servers/" + SERVER_ID)]


def answer_server(http, status, **info):
    http.get(SERVER_URL, json={"server": dict(
        {"id": SERVER_ID, "status": status}, **info)})
    http.delete(SERVER_URL, status_code=204)
    http.patch(IMAGE_URL, json=backup())


def test_active_with_console_output_passes_and_the_instance_is_deleted(
        http, services):
    answer_server(http, "ACTIVE")
    http.post(SERVER_URL + "/action", json={"output": "login:"})
    verify.advance(services, verifying(), now=NOW)
    assert sent(http) == [("GET", "/v2.1/servers/" + SERVER_ID),
                          ("POST", "/v2.1/servers/%s/action" % SERVER_ID),
                          ("PATCH", "/v2/images/" + IMAGE_ID),
                          ("DELETE", "/v2.1/servers/" + SERVER_ID)]
    assert patched(http) == {
        protocol.VERIFIED_PROPERTY: protocol.VERIFIED_PASSED,
        protocol.VERIFIED_AT_PROPERTY: "2026-12-02T04:00:00Z"}


@pytest.mark.parametrize("status", [501, 404, 409, 403])
def test_active_where_no_console_log_can_be_read_passes_saying_so(
        http, services, status):
    answer_server(http, "ACTIVE")
    http.post(SERVER_URL + "/action", status_code=status)
    verify.advance(services, verifying(), now=NOW)
    assert patched(http)[protocol.VERIFIED_REASON_PROPERTY] == \
        verify_check.NO_CONSOLE


def test_an_empty_console_is_waited_for_within_the_bound(http, services):
    answer_server(http, "ACTIVE")
    http.post(SERVER_URL + "/action", json={"output": ""})
    verify.advance(services, verifying(), now=NOW)
    assert sent(http, "DELETE") == [] and sent(http, "PATCH") == []
    late = NOW + datetime.timedelta(seconds=verify_check.VERIFY_SECONDS + 1)
    verify.advance(services, verifying(), now=late)
    assert patched(http)[protocol.VERIFIED_REASON_PROPERTY] == \
        verify_check.NO_OUTPUT
    assert len(sent(http, "DELETE")) == 1


@pytest.mark.parametrize("message, reason", [
    ("No valid host was found. There are not enough hosts available.",
     verify_check.NO_HOST),
    ("Build of instance aborted: Volume 42 did not finish being created",
     verify_check.VOLUME_ERROR),
    ("Unexpected error while running command.", verify_check.BOOT_ERROR)])
def test_error_fails_with_novas_fault_classified_never_kept(
        http, services, message, reason):
    answer_server(http, "ERROR", fault={"message": message, "code": 500})
    verify.advance(services, verifying(), now=NOW)
    recorded = patched(http)
    assert recorded[protocol.VERIFIED_PROPERTY] == protocol.VERIFIED_FAILED
    assert recorded[protocol.VERIFIED_REASON_PROPERTY] == reason
    assert message not in json.dumps(recorded)
    # An instance in ERROR is deleted too.
    assert len(sent(http, "DELETE")) == 1


def test_still_building_past_the_bound_times_out_and_is_deleted(
        http, services):
    answer_server(http, "BUILD")
    verify.advance(services, verifying(), now=NOW)
    assert sent(http) == [("GET", "/v2.1/servers/" + SERVER_ID)]
    late = NOW + datetime.timedelta(seconds=verify_check.VERIFY_SECONDS + 1)
    verify.advance(services, verifying(), now=late)
    assert patched(http)[protocol.VERIFIED_REASON_PROPERTY] == \
        verify_check.TIMED_OUT
    assert len(sent(http, "DELETE")) == 1


def test_the_callers_listing_saves_the_get_of_the_instance(http, services):
    http.patch(IMAGE_URL, json=backup())
    verify.advance(services, verifying(), server=None, now=NOW)
    # Not listed: someone deleted it; nothing to delete, the result kept.
    assert sent(http) == [("PATCH", "/v2/images/" + IMAGE_ID)]
    assert patched(http)[protocol.VERIFIED_REASON_PROPERTY] == \
        verify_check.GONE


def test_the_attached_volumes_are_recorded_for_the_cleanup(http, services):
    answer_server(http, "ACTIVE", **{
        "os-extended-volumes:volumes_attached": [{"id": VOLUME_ID}]})
    http.post(SERVER_URL + "/action", json={"output": "ok"})
    verify.advance(services, verifying(volume_backed=True), now=NOW)
    assert patched(http)[protocol.VERIFY_VOLUMES_PROPERTY] == VOLUME_ID


def ended(volume_backed=False, **properties):
    return verifying(volume_backed, **dict({
        protocol.VERIFIED_PROPERTY: protocol.VERIFIED_PASSED,
        protocol.VERIFIED_AT_PROPERTY: STARTED}, **properties))


def test_the_backup_forgets_the_instance_once_nova_has_it_no_more(
        http, services):
    http.get(SERVER_URL, status_code=404)
    http.patch(IMAGE_URL, json=backup())
    verify.advance(services, ended(), now=NOW)
    assert sent(http) == [("GET", "/v2.1/servers/" + SERVER_ID),
                          ("PATCH", "/v2/images/" + IMAGE_ID)]
    assert patched(http) == {
        protocol.VERIFY_SERVER_PROPERTY: "REMOVED",
        protocol.VERIFY_STARTED_PROPERTY: "REMOVED"}


def test_an_instance_nova_is_slow_to_delete_is_asked_again_after_a_while(
        http, services):
    answer_server(http, "ACTIVE", **{"OS-EXT-STS:task_state": "deleting"})
    verify.advance(services, ended(), now=NOW)
    assert sent(http, "DELETE") == []
    late = NOW + datetime.timedelta(seconds=verify.DELETE_SECONDS + 1)
    verify.advance(services, ended(), now=late)
    assert len(sent(http, "DELETE")) == 1


def test_an_instance_left_undeleted_is_asked_to_go_again_at_once(
        http, services):
    answer_server(http, "ACTIVE")
    verify.advance(services, ended(), now=NOW)
    assert sent(http) == [("GET", "/v2.1/servers/" + SERVER_ID),
                          ("DELETE", "/v2.1/servers/" + SERVER_ID)]


def test_volumes_left_by_the_instance_are_deleted_before_it_is_forgotten(
        http, services):
    other = "7a8b9c0d-5555-4d6e-8f7a-9b0c1d2e3f4a"
    http.get(SERVER_URL, status_code=404)
    http.get(CINDER + "/volumes/detail", json={"volumes": [
        {"id": VOLUME_ID, "status": "available", "name": ""},
        # Made from the snapshot by Nova since the test began, not recorded.
        {"id": other, "status": "error", "name": "", "attachments": [],
         "snapshot_id": SNAPSHOT_ID,
         "created_at": "2026-12-02T04:00:05.000000"},
        # The user's own volume from the same snapshot: never touched.
        {"id": "8b9c0d1e-6666-4e7f-9a8b-0c1d2e3f4a5b", "status": "available",
         "name": "mine", "snapshot_id": SNAPSHOT_ID, "attachments": [],
         "created_at": "2026-12-02T04:00:06.000000"}]})
    http.delete(CINDER + "/volumes/" + VOLUME_ID, status_code=202)
    http.delete(CINDER + "/volumes/" + other, status_code=202)
    http.patch(IMAGE_URL, json=backup())
    image = ended(True, **{protocol.VERIFY_VOLUMES_PROPERTY: VOLUME_ID})
    verify.advance(services, image, now=NOW)
    assert sorted(sent(http, "DELETE")) == [
        ("DELETE", "/v3/p1/volumes/" + VOLUME_ID),
        ("DELETE", "/v3/p1/volumes/" + other)]
    # Still there until Cinder has deleted them.
    assert sent(http, "PATCH") == []
    http.get(CINDER + "/volumes/detail", json={"volumes": []})
    verify.advance(services, image, now=NOW)
    assert patched(http)[protocol.VERIFY_SERVER_PROPERTY] == "REMOVED"


def test_a_backup_deleted_while_being_verified_takes_its_instance_along(
        http, services):
    http.delete(SERVER_URL, status_code=204)
    verify.discard(services, verifying())
    verify.discard(services, backup())
    assert sent(http) == [("DELETE", "/v2.1/servers/" + SERVER_ID)]


def test_two_starts_at_once_keep_only_the_instance_the_backup_records(
        http, services):
    """The other starter's instance (same backup) is deleted; an instance
    of the same name that is not a test of this backup is left alone."""
    answer_start(http)
    http.get(NOVA + "/servers/detail", json={"servers": [
        {"id": SERVER_ID, "metadata": {protocol.VERIFY_OF_METADATA: IMAGE_ID}},
        {"id": "other-starters", "metadata": {
            protocol.VERIFY_OF_METADATA: IMAGE_ID}},
        {"id": "users-own", "metadata": {}}]})
    http.delete(NOVA + "/servers/other-starters", status_code=204)
    verify.start(services, backup(), now=NOW)
    assert sent(http, "DELETE") == [("DELETE", "/v2.1/servers/other-starters")]


def test_a_failed_sweep_still_leaves_the_start_recorded(http, services):
    answer_start(http)
    http.get(NOVA + "/servers/detail", status_code=503)
    image = verify.start(services, backup(), now=NOW)
    assert image["id"] == IMAGE_ID
    assert sent(http, "DELETE") == []
