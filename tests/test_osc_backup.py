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

"""`openstack server quick-backup`, through OpenStackClient's own shell
entry point with Keystone, Nova and Glance answered (and counted) by
requests_mock."""

import json

import pytest
from keystoneauth1 import exceptions as ks_exceptions

from quick_backup_client.osc import create
from quick_backup_server import protocol
from tests.osc_shell import BASE_IMAGE_ID, GLANCE_URL, IMAGE_ID, IMAGE_URL, NOVA_URL
from tests.osc_shell import SERVER_ID, SERVER_URL
from tests.osc_shell import http  # noqa: F401 (a fixture)
from tests.osc_shell import nova_error, openstack, sent, server


def answer_server(http, volume_backed=False):
    http.get(SERVER_URL, json={"server": server(volume_backed)})


def answer_probe(http, served):
    if served:
        http.get(SERVER_URL + "/backup_instance", json=protocol.PROBE_ANSWER)
    else:
        http.get(SERVER_URL + "/backup_instance",
                 **nova_error(404, "The resource could not be found."))


def test_a_backup_on_nova_with_the_filter_uses_backup_instance(http, capsys):
    answer_server(http)
    answer_probe(http, served=True)
    http.post(SERVER_URL + "/backup_instance", status_code=202,
              json={"id": IMAGE_ID})

    code, out, err = openstack(capsys, "server", "quick-backup", SERVER_ID,
                               "--name", "nightly", "--description",
                               "before upgrade", "-f", "json")

    assert code == 0, err
    shown = json.loads(out)
    assert shown["id"] == IMAGE_ID
    assert shown["name"] == "nightly"
    assert shown["server"] == SERVER_ID
    assert shown["server_name"] == "web-1"
    assert shown["method"] == "backup_instance"
    assert shown["made"] == "an image"
    assert sent(http, "nova.example.com") == [
        "GET /v2.1/servers/%s" % SERVER_ID,
        "GET /v2.1/servers/%s/backup_instance" % SERVER_ID,
        "POST /v2.1/servers/%s/backup_instance" % SERVER_ID]
    assert http.last_request.json() == {"name": "nightly",
                                        "description": "before upgrade"}
    assert http.last_request.headers["X-Auth-Token"] == "user-token"
    # Before 2.98 Nova embeds no image properties: one GET of the base image.
    assert sent(http, "glance.example.com") == [
        "GET /v2/images/%s" % BASE_IMAGE_ID]


def test_a_backup_on_stock_nova_is_create_image_with_the_dashboards_marker(
        http, capsys):
    answer_server(http)
    answer_probe(http, served=False)
    http.post(SERVER_URL + "/action", status_code=202,
              json={"image_id": IMAGE_ID})

    code, out, err = openstack(capsys, "server", "quick-backup", SERVER_ID,
                               "-f", "value", "-c", "id", "-c", "method")

    assert code == 0, err
    assert out.split() == [IMAGE_ID, "create_image"]
    body = http.last_request.json()["createImage"]
    assert body["name"].startswith("web-1-backup-")
    assert body["metadata"] == protocol.backup_properties(SERVER_ID, "",
                                                          "web-1")


def test_the_default_name_is_the_dashboards(http, capsys, monkeypatch):
    monkeypatch.setattr(create.backup_paths, "default_backup_name",
                        lambda name: "%s-backup-20261123T100405Z" % name)
    answer_server(http)
    answer_probe(http, served=True)
    http.post(SERVER_URL + "/backup_instance", json={"id": IMAGE_ID})

    code, out, err = openstack(capsys, "server", "quick-backup", SERVER_ID,
                               "-f", "value", "-c", "name")

    assert (code, out) == (0, "web-1-backup-20261123T100405Z\n"), err


def test_a_server_found_by_name_costs_osc_lookup_and_nothing_more(
        http, capsys):
    http.get(NOVA_URL + "/servers/web-1",
             **nova_error(404, "Instance web-1 could not be found."))
    http.get(NOVA_URL + "/servers?name=web-1", json={"servers": [
        {"id": SERVER_ID, "name": "web-1"}]})
    answer_server(http)
    answer_probe(http, served=True)
    http.post(SERVER_URL + "/backup_instance", json={"id": IMAGE_ID})

    code, out, err = openstack(capsys, "server", "quick-backup", "web-1",
                               "-f", "value", "-c", "id")

    assert (code, out) == (0, IMAGE_ID + "\n"), err
    assert sent(http, "nova.example.com") == [
        "GET /v2.1/servers/web-1", "GET /v2.1/servers?name=web-1",
        "GET /v2.1/servers/%s" % SERVER_ID,
        "GET /v2.1/servers/%s/backup_instance" % SERVER_ID,
        "POST /v2.1/servers/%s/backup_instance" % SERVER_ID]


