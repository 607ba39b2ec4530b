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

"""`openstack server quick-backup show`, `protect`, `unprotect` and
`delete`: the project's own Quick Backups only, a protected one never
deleted (non-zero exit), requests counted."""

import json

from quick_backup_client import verify_check
from quick_backup_server import protocol
from tests.osc_shell import CINDER_URL, GLANCE_URL, NOVA_URL, PROJECT_ID
from tests.osc_shell import SERVER_ID
from tests.osc_shell import http_with_cinder as http  # noqa: F401
from tests.osc_shell import openstack, sent

IMAGE_ID = "00000000-0000-4000-8000-000000000001"
IMAGE_URL = GLANCE_URL + "/v2/images/" + IMAGE_ID
SNAPSHOTS = ["5a5a5a5a-0000-4000-8000-00000000000%d" % n for n in (1, 2)]


def backup(**properties):
    image = {"id": IMAGE_ID, "name": "web-1-backup", "status": "active",
             "size": 23, "created_at": "2026-11-23T10:00:00Z",
             "owner": PROJECT_ID, "protected": False,
             protocol.MARKER_PROPERTY: "true",
             protocol.INSTANCE_PROPERTY: SERVER_ID,
             protocol.INSTANCE_NAME_PROPERTY: "web-1",
             protocol.DESCRIPTION_PROPERTY: "",
             protocol.NOVA_INSTANCE_PROPERTY: SERVER_ID}
    image.update(properties)
    return image


def volume_backed(**properties):
    image = backup(size=0, bdm_v2="True", block_device_mapping=json.dumps(
        [{"snapshot_id": s, "boot_index": n}
         for n, s in enumerate(SNAPSHOTS)]), **properties)
    del image[protocol.NOVA_INSTANCE_PROPERTY]
    return image


def quick_backup(capsys, *argv):
    return openstack(capsys, "server", "quick-backup", *argv)


def test_show_is_one_get_with_the_backups_fields(http, capsys):
    http.get(IMAGE_URL, json=backup(
        protected=True, quick_backup_plan_name="nightly"))

    code, out, err = quick_backup(capsys, "show", IMAGE_ID, "-f", "json")

    assert code == 0, err
    shown = json.loads(out)
    assert shown["id"] == IMAGE_ID
    assert shown["instance"] == SERVER_ID
    assert shown["protected"] is True
    assert shown["plan"] == "nightly"
    assert shown["description"] == ""
    assert sent(http, "glance.example.com") == ["GET /v2/images/" + IMAGE_ID]


def test_show_adds_stores_consistency_and_verified_without_a_request(
        http, capsys):
    http.get(IMAGE_URL, json=backup(**{
        "stores": "local,offsite", "os_glance_importing_to_stores": "cold",
        protocol.CONSISTENCY_PROPERTY: protocol.CONSISTENCY_SHUTOFF,
        protocol.VERIFIED_PROPERTY: protocol.VERIFIED_FAILED,
        protocol.VERIFIED_AT_PROPERTY: "2026-11-24T10:00:00Z",
        protocol.VERIFIED_REASON_PROPERTY: verify_check.BOOT_ERROR}))

    code, out, err = quick_backup(capsys, "show", IMAGE_ID, "-f", "json")

    assert code == 0, err
    shown = json.loads(out)
    assert (shown["stores"], shown["copying_to"]) == (
        "local, offsite", "cold")
    assert shown["consistency"] == protocol.CONSISTENCY_SHUTOFF
    assert (shown["verified"], shown["verified_at"],
            shown["verified_reason"]) == (
        protocol.VERIFIED_FAILED, "2026-11-24T10:00:00Z",
        verify_check.BOOT_ERROR)
    assert sent(http, "glance.example.com") == ["GET /v2/images/" + IMAGE_ID]


def test_show_of_an_older_backup_has_empty_new_fields(http, capsys):
    http.get(IMAGE_URL, json=backup())

    code, out, err = quick_backup(capsys, "show", IMAGE_ID, "-f", "json")

    assert code == 0, err
    shown = json.loads(out)
    assert (shown["stores"], shown["verified"], shown["consistency"]) == (
        "", "", protocol.CONSISTENCY_UNKNOWN)


def test_another_projects_image_or_no_backup_is_no_such_backup(
        http, capsys):
    for image in (backup(owner="someone-else"),
                  backup(quick_backup_instance=None)):
        http.get(IMAGE_URL, json=image)
        patch = http.patch(IMAGE_URL, json=image)
        delete = http.delete(IMAGE_URL)
        for command in ("show", "protect", "unprotect", "delete"):
            code, _out, err = quick_backup(capsys, command, IMAGE_ID)
            assert code != 0
            assert "No such Quick Backup in this project: %s" % IMAGE_ID \
                in err
        assert (patch.call_count, delete.call_count) == (0, 0)


def test_an_id_glance_does_not_know_is_no_such_backup(http, capsys):
    http.get(IMAGE_URL, status_code=404, json={})
    code, _out, err = quick_backup(capsys, "show", IMAGE_ID)
    assert code != 0
    assert "No such Quick Backup" in err


def test_protect_is_one_patch_of_protected_true(http, capsys):
    http.get(IMAGE_URL, json=backup())
    patch = http.patch(IMAGE_URL, json=backup(protected=True))

    code, out, err = quick_backup(capsys, "protect", IMAGE_ID, "-f", "json")

    assert code == 0, err
    assert json.loads(out)["protected"] is True
    assert json.loads(patch.last_request.body) == [
        {"op": "replace", "path": "/protected", "value": True}]
    assert sent(http, "glance.example.com") == [
        "GET /v2/images/" + IMAGE_ID, "PATCH /v2/images/" + IMAGE_ID]


