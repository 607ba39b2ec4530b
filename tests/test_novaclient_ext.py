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

"""The novaclient extension: wire format, errors and `nova backup-instance`."""

import io
from contextlib import redirect_stdout
from unittest import mock

import pytest
import requests_mock
from keystoneauth1 import fixture as ks_fixture
from keystoneauth1 import session
from keystoneauth1 import token_endpoint
from novaclient import api_versions
from novaclient import client as nova_client
from novaclient import exceptions as nova_exceptions
from novaclient import extension
from novaclient import shell as nova_shell

from quick_backup_client.novaclient_ext import quick_backup

NOVA_URL = "http://nova.example.com:8774/v2.1"
SERVER_ID = "6ae1f1c4-1111-4a3f-9d6e-0c2f6b1d2a11"
IMAGE_ID = "b7e1e1f2-2222-4c1a-8f5e-3b9c1d2e4f55"
BACKUP_URL = "%s/servers/%s/backup_instance" % (NOVA_URL, SERVER_ID)


@pytest.fixture
def client():
    auth = token_endpoint.Token(NOVA_URL, "user-token")
    return nova_client.Client(
        api_versions.APIVersion("2.1"), session=session.Session(auth=auth),
        extensions=[extension.Extension(quick_backup.EXTENSION_NAME,
                                        quick_backup)])


@pytest.fixture
def http():
    with requests_mock.Mocker() as mocker:
        yield mocker


def test_extension_provides_the_manager():
    ext = extension.Extension(quick_backup.EXTENSION_NAME, quick_backup)
    assert ext.manager_class is quick_backup.QuickBackupManager


def test_create_posts_name_and_description(client, http):
    http.post(BACKUP_URL, json={"id": IMAGE_ID},
              headers={"x-openstack-request-id": "req-1"})

    image_id = client.quick_backups.create(SERVER_ID, "nightly",
                                           "before upgrade")

    assert image_id == IMAGE_ID
    assert image_id.request_ids == ["req-1"]
    assert http.call_count == 1
    sent = http.last_request
    assert sent.method == "POST"
    assert sent.url == BACKUP_URL
    assert sent.json() == {"name": "nightly", "description": "before upgrade"}
    assert sent.headers["X-Auth-Token"] == "user-token"
    assert sent.headers["Content-Type"] == "application/json"
    assert sent.headers["Accept"] == "application/json"


@pytest.mark.parametrize("body", [{"conflict": "busy"}, {"x": [1]}, [1, 2],
                                  "text", {}])
def test_an_error_body_not_shaped_like_novas_is_still_the_error(client, http,
                                                                body):
    http.post(BACKUP_URL, status_code=409, json=body)
    with pytest.raises(nova_exceptions.Conflict):
        client.quick_backups.create(SERVER_ID, "nightly")


def test_create_accepts_a_server_object_and_no_description(client, http):
    http.post(BACKUP_URL, json={"id": IMAGE_ID})
    server = mock.Mock(id=SERVER_ID)

    assert client.quick_backups.create(server, "nightly") == IMAGE_ID
    assert http.last_request.json() == {"name": "nightly",
                                        "description": ""}


def test_server_id_is_quoted_into_the_path(client, http):
    http.post(NOVA_URL + "/servers/a%3Fb%2Fc/backup_instance",
              json={"id": IMAGE_ID})
    assert client.quick_backups.create("a?b/c", "nightly") == IMAGE_ID


@pytest.mark.parametrize("answer", [{}, {"id": ""}, {"image_id": IMAGE_ID}])
def test_create_without_image_id_in_answer_is_an_error(client, http, answer):
    http.post(BACKUP_URL, json=answer)
    with pytest.raises(nova_exceptions.ClientException):
        client.quick_backups.create(SERVER_ID, "nightly")


