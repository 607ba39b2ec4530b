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

"""`openstack server quick-backup verify`, through OpenStackClient's own
shell with Keystone, Nova, Glance and Cinder answered (and counted) by
requests_mock."""

import json

import pytest
from cliff import commandmanager

from quick_backup_client.osc import verify as osc_verify
from quick_backup_server import protocol
from tests import osc_shell
from tests.osc_shell import GLANCE_URL, IMAGE_ID, IMAGE_URL, NOVA_URL
from tests.osc_shell import PROJECT_ID, openstack

CINDER_URL = "http://cinder.example.com/v3/" + PROJECT_ID
TEST_SERVER = "9d0e1f2a-3333-4b5c-8d6e-7f8a9b0c1d2e"
TEST_SERVER_URL = NOVA_URL + "/servers/" + TEST_SERVER
COMMAND = ("server", "quick-backup", "verify")


@pytest.fixture
def http(monkeypatch):
    # The command's entry point is read from the installed metadata: until
    # the client is installed again, it is added as the entry point would.
    load = commandmanager.CommandManager.load_commands

    def load_commands(manager, namespace):
        load(manager, namespace)
        if namespace.startswith("openstack.quick_backup"):
            manager.add_command(" ".join(COMMAND),
                                osc_verify.VerifyQuickBackup)
    monkeypatch.setattr(commandmanager.CommandManager, "load_commands",
                        load_commands)
    monkeypatch.setattr(osc_verify.VerifyQuickBackup, "sleep",
                        staticmethod(lambda seconds: None))
    yield from osc_shell._mocked(monkeypatch, (
        ("compute", NOVA_URL), ("image", GLANCE_URL),
        ("volumev3", CINDER_URL)))


def backup(**properties):
    return dict({"id": IMAGE_ID, "name": "web-1-backup", "status": "active",
                 "owner": PROJECT_ID, "size": 1024, "min_ram": 0,
                 "min_disk": 0, protocol.MARKER_PROPERTY: "true",
                 protocol.INSTANCE_PROPERTY: osc_shell.SERVER_ID},
                **properties)


def answer_start(http, used=1):
    http.get(IMAGE_URL, json=backup())
    http.get(NOVA_URL + "/limits", json={"limits": {"absolute": {
        "maxTotalInstances": 10, "totalInstancesUsed": used}}})
    http.get(NOVA_URL + "/flavors/detail", json={"flavors": [
        {"id": "m1.tiny", "ram": 512, "vcpus": 1, "disk": 1}]})
    http.post(NOVA_URL + "/servers", status_code=202,
              json={"server": {"id": TEST_SERVER}})
    http.patch(IMAGE_URL, json=backup(**{
        protocol.VERIFY_SERVER_PROPERTY: TEST_SERVER,
        protocol.VERIFIED_PROPERTY: protocol.VERIFYING,
        protocol.VERIFY_STARTED_PROPERTY: "2026-12-02T04:00:00Z"}))
    http.get(NOVA_URL + "/servers/detail", json={"servers": [
        {"id": TEST_SERVER, "metadata": {
            protocol.VERIFY_OF_METADATA: IMAGE_ID}}]})


