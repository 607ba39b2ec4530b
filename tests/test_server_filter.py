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

"""quick_backup_server.filter against a recording stand-in for nova-api.

The real Nova behind the filter is exercised by the browser tests on the
local cloud; here each rule of the filter is checked on its own.
"""

import json

import pytest
import webob

from quick_backup_server import filter as qb_filter

SERVER_ID = "6ae1f1c4-1111-4a3f-9d6e-0c2f6b1d2a11"
IMAGE_ID = "b7e1e1f2-2222-4c1a-8f5e-3b9c1d2e4f55"
CONTEXT = object()  # stands for the caller's nova.context


class RecordingNova(object):
    """Answers like Nova's createImage; remembers what it was asked.

    As Nova does, it puts the image id in the body only from microversion
    2.45 on, and in the Location header before. ``drop_microversion`` acts
    like nova's legacy_v2_compatible wrapper, which removes the header.
    """

    def __init__(self, status=202, body=None, drop_microversion=False,
                 show_status=200, shown=None):
        self.status = status
        self.shown = dict({"id": SERVER_ID, "name": "web-1"}, **(shown or {}))
        self.body = body
        self.drop_microversion = drop_microversion
        self.show_status = show_status
        self.requests = []  # what the filter sent, GETs of servers aside
        self.shows = []

    def __call__(self, environ, start_response):
        request = webob.Request(environ)
        if request.method == "GET" and \
                request.path_info.lower().endswith(SERVER_ID):
            self.shows.append(request)
            return webob.Response(
                status=self.show_status, content_type="application/json",
                json_body={"server": self.shown}
                if self.show_status == 200 else {"itemNotFound": {
                    "code": 404, "message": "Instance could not be found"}},
            )(environ, start_response)
        self.requests.append(request)
        if self.drop_microversion:
            del request.headers["OpenStack-API-Version"]
        body = self.body
        headers = {"x-openstack-request-id": "req-nova"}
        if body is None:  # a successful createImage
            body = {}
            if request.headers.get("OpenStack-API-Version") == \
                    "compute 2.45":
                body = {"image_id": IMAGE_ID}
            else:
                headers["Location"] = "http://glance/images/" + IMAGE_ID
        response = webob.Response(status=self.status,
                                  content_type="application/json",
                                  body=json.dumps(body).encode())
        response.headers.update(headers)
        return response(environ, start_response)


def call(app, path="/servers/%s/backup_instance" % SERVER_ID,
         method="POST", body=None):
    request = webob.Request.blank(path, method=method)
    request.script_name = "/v2.1"
    request.environ["nova.context"] = CONTEXT
    request.headers["X-Auth-Token"] = "user-token"
    if body is not None:
        request.body = body if isinstance(body, bytes) else \
            json.dumps(body).encode()
        request.content_type = "application/json"
    return request.get_response(app)


def make(nova):
    return qb_filter.filter_factory({})(nova)


def test_backup_becomes_create_image_as_the_same_caller():
    nova = RecordingNova()

    response = call(make(nova), body={"name": "nightly",
                                      "description": "before upgrade"})

    assert response.status_int == 202
    assert response.json == {"id": IMAGE_ID}
    assert response.headers["x-openstack-request-id"] == "req-nova"
    [sent] = nova.requests
    assert sent.method == "POST"
    assert sent.script_name == "/v2.1"
    assert sent.path_info == "/servers/%s/action" % SERVER_ID
    assert sent.json == {"createImage": {
        "name": "nightly",
        "metadata": {"quick_backup": "true",
                     "quick_backup_instance": SERVER_ID,
                     "quick_backup_instance_name": "web-1",
                     "description": "before upgrade",
                     "quick_backup_consistency": "unknown"}}}
    assert sent.headers["OpenStack-API-Version"] == "compute 2.45"
    assert sent.environ["nova.context"] is CONTEXT
    assert sent.headers["X-Auth-Token"] == "user-token"


def test_a_get_of_a_server_passes_through_untouched():
    nova = RecordingNova()
    response = call(make(nova), path="/servers/%s" % SERVER_ID, method="GET")
    assert response.json == {"server": {"id": SERVER_ID, "name": "web-1"}}
    [sent] = nova.shows
    assert sent.path_info == "/servers/%s" % SERVER_ID
    assert nova.requests == []


def test_the_instance_name_is_read_from_nova_as_the_same_caller():
    nova = RecordingNova()
    call(make(nova), path="/p1/servers/%s/backup_instance" % SERVER_ID,
         body={"name": "n"})
    [shown] = nova.shows
    assert shown.path_info == "/p1/servers/%s" % SERVER_ID
    assert shown.environ["nova.context"] is CONTEXT
    assert shown.body == b""
    # The newest microversion: from 2.98 the image's properties come along.
    assert shown.headers["OpenStack-API-Version"] == "compute latest"