def test_a_server_that_does_not_exist_is_named_and_nothing_is_sent(
        http, capsys):
    http.get(NOVA_URL + "/servers/nope",
             **nova_error(404, "Instance nope could not be found."))
    http.get(NOVA_URL + "/servers?name=nope", json={"servers": []})

    code, out, err = openstack(capsys, "server", "quick-backup", "nope")

    assert code == 1
    assert "No server with a name or ID of 'nope' exists." in err
    assert "Traceback" not in err
    assert not [r for r in http.request_history if r.method == "POST"
                and r.hostname == "nova.example.com"]


def test_a_volume_backed_server_never_gets_create_backup(http, capsys):
    answer_server(http, volume_backed=True)
    http.post(SERVER_URL + "/action", status_code=202,
              json={"image_id": IMAGE_ID})

    code, out, err = openstack(
        capsys, "server", "quick-backup", SERVER_ID, "--method",
        "create_backup", "--backup-type", "daily", "--rotation", "2",
        "-f", "json")

    assert code == 0, err
    shown = json.loads(out)
    assert shown["method"] == "create_image"
    assert shown["volume_backed"] is True
    assert shown["made"] == "an image that points to 2 volume snapshots"
    assert "createImage" in http.last_request.json()


def test_create_backup_sends_the_type_and_rotation_with_the_marker(
        http, capsys, monkeypatch):
    monkeypatch.setenv("OS_QUICK_BACKUP_METHOD", "create_backup")
    monkeypatch.setenv("OS_QUICK_BACKUP_BACKUP_TYPE", "weekly")
    monkeypatch.setenv("OS_QUICK_BACKUP_ROTATION", "4")
    answer_server(http)
    http.get(GLANCE_URL + "/v2/images", json={"images": []})
    http.post(SERVER_URL + "/action", status_code=202,
              json={"image_id": IMAGE_ID})

    code, out, err = openstack(capsys, "server", "quick-backup", SERVER_ID,
                               "--name", "weekly-1")

    assert code == 0, err
    body = http.last_request.json()["createBackup"]
    assert (body["backup_type"], body["rotation"]) == ("weekly", 4)
    assert body["metadata"][protocol.MARKER_PROPERTY] == "true"
    # No probe: the method was chosen.
    assert len(sent(http, "nova.example.com")) == 2


@pytest.mark.parametrize("options, problem", [
    (["--method", "create_backup", "--rotation", "2"], "backup type"),
    (["--method", "create_backup", "--backup-type", "daily", "--rotation",
      "0"], "rotation of 1 or more"),
    (["--method", "snapshot"], "unknown method"),
    (["--name", " "], "1 to 255 characters"),
    (["--description", "d" * 256], "at most 255 characters"),
])
def test_unusable_options_are_refused_before_nova_is_asked(
        http, capsys, options, problem):
    code, out, err = openstack(capsys, "server", "quick-backup", SERVER_ID,
                               *options)

    assert code == 1
    assert problem in err
    assert sent(http, "nova.example.com") == []


def test_novas_409_for_a_task_says_another_backup_or_task_is_running(
        http, capsys):
    answer_server(http)
    answer_probe(http, served=False)
    http.post(SERVER_URL + "/action", **nova_error(
        409, "Cannot 'createImage' instance while it is in task_state "
             "image_snapshot"))

    code, out, err = openstack(capsys, "server", "quick-backup", SERVER_ID)

    assert code == 1
    assert 'Server "web-1" was not backed up: another backup or task is ' \
        'running on it' in err
    assert "createImage" not in err and "task_state" not in err
    assert "Traceback" not in err


def test_a_409_for_a_state_says_the_server_is_busy_or_in_a_wrong_state(
        http, capsys):
    answer_server(http)
    answer_probe(http, served=False)
    http.post(SERVER_URL + "/action", **nova_error(
        409, "Cannot 'createImage' instance while it is in vm_state error"))

    code, out, err = openstack(capsys, "server", "quick-backup", SERVER_ID)

    assert code == 1
    assert 'Server "web-1" cannot be backed up right now: it is busy' in err


def test_a_server_with_a_task_is_not_sent_a_backup(http, capsys):
    http.get(SERVER_URL, json={"server": dict(
        server(), **{"OS-EXT-STS:task_state": "image_uploading"})})

    code, out, err = openstack(capsys, "server", "quick-backup", SERVER_ID)

    assert code == 1
    assert "another backup or task is running on it" in err
    assert "--wait" in err
    assert sent(http, "nova.example.com") == [
        "GET /v2.1/servers/%s" % SERVER_ID]