def test_unprotect_sends_protected_false(http, capsys):
    http.get(IMAGE_URL, json=backup(protected=True))
    patch = http.patch(IMAGE_URL, json=backup())
    code, _out, err = quick_backup(capsys, "unprotect", IMAGE_ID)
    assert code == 0, err
    assert json.loads(patch.last_request.body)[0]["value"] is False


def test_delete_refuses_a_protected_backup_with_a_non_zero_exit(
        http, capsys):
    http.get(IMAGE_URL, json=volume_backed(protected=True))
    delete = http.delete(IMAGE_URL)

    code, _out, err = quick_backup(capsys, "delete", IMAGE_ID)

    assert code != 0
    assert "Quick Backup %s is protected: unprotect it first" % IMAGE_ID \
        in err
    assert delete.call_count == 0
    assert sent(http, "cinder.example.com") == []


def test_glances_403_for_a_protected_image_keeps_its_snapshots(
        http, capsys):
    # Protected by someone else between the GET and the DELETE.
    http.get(IMAGE_URL, json=volume_backed())
    http.delete(IMAGE_URL, status_code=403, text=(
        "403 Forbidden\n\nImage %s is protected and cannot be deleted."
        % IMAGE_ID))

    code, _out, err = quick_backup(capsys, "delete", IMAGE_ID)

    assert code != 0
    assert "is protected: unprotect it first" in err
    assert sent(http, "cinder.example.com") == []


def test_delete_takes_the_snapshots_no_other_image_points_to(http, capsys):
    http.get(IMAGE_URL, json=volume_backed())
    http.delete(IMAGE_URL, status_code=204)
    other = volume_backed(id="00000000-0000-4000-8000-000000000002")
    other["block_device_mapping"] = json.dumps([{"snapshot_id":
                                                 SNAPSHOTS[1]}])
    http.get(GLANCE_URL + "/v2/images?bdm_v2=True", json={"images": [other]})
    http.delete(CINDER_URL + "/snapshots/" + SNAPSHOTS[0], status_code=202)

    code, _out, err = quick_backup(capsys, "delete", IMAGE_ID)

    assert code == 0, err
    assert sent(http, "cinder.example.com") == [
        "DELETE /v3/%s/snapshots/%s" % (PROJECT_ID, SNAPSHOTS[0])]
    assert [request for request in sent(http, "glance.example.com")
            if request.startswith("DELETE")] == [
        "DELETE /v2/images/" + IMAGE_ID]


TEST_SERVER = "7e7e7e7e-0000-4000-8000-000000000001"


def test_delete_of_a_backup_being_verified_takes_its_test_instance(
        http, capsys):
    http.get(IMAGE_URL, json=backup(**{
        protocol.VERIFY_SERVER_PROPERTY: TEST_SERVER,
        protocol.VERIFIED_PROPERTY: protocol.VERIFYING}))
    http.delete(IMAGE_URL, status_code=204)
    http.delete(NOVA_URL + "/servers/" + TEST_SERVER, status_code=204)

    code, _out, err = quick_backup(capsys, "delete", IMAGE_ID)

    assert code == 0, err
    assert sent(http, "nova.example.com") == [
        "DELETE /v2.1/servers/" + TEST_SERVER]
    assert sent(http, "glance.example.com") == [
        "GET /v2/images/" + IMAGE_ID, "DELETE /v2/images/" + IMAGE_ID]


def test_a_test_instance_that_cannot_go_is_named_and_exits_non_zero(
        http, capsys):
    http.get(IMAGE_URL, json=backup(**{
        protocol.VERIFY_SERVER_PROPERTY: TEST_SERVER}))
    http.delete(IMAGE_URL, status_code=204)
    http.delete(NOVA_URL + "/servers/" + TEST_SERVER, status_code=500,
                json={})

    code, _out, err = quick_backup(capsys, "delete", IMAGE_ID)

    assert code != 0
    assert "deleted, but not the instance that was testing it" in err


def test_a_backup_that_is_not_verified_asks_nova_nothing(http, capsys):
    http.get(IMAGE_URL, json=backup())
    http.delete(IMAGE_URL, status_code=204)
    code, _out, err = quick_backup(capsys, "delete", IMAGE_ID)
    assert code == 0, err
    assert sent(http, "nova.example.com") == []


def test_delete_of_several_goes_on_past_a_refusal_and_counts_it(
        http, capsys):
    second = "00000000-0000-4000-8000-000000000002"
    http.get(IMAGE_URL, json=backup(protected=True))
    http.get(GLANCE_URL + "/v2/images/" + second, json=backup(id=second))
    deleted = http.delete(GLANCE_URL + "/v2/images/" + second,
                          status_code=204)

    code, _out, err = quick_backup(capsys, "delete", IMAGE_ID, second)

    assert code != 0
    assert deleted.call_count == 1
    assert "1 of 2 Quick Backups were not deleted." in err


def test_a_policy_403_on_delete_is_the_image_services_answer(http, capsys):
    http.get(IMAGE_URL, json=backup())
    http.delete(IMAGE_URL, status_code=403, json={})
    code, _out, err = quick_backup(capsys, "delete", IMAGE_ID)
    assert code != 0
    assert "HTTP 403" in err
    assert "protected" not in err
