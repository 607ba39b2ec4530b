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

"""`openstack server quick-backup list`: the Backups panel's Glance query,
through OpenStackClient's shell, one request per thousand backups."""

import datetime
import json

from quick_backup_server import protocol
from tests.osc_shell import GLANCE_URL, NOVA_URL, PROJECT_ID, SERVER_ID
from tests.osc_shell import http  # noqa: F401 (a fixture)
from tests.osc_shell import openstack, sent

IMAGES_URL = GLANCE_URL + "/v2/images"
OTHER_SERVER = "7bf2a2d5-2222-4b4a-8e7f-1d3a7c2e3b22"


def backup(number, server_id=SERVER_ID, **properties):
    image = {"id": "00000000-0000-4000-8000-%012d" % number,
             "name": "web-1-backup-%d" % number, "status": "active",
             "size": 23, "created_at": "2026-11-23T10:%02d:00Z" % number,
             protocol.MARKER_PROPERTY: "true",
             protocol.INSTANCE_PROPERTY: server_id,
             protocol.INSTANCE_NAME_PROPERTY: "web-1",
             protocol.DESCRIPTION_PROPERTY: "nightly %d" % number,
             protocol.NOVA_INSTANCE_PROPERTY: server_id}
    image.update(properties)
    return image


def test_the_list_is_one_glance_query_of_the_panel_whatever_the_rows(
        http, capsys):
    inherited = backup(3, instance_uuid=OTHER_SERVER)  # a snapshot's marker
    made = [backup(n) for n in range(30)]
    made[1][protocol.CONSISTENCY_PROPERTY] = "application"
    http.get(IMAGES_URL, json={"images": made + [inherited]})

    code, out, err = openstack(capsys, "server", "quick-backup", "list",
                               "-f", "json")

    assert code == 0, err
    rows = json.loads(out)
    assert [row["ID"] for row in rows] == [backup(n)["id"]
                                           for n in range(30)]
    assert rows[0] == {"ID": backup(0)["id"], "Name": "web-1-backup-0",
                       "Instance": SERVER_ID, "Status": "active", "Size": 23,
                       "Created": "2026-11-23T10:00:00Z",
                       # Made before the label existed.
                       "Consistency": "unknown"}
    assert rows[1]["Consistency"] == "application"
    assert sent(http, "glance.example.com") == ["GET /v2/images?" + query
                                                for query in [
        "owner=%s&quick_backup=true&sort_key=created_at&sort_dir=desc"
        "&limit=1000" % PROJECT_ID]]
    assert sent(http, "nova.example.com") == []


def test_the_list_follows_glances_next_page_only(http, capsys):
    http.get(IMAGES_URL, [
        {"json": {"images": [backup(1)],
                  "next": "/v2/images?marker=%s&limit=1000" % backup(1)["id"]
                  }},
        {"json": {"images": [backup(2)],
                  "next": "http://elsewhere.example.com/v2/images"}}])

    code, out, err = openstack(capsys, "server", "quick-backup", "list",
                               "-f", "value", "-c", "ID")

    assert (code, out.split()) == (0, [backup(1)["id"], backup(2)["id"]]), err
    assert len(sent(http, "glance.example.com")) == 2


def test_long_adds_the_instance_name_description_and_volume_snapshots(
        http, capsys):
    http.get(IMAGES_URL, json={"images": [backup(
        1, block_device_mapping=json.dumps([{"snapshot_id": "s1"},
                                            {"snapshot_id": "s2"}]))]})

    code, out, err = openstack(capsys, "server", "quick-backup", "list",
                               "--long", "-f", "json")

    assert code == 0, err
    row = json.loads(out)[0]
    assert (row["Instance Name"], row["Description"],
            row["Volume Snapshots"]) == ("web-1", "nightly 1", 2)


def test_long_shows_protected_and_verified_from_the_listing_alone(
        http, capsys):
    http.get(IMAGES_URL, json={"images": [
        backup(1, protected=True,
               **{protocol.VERIFIED_PROPERTY: protocol.VERIFIED_PASSED}),
        backup(2)]})

    code, out, err = openstack(capsys, "server", "quick-backup", "list",
                               "--long", "-f", "json")

    assert code == 0, err
    rows = json.loads(out)
    assert [(row["Protected"], row["Verified"]) for row in rows] == [
        (True, protocol.VERIFIED_PASSED), (False, None)]
    assert len(sent(http, "glance.example.com")) == 1
    assert sent(http, "nova.example.com") == []