def _recorded_consistency(nova):
    return nova.requests[0].json["createImage"]["metadata"][
        "quick_backup_consistency"]


@pytest.mark.parametrize("shown, expected", [
    ({"status": "ACTIVE", "image": {"id": IMAGE_ID, "properties": {
        "hw_qemu_guest_agent": "yes"}}}, "application"),
    ({"status": "ACTIVE", "image": {"id": IMAGE_ID, "properties": {}}},
     "crash"),
    ({"status": "SHUTOFF", "image": {"id": IMAGE_ID}}, "shutoff"),
    # Below 2.98, or booted from a volume: the facts are not there.
    ({"status": "ACTIVE", "image": {"id": IMAGE_ID}}, "unknown"),
    ({"status": "ACTIVE", "image": ""}, "unknown"),
])
def test_the_filter_records_the_consistency_nova_shows(shown, expected):
    nova = RecordingNova(shown=shown)
    call(make(nova), body={"name": "n"})
    assert _recorded_consistency(nova) == expected


def test_the_clients_consistency_label_is_recorded_as_sent():
    # The dashboard read the boot volume's image metadata, which the
    # filter cannot see.
    nova = RecordingNova(shown={"status": "ACTIVE", "image": ""})
    call(make(nova), body={"name": "n", "consistency": "application"})
    assert _recorded_consistency(nova) == "application"


def test_a_consistency_label_that_is_not_one_is_refused_and_nothing_made():
    nova = RecordingNova()
    response = call(make(nova), body={"name": "n", "consistency": "great"})
    assert response.status_int == 400
    assert "consistency" in response.text
    assert nova.requests == []


def test_an_instance_nova_cannot_find_is_its_404_and_nothing_is_made():
    nova = RecordingNova(show_status=404)
    response = call(make(nova), body={"name": "n"})
    assert response.status_int == 404
    assert "could not be found" in response.text
    assert nova.requests == []


@pytest.mark.parametrize("show_status", [403, 500, 503])
def test_a_backup_is_still_made_when_the_name_cannot_be_read(show_status):
    nova = RecordingNova(show_status=show_status)
    response = call(make(nova), body={"name": "n"})
    assert response.status_int == 202
    assert "quick_backup_instance_name" not in \
        nova.requests[0].json["createImage"]["metadata"]


def test_image_id_from_location_when_the_microversion_is_dropped():
    nova = RecordingNova(drop_microversion=True)
    response = call(make(nova), body={"name": "nightly"})
    assert response.status_int == 202
    assert response.json == {"id": IMAGE_ID}


def test_missing_description_is_stored_empty_not_inherited():
    # Nova copies the base image's properties into a snapshot: a backup
    # without a description of its own would show the base image's.
    nova = RecordingNova()
    call(make(nova), body={"name": "nightly"})
    assert nova.requests[0].json["createImage"]["metadata"] == {
        "quick_backup": "true", "quick_backup_instance": SERVER_ID,
        "quick_backup_instance_name": "web-1", "description": "",
        "quick_backup_consistency": "unknown"}


def test_legacy_project_prefix_is_kept():
    nova = RecordingNova()
    call(make(nova), path="/p1/servers/%s/backup_instance" % SERVER_ID,
         body={"name": "n"})
    assert nova.requests[0].path_info == "/p1/servers/%s/action" % SERVER_ID


@pytest.mark.parametrize("path, method", [
    ("/servers/detail", "GET"),
    ("/servers/%s/action" % SERVER_ID, "POST"),
    ("/servers/%s/os-volume_attachments" % SERVER_ID, "GET"),
    ("/servers/%s/backup_instance/x" % SERVER_ID, "POST"),
    # Not exactly our path: Nova answers these as it would without us.
    ("/servers/%s/backup_instance\n" % SERVER_ID, "POST"),
    ("/servers/%s/backup_instance/\n" % SERVER_ID, "POST"),
    ("/../servers/%s/backup_instance" % SERVER_ID, "POST"),
    ("/./servers/%s/backup_instance" % SERVER_ID, "POST"),
    ("/p1/../servers/%s/backup_instance" % SERVER_ID, "POST"),
    ("/servers/../servers/%s/backup_instance" % SERVER_ID, "POST"),
    ("/servers/web-1/backup_instance", "POST"),
    ("/servers/%s/backup_instance" % SERVER_ID[:-1], "POST"),
    ("/servers/%sa/backup_instance" % SERVER_ID, "POST"),
    ("/servers//backup_instance", "POST"),
])
def test_other_requests_pass_through_untouched(path, method):
    nova = RecordingNova(status=200, body={"ok": True})
    response = call(make(nova), path=path, method=method,
                    body={"x": 1} if method == "POST" else None)
    assert response.json == {"ok": True}
    [sent] = nova.requests
    assert sent.path_info == path
    assert sent.method == method


