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

"""`openstack server quick-backup` after Nova's 500 for two snapshots that
met: its queued image deleted, then a clear failure, or with ``--wait`` one
more send once the server's task ended; requests counted."""

import datetime

from quick_backup_client.osc import create
from quick_backup_server import protocol
from tests.osc_shell import GLANCE_URL, IMAGE_ID, IMAGE_URL, SERVER_ID
from tests.osc_shell import SERVER_URL
from tests.osc_shell import http  # noqa: F401 (a fixture)
from tests.osc_shell import nova_error, openstack, sent, server

LEFT = "c8f2f2a3-3333-4d2b-9a6f-4cad2e3f5a66"
LIST_URL = GLANCE_URL + "/v2/images"
ACTION = "POST /v2.1/servers/%s/action" % SERVER_ID


def leftover(name="nightly"):
    made = datetime.datetime.now(datetime.timezone.utc)
    return {"id": LEFT, "name": name, "status": "queued",
            "created_at": made.strftime("%Y-%m-%dT%H:%M:%SZ"),
            protocol.MARKER_PROPERTY: protocol.MARKER_VALUE,
            protocol.INSTANCE_PROPERTY: SERVER_ID}


def answer_leftover(http):
    http.get(LIST_URL, json={"images": [leftover()]})
    return http.delete(LIST_URL + "/" + LEFT, status_code=204)


def backup(capsys, *extra):
    return openstack(capsys, "server", "quick-backup", SERVER_ID, "--name",
                     "nightly", "--method", "create_image", *extra)


def test_a_500_deletes_its_queued_image_and_says_try_again(http, capsys):
    http.get(SERVER_URL, json={"server": server()})
    http.post(SERVER_URL + "/action",
              **nova_error(500, "UnexpectedTaskStateError"))
    deleted = answer_leftover(http)

    code, out, err = backup(capsys)

    assert code == 1
    assert "another backup of it was starting at the same moment" in err
    assert "The image it had begun was removed" in err
    assert "UnexpectedTaskStateError" not in err and "Traceback" not in err
    assert sent(http, "nova.example.com").count(ACTION) == 1
    listing, = [r for r in http.request_history
                if r.method == "GET" and r.path == "/v2/images"]
    assert listing.qs["name"] == ["nightly"]
    assert listing.qs["status"] == ["queued"]
    assert listing.qs[protocol.INSTANCE_PROPERTY] == [SERVER_ID]
    assert deleted.call_count == 1
    # The base image's properties (Nova before 2.98), the listing, the
    # DELETE.
    assert len(sent(http, "glance.example.com")) == 3


def test_wait_sends_once_more_after_the_other_backup_ended(
        http, capsys, monkeypatch):
    naps = []
    monkeypatch.setattr(create.CreateQuickBackup, "sleep",
                        staticmethod(naps.append))
    busy = dict(server(), **{"OS-EXT-STS:task_state": "image_uploading"})
    http.get(SERVER_URL, [{"json": {"server": server()}},
                          {"json": {"server": busy}},
                          {"json": {"server": server()}}])
    http.post(SERVER_URL + "/action", [
        nova_error(500, "UnexpectedTaskStateError"),
        {"status_code": 202, "json": {"image_id": IMAGE_ID}}])
    deleted = answer_leftover(http)
    http.get(IMAGE_URL, json={"id": IMAGE_ID, "status": "active"})

    code, out, err = backup(capsys, "--wait", "-f", "value", "-c", "id")

    assert (code, out) == (0, IMAGE_ID + "\n"), err
    assert 'Another backup of server "web-1" began at the same moment' in err
    assert deleted.call_count == 1
    assert len(naps) == 1
    assert sent(http, "nova.example.com") == [
        "GET /v2.1/servers/%s" % SERVER_ID, ACTION,
        "GET /v2.1/servers/%s" % SERVER_ID,
        "GET /v2.1/servers/%s" % SERVER_ID, ACTION]


def test_wait_sends_at_most_twice_and_leaves_no_queued_image(
        http, capsys, monkeypatch):
    monkeypatch.setattr(create.CreateQuickBackup, "sleep",
                        staticmethod(lambda seconds: None))
    http.get(SERVER_URL, json={"server": server()})
    http.post(SERVER_URL + "/action",
              **nova_error(500, "UnexpectedTaskStateError"))
    deleted = answer_leftover(http)

    code, out, err = backup(capsys, "--wait")

    assert code == 1
    assert "another backup of it was starting at the same moment" in err
    assert sent(http, "nova.example.com").count(ACTION) == 2
    assert deleted.call_count == 2  # each send's own image


def test_a_500_whose_image_cannot_be_found_deletes_nothing_and_says_so(
        http, capsys):
    http.get(SERVER_URL, json={"server": server()})
    http.post(SERVER_URL + "/action", **nova_error(500, "boom"))
    http.get(LIST_URL, json={"images": []})

    code, out, err = backup(capsys, "--wait")

    assert code == 1
    assert 'failed while backing up server "web-1" (HTTP 500)' in err
    assert sent(http, "nova.example.com").count(ACTION) == 1
    assert [r.method for r in http.request_history
            if r.hostname == "glance.example.com"] == ["GET", "GET"]