@pytest.mark.parametrize("answer", [
    {"json": {"id": "../../images/x"}},
    {"json": {"id": IMAGE_ID + "/x"}},
    {"json": {"id": IMAGE_ID + "\n"}},
    {"json": {"id": 42}},
    {"json": [IMAGE_ID]},
    {"text": "not json"},
    {"content": b"[" * 50000 + b"]" * 50000},  # about 100 KB of nesting
    {"status_code": 200, "json": {"id": "x y"}},
])
def test_an_answer_without_a_usable_image_id_may_still_have_made_one(
        client, http, answer):
    http.post(BACKUP_URL, status_code=answer.pop("status_code", 202),
              **answer)
    with pytest.raises(quick_backup.MissingImageId) as raised:
        client.quick_backups.create(SERVER_ID, "nightly")
    assert "may still have been made" in str(raised.value)
    assert http.call_count == 1


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_not_followed_nor_taken_for_success(client, http,
                                                          status):
    elsewhere = "http://elsewhere.example.com/backup_instance"
    http.post(BACKUP_URL, status_code=status, headers={"Location": elsewhere},
              json={"id": IMAGE_ID})
    http.register_uri("ANY", elsewhere, json={"id": IMAGE_ID})
    with pytest.raises(quick_backup.MissingImageId):
        client.quick_backups.create(SERVER_ID, "nightly")
    assert http.call_count == 1


@pytest.mark.parametrize("status, error", [
    (400, nova_exceptions.BadRequest),
    (401, nova_exceptions.Unauthorized),
    (403, nova_exceptions.Forbidden),
    (404, nova_exceptions.NotFound),
    (409, nova_exceptions.Conflict),
    (413, nova_exceptions.OverLimit),
    (429, nova_exceptions.RateLimit),
    (500, nova_exceptions.ClientException),
    (503, nova_exceptions.ClientException),
])
def test_errors_are_novaclient_exceptions(client, http, status, error):
    http.post(BACKUP_URL, status_code=status, json={
        "conflictingRequest": {"code": status, "message": "nova says no"}})

    with pytest.raises(error) as raised:
        client.quick_backups.create(SERVER_ID, "nightly")

    # Horizon's test data replaces novaclient's exception __init__, which
    # then sets http_status instead of code: accept either.
    assert (getattr(raised.value, "code", None)
            or raised.value.http_status) == status
    assert http.call_count == 1  # never retried


ACTION_URL = "%s/servers/%s/action" % (NOVA_URL, SERVER_ID)
METADATA = {"quick_backup": "true", "quick_backup_instance": SERVER_ID,
            "description": ""}


def test_create_image_sends_the_properties_and_reads_the_body(client, http):
    http.post(ACTION_URL, status_code=202, json={"image_id": IMAGE_ID})

    image_id = client.quick_backups.create_image(SERVER_ID, "n", METADATA)

    assert image_id == IMAGE_ID
    assert http.last_request.json() == {"createImage": {
        "name": "n", "metadata": METADATA}}
    assert http.call_count == 1


def test_create_image_reads_location_before_2_45(client, http):
    http.post(ACTION_URL, status_code=202, headers={
        "Location": "http://glance.example.com/images/" + IMAGE_ID})
    assert client.quick_backups.create_image(SERVER_ID, "n", {}) == IMAGE_ID


def test_create_backup_sends_type_rotation_and_properties(client, http):
    http.post(ACTION_URL, status_code=202, json={"image_id": IMAGE_ID})

    image_id = client.quick_backups.create_backup(SERVER_ID, "n", "quick",
                                                  3, METADATA)

    assert image_id == IMAGE_ID
    assert http.last_request.json() == {"createBackup": {
        "name": "n", "backup_type": "quick", "rotation": 3,
        "metadata": METADATA}}


@pytest.mark.parametrize("path", ["create_image", "create_backup"])
@pytest.mark.parametrize("answer", [
    {"json": {"image_id": "../x"}},
    {"json": {}, "headers": {"Location": "http://glance/images/x/../y"}},
    {"content": b"[" * 50000 + b"]" * 50000},
    {"status_code": 302, "json": {"image_id": IMAGE_ID}},
])
def test_stock_paths_read_answers_as_strictly(client, http, path, answer):
    answer = dict(answer)
    http.post(ACTION_URL, status_code=answer.pop("status_code", 202),
              **answer)
    args = ("n", "quick", 1, {}) if path == "create_backup" else ("n", {})
    with pytest.raises(quick_backup.MissingImageId):
        getattr(client.quick_backups, path)(SERVER_ID, *args)
    assert http.call_count == 1