@pytest.mark.parametrize("body, message", [
    (b"not json", "not valid JSON"),
    ([], "JSON object"),
    ({}, "'name' is required"),
    ({"name": ""}, "'name' is required"),
    ({"name": "   "}, "'name' is required"),
    ({"name": 42}, "'name' is required"),
    ({"name": "n" * 256}, "longer than 255"),
    ({"name": "n", "description": 7}, "must be a string"),
    ({"name": "n", "description": 0}, "must be a string"),
    ({"name": "n", "description": []}, "must be a string"),
    ({"name": "n", "description": "d" * 256}, "longer than 255"),
])
def test_bad_bodies_are_refused_before_nova(body, message):
    nova = RecordingNova()
    response = call(make(nova), body=body)
    assert response.status_int == 400
    assert message in response.json["badRequest"]["message"]
    assert nova.requests == []


def test_deeply_nested_json_is_a_400_not_a_crash():
    nova = RecordingNova()
    nested = b"[" * 50000 + b"]" * 50000  # about 100 KB
    response = call(make(nova), body=nested)
    assert response.status_int == 400
    assert "not valid JSON" in response.json["badRequest"]["message"]
    assert nova.requests == []


def test_server_id_in_capitals_is_served():
    nova = RecordingNova()
    response = call(make(nova), path="/servers/%s/backup_instance/"
                    % SERVER_ID.upper(), body={"name": "n"})
    assert response.status_int == 202
    assert nova.requests[0].path_info == \
        "/servers/%s/action" % SERVER_ID.upper()


def test_255_characters_are_accepted():
    nova = RecordingNova()
    response = call(make(nova), body={"name": "n" * 255,
                                      "description": "d" * 255})
    assert response.status_int == 202


def test_get_says_the_api_is_served_and_makes_nothing():
    nova = RecordingNova()
    response = call(make(nova), method="GET")
    assert response.status_int == 200
    assert response.json == {"backup_instance": {"methods": ["POST"]}}
    assert nova.requests == []


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_only_get_and_post_are_allowed(method):
    nova = RecordingNova()
    response = call(make(nova), method=method)
    assert response.status_int == 405
    assert response.headers["Allow"] == "GET, POST"
    assert nova.requests == []


@pytest.mark.parametrize("status", [400, 403, 404, 409, 413, 500])
def test_nova_errors_come_back_unchanged(status):
    error = {"conflictingRequest": {"code": status,
                                    "message": "Cannot 'createImage'"}}
    nova = RecordingNova(status=status, body=error)
    response = call(make(nova), body={"name": "n"})
    assert response.status_int == status
    assert response.json == error


def test_answer_without_image_id_is_a_502():
    nova = RecordingNova(status=202, body={})
    response = call(make(nova), body={"name": "n"})
    assert response.status_int == 502
    assert "may still have been made" in response.json["fault"]["message"]


class AnsweringNova(object):
    """Answers every request with the same status, headers and body."""

    def __init__(self, status, body, headers=None):
        self.response = webob.Response(status=status, body=body,
                                       content_type="application/json")
        self.response.headers.update(headers or {})

    def __call__(self, environ, start_response):
        return self.response(environ, start_response)


@pytest.mark.parametrize("status, body, headers", [
    # Only a 2xx is a success, whatever it names.
    (302, json.dumps({"image_id": IMAGE_ID}).encode(),
     {"Location": "http://glance/images/" + IMAGE_ID}),
    (100, json.dumps({"image_id": IMAGE_ID}).encode(), {}),
    # An image id must look like one, in the body and in Location.
    (202, json.dumps({"image_id": "../../etc"}).encode(), {}),
    (202, json.dumps({"image_id": IMAGE_ID + "/x"}).encode(), {}),
    (202, json.dumps({"image_id": 42}).encode(), {}),
    (202, json.dumps([IMAGE_ID]).encode(), {}),
    (202, b"{}", {"Location": "http://glance/images/not-an-id"}),
    (202, b"{}", {"Location": "http://glance/images/%s%%0a" % IMAGE_ID}),
    (202, b"[" * 50000 + b"]" * 50000, {}),
    (202, b"not json", {}),
])
def test_a_doubtful_answer_from_nova_is_a_502(status, body, headers):
    response = call(make(AnsweringNova(status, body, headers)),
                    body={"name": "n"})
    assert response.status_int == 502
    assert IMAGE_ID not in response.text


def test_location_is_used_when_the_body_names_no_usable_id():
    nova = AnsweringNova(202, json.dumps({"image_id": "nope"}).encode(),
                         {"Location": "http://glance/v2/images/" + IMAGE_ID})
    response = call(make(nova), body={"name": "n"})
    assert response.status_int == 202
    assert response.json == {"id": IMAGE_ID}