def test_server_by_id_filters_in_glance_without_asking_nova(http, capsys):
    http.get(IMAGES_URL, json={"images": []})

    code, out, err = openstack(capsys, "server", "quick-backup", "list",
                               "--server", OTHER_SERVER)

    assert code == 0, err
    query = http.last_request.qs
    assert query[protocol.INSTANCE_PROPERTY] == [OTHER_SERVER]
    assert sent(http, "nova.example.com") == []


def test_server_by_name_is_looked_up_first(http, capsys):
    http.get(NOVA_URL + "/servers/web-1", status_code=404, json={
        "itemNotFound": {"code": 404, "message": "not found"}})
    http.get(NOVA_URL + "/servers?name=web-1", json={"servers": [
        {"id": SERVER_ID, "name": "web-1"}]})
    http.get(NOVA_URL + "/servers/" + SERVER_ID, json={"server": {
        "id": SERVER_ID, "name": "web-1"}})
    http.get(IMAGES_URL, json={"images": [backup(1)]})

    code, out, err = openstack(capsys, "server", "quick-backup", "list",
                               "--server", "web-1", "-f", "value", "-c", "ID")

    assert (code, out) == (0, backup(1)["id"] + "\n"), err
    assert http.last_request.qs[protocol.INSTANCE_PROPERTY] == [SERVER_ID]


def test_a_glance_failure_is_a_clear_message(http, capsys):
    http.get(IMAGES_URL, status_code=503, text="<html>down</html>")

    code, out, err = openstack(capsys, "server", "quick-backup", "list")

    assert code == 1
    assert "Unable to list Quick Backups: the Image service answered HTTP " \
        "503." in err
    assert "html" not in err and "Traceback" not in err


def _minutes_ago(minutes):
    then = datetime.datetime.now(datetime.timezone.utc) - \
        datetime.timedelta(minutes=minutes)
    return then.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_backup_nova_will_never_finish_is_listed_failed_with_one_nova_get(
        http, capsys):
    stuck = backup(1, status="queued", created_at=_minutes_ago(90))
    uploading = backup(2, OTHER_SERVER, status="saving",
                       created_at=_minutes_ago(90))
    recent = backup(3, status="queued", created_at=_minutes_ago(5))
    http.get(IMAGES_URL, json={"images": [stuck, uploading, recent,
                                          backup(4)]})
    http.get(NOVA_URL + "/servers/detail", json={"servers": [
        {"id": SERVER_ID, "name": "web-1", "OS-EXT-STS:task_state": None},
        {"id": OTHER_SERVER, "name": "db-1",
         "OS-EXT-STS:task_state": "image_uploading"}]})

    code, out, err = openstack(capsys, "server", "quick-backup", "list",
                               "-f", "json")

    assert code == 0, err
    assert [row["Status"] for row in json.loads(out)] == [
        "failed", "saving", "queued", "active"]
    assert [line.split("?")[0] for line in sent(http, "nova.example.com")] \
        == ["GET /v2.1/servers/detail"]


def test_nova_is_not_asked_while_no_backup_is_unfinished_past_the_bound(
        http, capsys):
    http.get(IMAGES_URL, json={"images": [
        backup(1, status="queued", created_at=_minutes_ago(5)), backup(2)]})

    code, out, err = openstack(capsys, "server", "quick-backup", "list")

    assert code == 0, err
    assert sent(http, "nova.example.com") == []


def test_when_nova_cannot_say_the_list_shows_glances_status(http, capsys):
    http.get(IMAGES_URL, json={"images": [
        backup(1, status="queued", created_at=_minutes_ago(90))]})
    http.get(NOVA_URL + "/servers/detail", status_code=503, json={})

    code, out, err = openstack(capsys, "server", "quick-backup", "list",
                               "-f", "json")

    assert code == 0, err
    assert [row["Status"] for row in json.loads(out)] == ["queued"]