def test_verify_starts_the_test_restore_and_says_so(http, capsys):
    answer_start(http)
    code, out, err = openstack(capsys, *COMMAND, IMAGE_ID, "-f", "json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown["verified"] == "verifying"
    assert shown["test_instance"] == TEST_SERVER
    assert osc_shell.sent(http, "nova.example.com") == [
        "GET /v2.1/limits", "GET /v2.1/flavors/detail", "POST /v2.1/servers",
        "GET /v2.1/servers/detail?name=%5Equick-backup-verify-b7e1e1f2%24"]


def test_verify_wait_follows_it_to_the_end_with_progress(http, capsys):
    answer_start(http)
    http.get(TEST_SERVER_URL, [
        {"json": {"server": {"id": TEST_SERVER, "status": "ACTIVE"}}},
        {"status_code": 404}])
    http.post(TEST_SERVER_URL + "/action", json={"output": "login:"})
    http.delete(TEST_SERVER_URL, status_code=204)
    http.patch(IMAGE_URL, [
        {"json": backup(**{protocol.VERIFY_SERVER_PROPERTY: TEST_SERVER,
                           protocol.VERIFIED_PROPERTY: protocol.VERIFYING,
                           protocol.VERIFY_STARTED_PROPERTY:
                               "2026-12-02T04:00:00Z"})},
        {"json": backup(**{protocol.VERIFY_SERVER_PROPERTY: TEST_SERVER,
                           protocol.VERIFIED_PROPERTY:
                               protocol.VERIFIED_PASSED,
                           protocol.VERIFIED_AT_PROPERTY:
                               "2026-12-02T04:00:03Z"})},
        {"json": backup(**{protocol.VERIFIED_PROPERTY:
                           protocol.VERIFIED_PASSED,
                           protocol.VERIFIED_AT_PROPERTY:
                               "2026-12-02T04:00:03Z"})}])
    code, out, err = openstack(capsys, *COMMAND, IMAGE_ID, "--wait",
                               "-f", "json")
    assert code == 0, err
    shown = json.loads(out)
    # As ``show`` says it, and in words.
    assert shown["verified"] == "passed"
    assert shown["result"] == "verified"
    assert shown["verified_at"] == "2026-12-02T04:00:03Z"
    assert shown["test_instance"] == ""
    assert "Verify %s: test instance booting" % IMAGE_ID in err
    assert "DELETE /v2.1/servers/" + TEST_SERVER in osc_shell.sent(
        http, "nova.example.com")


def test_no_room_in_the_quota_is_refused_clearly_and_nothing_booted(
        http, capsys):
    answer_start(http, used=10)
    code, out, err = openstack(capsys, *COMMAND, IMAGE_ID)
    assert code == 1
    assert "no room in your project's quota" in err
    assert "needs 1 instances, 0 left" in err
    assert "POST /v2.1/servers" not in osc_shell.sent(
        http, "nova.example.com")


def test_another_projects_image_is_not_verified(http, capsys):
    http.get(IMAGE_URL, json=backup(owner="another-project"))
    code, out, err = openstack(capsys, *COMMAND, IMAGE_ID)
    assert code == 1
    assert "is not one of your project's Quick Backups" in err
    assert osc_shell.sent(http, "nova.example.com") == []


def test_a_failed_verify_with_wait_exits_non_zero_with_the_reason(
        http, capsys):
    failed = backup(**{protocol.VERIFY_SERVER_PROPERTY: TEST_SERVER,
                       protocol.VERIFIED_PROPERTY: protocol.VERIFYING,
                       protocol.VERIFY_STARTED_PROPERTY:
                           "2026-12-02T04:00:00Z"})
    http.get(IMAGE_URL, json=failed)
    http.get(TEST_SERVER_URL, [
        {"json": {"server": {"id": TEST_SERVER, "status": "ERROR",
                             "fault": {"message": "No valid host"}}}},
        {"status_code": 404}])
    http.delete(TEST_SERVER_URL, status_code=204)
    http.patch(IMAGE_URL, [
        {"json": dict(failed, **{
            protocol.VERIFIED_PROPERTY: protocol.VERIFIED_FAILED,
            protocol.VERIFIED_REASON_PROPERTY: "no_host"})},
        {"json": backup(**{
            protocol.VERIFIED_PROPERTY: protocol.VERIFIED_FAILED,
            protocol.VERIFIED_REASON_PROPERTY: "no_host"})}])
    code, out, err = openstack(capsys, *COMMAND, IMAGE_ID, "--wait")
    assert code == 1
    assert "did not verify: verify failed: the Compute service found no " \
        "host for the test instance" in err


def test_novas_own_quota_refusal_is_said_as_no_room_not_as_policy(
        http, capsys):
    answer_start(http)
    http.post(NOVA_URL + "/servers", status_code=403, json={"forbidden": {
        "code": 403, "message": "Quota exceeded for instances: Requested "
        "1, but already used 10 of 10 instances"}})
    code, out, err = openstack(capsys, *COMMAND, IMAGE_ID)
    assert code == 1
    assert "no room in your project's quota for the test instance of " \
        "backup %s (HTTP 403)" % IMAGE_ID in err
    assert "already used" not in err


@pytest.mark.parametrize("unreadable", [
    {"text": "<html>not Nova's"}, {"json": {"limits": "not Nova's shape"}}],
    ids=["not JSON", "not Nova's shape"])
def test_an_answer_not_of_novas_api_is_said_without_its_text_or_traceback(
        http, capsys, unreadable):
    answer_start(http)
    http.get(NOVA_URL + "/limits", **unreadable)
    code, out, err = openstack(capsys, *COMMAND, IMAGE_ID)
    assert code == 1
    assert "Unable to verify backup %s." % IMAGE_ID in err
    assert "Traceback" not in err and "not Nova" not in err + out
    assert "POST /v2.1/servers" not in osc_shell.sent(
        http, "nova.example.com")