def test_wait_waits_for_the_task_to_end_then_sends_the_backup(
        http, capsys, monkeypatch):
    naps = []
    monkeypatch.setattr(create.CreateQuickBackup, "sleep",
                        staticmethod(naps.append))
    busy = dict(server(), **{"OS-EXT-STS:task_state": "image_uploading"})
    http.get(SERVER_URL, [{"json": {"server": busy}},
                          {"json": {"server": busy}},
                          {"json": {"server": server()}}])
    http.post(SERVER_URL + "/action", status_code=202,
              json={"image_id": IMAGE_ID})
    http.get(IMAGE_URL, json={"id": IMAGE_ID, "status": "active"})

    code, out, err = openstack(capsys, "server", "quick-backup", SERVER_ID,
                               "--method", "create_image", "--wait",
                               "-f", "value", "-c", "id")

    assert (code, out) == (0, IMAGE_ID + "\n"), err
    assert 'Server "web-1" is busy (image_uploading): waiting' in err
    assert len(naps) == 2
    assert sent(http, "nova.example.com") == [
        "GET /v2.1/servers/%s" % SERVER_ID] * 3 + [
        "POST /v2.1/servers/%s/action" % SERVER_ID]


def test_wait_gives_up_on_a_task_that_does_not_end_and_sends_nothing(
        http, capsys, monkeypatch):
    clock = iter(range(0, 100000, 5))
    monkeypatch.setattr(create.in_flight.time, "monotonic",
                        lambda: next(clock))
    monkeypatch.setattr(create.CreateQuickBackup, "sleep",
                        staticmethod(lambda seconds: None))
    http.get(SERVER_URL, json={"server": dict(
        server(), **{"OS-EXT-STS:task_state": "image_uploading"})})

    code, out, err = openstack(capsys, "server", "quick-backup", SERVER_ID,
                               "--wait")

    assert code == 1
    assert "another backup or task is running on it" in err
    assert all(r.method == "GET" for r in http.request_history
               if r.hostname == "nova.example.com")


@pytest.mark.parametrize("answer, says", [
    (nova_error(403, "Policy doesn't allow it."),
     'You are not allowed to back up server "web-1" (HTTP 403).'),
    (nova_error(403, "Quota exceeded for snapshots"),
     "quota does not allow another image"),
    (nova_error(500, "boom"), "failed while backing up server \"web-1\" "
     "(HTTP 500)"),
    ({"status_code": 202, "json": {}}, "may still have been made: run "
     "\"openstack server quick-backup list --server web-1\""),
    ({"exc": ks_exceptions.ConnectTimeout}, "did not answer in time"),
])
def test_failures_say_what_happened_in_the_commands_words(
        http, capsys, answer, says):
    answer_server(http)
    answer_probe(http, served=True)
    http.post(SERVER_URL + "/backup_instance", **answer)
    # After a 500, no queued image of this backup (see test_osc_lost_race).
    http.get(GLANCE_URL + "/v2/images", json={"images": []})

    code, out, err = openstack(capsys, "server", "quick-backup", SERVER_ID)

    assert code == 1
    assert says in err
    assert "Traceback" not in err and "boom" not in err
    assert sum(r.method == "POST" for r in http.request_history
               if r.hostname == "nova.example.com") == 1


def test_a_failed_probe_sends_no_backup(http, capsys):
    answer_server(http)
    http.get(SERVER_URL + "/backup_instance", **nova_error(500, "down"))

    code, out, err = openstack(capsys, "server", "quick-backup", SERVER_ID)

    assert code == 1
    assert "was not backed up" in err
    assert sent(http, "nova.example.com")[-1].startswith("GET")


def test_a_nova_before_2_45_names_the_image_in_the_location_header(
        http, capsys):
    answer_server(http)
    http.post(SERVER_URL + "/action", status_code=202, text="",
              headers={"Location": GLANCE_URL + "/images/" + IMAGE_ID})

    code, out, err = openstack(capsys, "server", "quick-backup", SERVER_ID,
                               "--method", "create_image", "-f", "value",
                               "-c", "id")

    assert (code, out) == (0, IMAGE_ID + "\n"), err


