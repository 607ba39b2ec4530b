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

"""A Quick Backup whose answer is cut mid-body is a broken connection ("may
still be made") on every urllib3, 1.26 included
(quick_backup_client/novaclient_ext/cut_answers.py)."""

import json
import threading

from keystoneauth1 import exceptions as ks_exceptions
from keystoneauth1 import session
from keystoneauth1 import token_endpoint
from novaclient import api_versions
from novaclient import client as nova_client
from novaclient import extension
import pytest
import requests
import requests_mock
from werkzeug.serving import make_server

from devcloud.faults import CONTROL_PATH
from devcloud.faults import FaultInjector
from quick_backup_client import failures
from quick_backup_client.novaclient_ext import cut_answers
from quick_backup_client.novaclient_ext import quick_backup

SERVER_ID = "6ae1f1c4-1111-4a3f-9d6e-0c2f6b1d2a11"
IMAGE_ID = "b7e1e1f2-2222-4c1a-8f5e-3b9c1d2e4f55"


def nova(environ, start_response):
    """A Nova with the Quick Backup filter, as far as this POST goes."""
    nova.calls += 1
    body = json.dumps({"id": IMAGE_ID}).encode()
    start_response("202 Accepted", [("Content-Type", "application/json"),
                                    ("Content-Length", str(len(body)))])
    return [body]


@pytest.fixture
def url():
    nova.calls = 0
    server = make_server("127.0.0.1", 0, FaultInjector(nova), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "http://127.0.0.1:%d" % server.server_port
    server.shutdown()
    server.server_close()


def backup(url):
    client = nova_client.Client(
        api_versions.APIVersion("2.1"),
        session=session.Session(auth=token_endpoint.Token(url, "token")),
        extensions=[extension.Extension(quick_backup.EXTENSION_NAME,
                                        quick_backup)])
    return client.quick_backups.create(SERVER_ID, "nightly", "")


def cut(url, **rule):
    requests.post(url + CONTROL_PATH, json=dict(cut=True, **rule),
                  timeout=10).raise_for_status()


def test_a_backup_answered_in_full_names_its_image(url):
    assert backup(url) == IMAGE_ID


def test_a_backup_whose_answer_is_cut_is_a_broken_connection(url):
    cut(url, method="POST")

    with pytest.raises(ks_exceptions.ConnectionError) as raised:
        backup(url)

    assert nova.calls == 1  # Nova made the backup
    assert failures.kind(raised.value) == failures.CONNECTION_BROKE
    assert not failures.nothing_was_made(raised.value)


def test_a_cut_error_answer_is_a_broken_connection_too(url):
    cut(url, method="POST", status=500)

    with pytest.raises(ks_exceptions.ConnectionError) as raised:
        backup(url)

    assert failures.kind(raised.value) == failures.CONNECTION_BROKE


@pytest.mark.parametrize("headers, passes", [
    ({"Content-Length": "100"}, False),
    ({"Content-Length": "10"}, True),
    ({}, True),  # no length declared: nothing to hold the body to
    ({"Content-Length": "many"}, True),
])
def test_only_an_answer_shorter_than_its_length_is_refused(headers, passes):
    with requests_mock.Mocker() as http:
        http.get("http://nova.example.com/", content=b"0123456789",
                 headers=headers)
        answer = requests.get("http://nova.example.com/", timeout=10)

    if passes:
        cut_answers.check(answer)
    else:
        with pytest.raises(ks_exceptions.UnknownConnectionError):
            cut_answers.check(answer)
