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

"""The label `openstack server quick-backup` sends for a running instance:
from the server read at Nova's newest microversion (2.98+ embeds the image
properties), else one Glance GET of its base image; unknown where unseen."""

from quick_backup_server import protocol
from tests.osc_shell import BASE_IMAGE_ID
from tests.osc_shell import BASE_IMAGE_URL
from tests.osc_shell import http  # noqa: F401 (a fixture)
from tests.osc_shell import IMAGE_ID
from tests.osc_shell import openstack
from tests.osc_shell import sent
from tests.osc_shell import server
from tests.osc_shell import SERVER_ID
from tests.osc_shell import SERVER_URL

AGENT = {"hw_qemu_guest_agent": "yes"}


def backup(http, capsys, served_server):
    http.get(SERVER_URL, json={"server": served_server})
    http.get(SERVER_URL + "/backup_instance", json=protocol.PROBE_ANSWER)
    http.post(SERVER_URL + "/backup_instance", status_code=202,
              json={"id": IMAGE_ID})
    code, _out, err = openstack(capsys, "server", "quick-backup", SERVER_ID)
    assert code == 0, err
    return http.last_request.json().get("consistency")


def test_a_nova_from_2_98_gives_the_label_in_the_one_server_get(
        http, capsys):
    newest = dict(server(), image={"id": BASE_IMAGE_ID, "properties": AGENT})

    assert backup(http, capsys, newest) == "application"
    reads = [r for r in http.request_history if r.url == SERVER_URL]
    assert [r.headers["OpenStack-API-Version"] for r in reads] == [
        "compute latest"]
    assert sent(http, "glance.example.com") == []


def test_before_2_98_one_glance_get_of_the_base_image_gives_the_label(
        http, capsys):
    http.get(BASE_IMAGE_URL, json=dict(AGENT, id=BASE_IMAGE_ID))

    assert backup(http, capsys, server()) == "application"
    assert sent(http, "glance.example.com") == [
        "GET /v2/images/%s" % BASE_IMAGE_ID]


def test_a_base_image_without_the_guest_agent_is_crash_consistent(
        http, capsys):
    http.get(BASE_IMAGE_URL, json={"id": BASE_IMAGE_ID})

    assert backup(http, capsys, server()) == "crash"


def test_a_base_image_that_cannot_be_read_leaves_the_label_unknown(
        http, capsys):
    http.get(BASE_IMAGE_URL, status_code=503)

    # Unknown: no label sent (the filter records what it sees).
    assert backup(http, capsys, server()) is None
    assert sent(http, "glance.example.com") == [
        "GET /v2/images/%s" % BASE_IMAGE_ID]


def test_a_volume_backed_server_before_2_98_costs_no_read_and_is_unknown(
        http, capsys):
    assert backup(http, capsys, server(volume_backed=True)) is None
    assert sent(http, "glance.example.com") == []


def test_a_shut_off_server_costs_no_glance_get(http, capsys):
    assert backup(http, capsys, dict(server(), status="SHUTOFF")) == \
        "shutoff"
    assert sent(http, "glance.example.com") == []
