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

"""`--method create_backup`: the command names the backups Nova's rotation
deletes, as the dashboard's form does, and sends nothing when it cannot."""

from quick_backup_server import protocol
from tests.osc_shell import GLANCE_URL, IMAGE_ID, SERVER_ID, SERVER_URL
from tests.osc_shell import http  # noqa: F401 (a fixture)
from tests.osc_shell import openstack, sent, server

IMAGES_URL = GLANCE_URL + "/v2/images"
DAILY = ("--method", "create_backup", "--backup-type", "daily",
         "--rotation", "2")


def earlier(number):
    return {"id": "00000000-0000-4000-8000-%012d" % number,
            "name": "daily-%d" % number,
            "created_at": "2026-11-2%dT01:00:00Z" % number}


def test_the_backups_the_rotation_deletes_are_named_on_stderr(http, capsys):
    http.get(SERVER_URL, json={"server": server()})
    http.get(IMAGES_URL, json={"images": [earlier(3), earlier(2),
                                          earlier(1)]})
    http.post(SERVER_URL + "/action", status_code=202,
              json={"image_id": IMAGE_ID})

    code, out, err = openstack(capsys, "server", "quick-backup", SERVER_ID,
                               *DAILY, "-f", "value", "-c", "id")

    assert (code, out) == (0, IMAGE_ID + "\n"), err
    assert err.splitlines() == [
        'Once this backup exists, Nova deletes 2 older daily backups of '
        'server "web-1" (rotation 2):',
        "  %s  2026-11-22T01:00:00Z  daily-2" % earlier(2)["id"],
        "  %s  2026-11-21T01:00:00Z  daily-1" % earlier(1)["id"]]
    [query] = [r.qs for r in http.request_history
               if r.hostname == "glance.example.com" and
               r.path == "/v2/images"]
    assert query["image_type"] == ["backup"]
    assert query["backup_type"] == ["daily"]
    assert query[protocol.NOVA_INSTANCE_PROPERTY] == [SERVER_ID]
    assert "createBackup" in http.last_request.json()


def test_nothing_is_said_when_the_rotation_deletes_nothing(http, capsys):
    http.get(SERVER_URL, json={"server": server()})
    http.get(IMAGES_URL, json={"images": [earlier(1)]})
    http.post(SERVER_URL + "/action", status_code=202,
              json={"image_id": IMAGE_ID})

    code, out, err = openstack(capsys, "server", "quick-backup", SERVER_ID,
                               *DAILY)

    assert (code, err) == (0, "")


def test_no_backup_is_sent_when_the_earlier_ones_cannot_be_listed(
        http, capsys):
    http.get(SERVER_URL, json={"server": server()})
    http.get(IMAGES_URL, status_code=500, json={})

    code, out, err = openstack(capsys, "server", "quick-backup", SERVER_ID,
                               *DAILY)

    assert code == 1
    assert 'Unable to list the earlier daily backups of server "web-1", ' \
        'of which the oldest are deleted after this one, so nothing was ' \
        'sent: the Image service answered HTTP 500.' in err
    assert sent(http, "nova.example.com") == ["GET /v2.1/servers/" +
                                              SERVER_ID]


def test_a_server_booted_from_volumes_lists_nothing(http, capsys):
    http.get(SERVER_URL, json={"server": server(volume_backed=True)})
    http.post(SERVER_URL + "/action", status_code=202,
              json={"image_id": IMAGE_ID})

    code, out, err = openstack(capsys, "server", "quick-backup", SERVER_ID,
                               *DAILY)

    assert code == 0, err
    assert sent(http, "glance.example.com") == []