def test_wait_follows_the_image_until_active_with_progress_on_stderr(
        http, capsys):
    answer_server(http)
    answer_probe(http, served=True)
    http.post(SERVER_URL + "/backup_instance", json={"id": IMAGE_ID})
    http.get(IMAGE_URL, [{"json": {"id": IMAGE_ID, "status": status,
                                   "size": 80}}
                         for status in ("queued", "saving", "saving",
                                        "active")])

    code, out, err = openstack(capsys, "server", "quick-backup", SERVER_ID,
                               "--wait", "-f", "json")

    assert code == 0, err
    shown = json.loads(out)
    assert (shown["status"], shown["size"]) == ("active", 80)
    assert [line.split(":")[1].split(",")[0].strip()
            for line in err.splitlines()] == ["queued", "saving", "active"]
    assert all(line.startswith("Backup %s: " % IMAGE_ID) and
               line.endswith("elapsed") for line in err.splitlines())
    assert sent(http, "glance.example.com")[0] == \
        "GET /v2/images/%s" % BASE_IMAGE_ID  # its base image's properties
    assert len(sent(http, "glance.example.com")) == 1 + 4


def test_wait_counts_the_snapshots_the_image_points_to(http, capsys):
    answer_server(http, volume_backed=True)
    answer_probe(http, served=True)
    http.post(SERVER_URL + "/backup_instance", json={"id": IMAGE_ID})
    http.get(IMAGE_URL, json={"id": IMAGE_ID, "status": "active", "size": 0,
                              "block_device_mapping": json.dumps([
                                  {"snapshot_id": "s1"},
                                  {"snapshot_id": "s2"}])})

    code, out, err = openstack(capsys, "server", "quick-backup", SERVER_ID,
                               "--wait", "-f", "value", "-c", "made")

    assert (code, out) == (0, "an image that points to 2 volume "
                              "snapshots\n"), err


@pytest.mark.parametrize("answer, says", [
    ({"json": {"id": IMAGE_ID, "status": "killed"}},
     "failed: its image %s is killed." % IMAGE_ID),
    ({"status_code": 404, "json": {}},
     "failed: its image %s was deleted before it became active." % IMAGE_ID),
    ({"status_code": 503, "json": {}},
     "the Image service answered HTTP 503"),
])
def test_wait_fails_with_a_clear_message_when_the_backup_fails(
        http, capsys, answer, says):
    answer_server(http)
    answer_probe(http, served=True)
    http.post(SERVER_URL + "/backup_instance", json={"id": IMAGE_ID})
    http.get(IMAGE_URL, **answer)

    code, out, err = openstack(capsys, "server", "quick-backup", SERVER_ID,
                               "--wait")

    assert code == 1
    assert says in err
    assert "Traceback" not in err


def test_our_api_gone_after_the_probe_means_create_image_in_the_same_run(
        http, capsys):
    answer_server(http)
    http.get(SERVER_URL + "/backup_instance", [
        {"json": protocol.PROBE_ANSWER},
        nova_error(404, "The resource could not be found.")])
    http.post(SERVER_URL + "/backup_instance",
              **nova_error(404, "The resource could not be found."))
    http.post(SERVER_URL + "/action", status_code=202,
              json={"image_id": IMAGE_ID})

    code, out, err = openstack(capsys, "server", "quick-backup", SERVER_ID,
                               "-f", "value", "-c", "method")

    assert (code, out) == (0, "create_image\n"), err
    assert sent(http, "nova.example.com")[1:] == [
        "GET /v2.1/servers/%s/backup_instance" % SERVER_ID,
        "POST /v2.1/servers/%s/backup_instance" % SERVER_ID,
        "GET /v2.1/servers/%s/backup_instance" % SERVER_ID,
        "POST /v2.1/servers/%s/action" % SERVER_ID]


def test_a_shut_off_server_is_backed_up_labelled_shutoff(http, capsys):
    http.get(SERVER_URL, json={"server": dict(server(), status="SHUTOFF")})
    answer_probe(http, served=True)
    http.post(SERVER_URL + "/backup_instance", status_code=202,
              json={"id": IMAGE_ID})

    code, _out, err = openstack(capsys, "server", "quick-backup", SERVER_ID)

    assert code == 0, err
    assert http.last_request.json()["consistency"] == "shutoff"


def test_a_running_server_leaves_the_label_to_the_filter(http, capsys):
    # At microversion 2.1 the command sees no image properties: it sends
    # no label, and the filter records what Nova shows it.
    answer_server(http)
    answer_probe(http, served=True)
    http.post(SERVER_URL + "/backup_instance", status_code=202,
              json={"id": IMAGE_ID})

    code, _out, err = openstack(capsys, "server", "quick-backup", SERVER_ID)

    assert code == 0, err
    assert "consistency" not in http.last_request.json()