@pytest.mark.parametrize("answer, served", [
    ({"status_code": 200, "json": {"backup_instance": {"methods": ["POST"]}}},
     True),
    ({"status_code": 405, "json": {}}, True),  # the filter's first release
    ({"status_code": 404, "json": {"itemNotFound": {"code": 404}}}, False),
])
def test_serves_tells_a_filtered_nova_from_a_stock_one(client, http, answer,
                                                       served):
    http.get(BACKUP_URL, **answer)
    assert client.quick_backups.serves(SERVER_ID) is served
    assert http.call_count == 1
    assert http.last_request.method == "GET"


@pytest.mark.parametrize("answer, error", [
    ({"status_code": 200, "json": {"servers": []}},
     nova_exceptions.ClientException),
    ({"status_code": 401, "json": {}}, nova_exceptions.Unauthorized),
    ({"status_code": 503, "json": {}}, nova_exceptions.ClientException),
])
def test_serves_raises_when_the_answer_says_neither(client, http, answer,
                                                    error):
    http.get(BACKUP_URL, **answer)
    with pytest.raises(error):
        client.quick_backups.serves(SERVER_ID)


KEYSTONE_URL = "http://keystone.example.com/v3"
NOVA_ARGS = ["--os-auth-url", KEYSTONE_URL, "--os-username", "demo",
             "--os-password", "secret", "--os-project-name", "demo",
             "--os-compute-api-version", "2.1"]
VERSION_DOC = {"version": {"id": "v2.1", "status": "CURRENT",
                           "version": "2.100", "min_version": "2.1"}}


@pytest.fixture
def cloud(http):
    """Keystone (password login, catalog) and Nova's version document."""
    token = ks_fixture.V3Token(project_name="demo")
    service = token.add_service("compute")
    service.add_standard_endpoints(public=NOVA_URL, region="RegionOne")
    http.get(KEYSTONE_URL, json=ks_fixture.V3Discovery(KEYSTONE_URL))
    http.post(KEYSTONE_URL + "/auth/tokens", json=token,
              headers={"X-Subject-Token": "user-token"})
    http.get(NOVA_URL, json=VERSION_DOC)
    return http


def _run_nova(argv):
    out = io.StringIO()
    with redirect_stdout(out):
        nova_shell.OpenStackComputeShell().main(argv)
    return out.getvalue()


def test_nova_cli_backup_instance_by_id(cloud):
    http = cloud
    http.get("%s/servers/%s" % (NOVA_URL, SERVER_ID),
             json={"server": {"id": SERVER_ID, "name": "web-1"}})
    http.post(BACKUP_URL, json={"id": IMAGE_ID})

    out = _run_nova(NOVA_ARGS + ["backup-instance", SERVER_ID, "nightly",
                                 "before upgrade"])

    assert out.strip() == IMAGE_ID
    assert http.last_request.json() == {"name": "nightly",
                                        "description": "before upgrade"}
    assert http.last_request.headers["X-Auth-Token"] == "user-token"


def test_nova_cli_backup_instance_by_name_without_description(cloud):
    http = cloud
    http.get("%s/servers/web-1" % NOVA_URL, status_code=404,
             json={"itemNotFound": {"code": 404, "message": "nope"}})
    http.get("%s/servers?name=web-1" % NOVA_URL,
             json={"servers": [{"id": SERVER_ID, "name": "web-1"}]})
    http.get("%s/servers/%s" % (NOVA_URL, SERVER_ID),
             json={"server": {"id": SERVER_ID, "name": "web-1"}})
    http.post(BACKUP_URL, json={"id": IMAGE_ID})

    out = _run_nova(NOVA_ARGS + ["backup-instance", "web-1", "nightly"])

    assert out.strip() == IMAGE_ID
    assert http.last_request.json() == {"name": "nightly", "description": ""}


def test_nova_cli_reports_nova_errors(cloud):
    http = cloud
    http.get("%s/servers/%s" % (NOVA_URL, SERVER_ID),
             json={"server": {"id": SERVER_ID, "name": "web-1"}})
    http.post(BACKUP_URL, status_code=409, json={
        "conflictingRequest": {"code": 409, "message": "busy"}})

    with pytest.raises(nova_exceptions.Conflict):
        _run_nova(NOVA_ARGS + ["backup-instance", SERVER_ID, "nightly"])


def test_nova_cli_lists_the_command_in_help(capsys):
    nova_shell.OpenStackComputeShell().main(["help", "backup-instance"])
    assert "Make a Quick Backup of a server" in capsys.readouterr().out
