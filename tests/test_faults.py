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

"""devcloud's fault injector on werkzeug's server, as the services run it."""

import json
import threading
from unittest import mock

import pytest
import requests
from werkzeug.serving import make_server

from devcloud import faults
from devcloud.faults import CONTROL_PATH
from devcloud.faults import FaultInjector

BODY = b'{"made": "an image", "id": "0123456789"}'


def service(environ, start_response):
    service.calls += 1
    start_response("202 Accepted", [("Content-Type", "application/json"),
                                     ("Content-Length", str(len(BODY)))])
    return [BODY]


@pytest.fixture
def url():
    service.calls = 0
    server = make_server("127.0.0.1", 0, FaultInjector(service),
                         threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "http://127.0.0.1:%d" % server.server_port
    server.shutdown()
    server.server_close()


def whole(method, url, **kwargs):
    """``requests.request``, reading the body to its Content-Length.

    A body cut short raises ChunkedEncodingError on urllib3 1.26 too (2.x
    always enforces the length; 1.26 only when asked).
    """
    answer = requests.request(method, url, stream=True, **kwargs)
    answer.raw.enforce_content_length = True
    answer.content  # reads the body: raises if it is cut
    return answer


def inject(url, **rule):
    requests.post(url + CONTROL_PATH, json=rule, timeout=10).raise_for_status()


def test_a_raw_body_is_sent_byte_for_byte_as_malformed_json(url):
    inject(url, status=200, raw="<html>not json")

    answer = requests.get(url + "/v2/images", timeout=10)

    assert answer.status_code == 200
    assert answer.content == b"<html>not json"
    with pytest.raises(ValueError):
        answer.json()
    assert service.calls == 0


def test_a_cut_answer_reaches_the_service_then_breaks_mid_body(url):
    inject(url, method="POST", cut=True)

    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        whole("POST", url + "/servers/x/action", json={}, timeout=10)

    assert service.calls == 1  # the service did the work
    assert requests.post(url + "/servers/x/action", json={},
                         timeout=10).content == BODY  # the rule is used up


def test_an_injected_error_can_be_cut_too_and_never_reaches_the_service(
        url):
    inject(url, status=500, cut=True)

    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        whole("GET", url + "/servers/detail", timeout=10)

    assert service.calls == 0


def test_the_request_log_lists_what_reached_the_port(url):
    inject(url, status=503)
    requests.delete(url + "/v2/images/abc", timeout=10)
    seen = requests.get(url + CONTROL_PATH, timeout=10).json()["requests"]
    assert seen == ["DELETE /v2/images/abc"]


def test_the_count_goes_past_the_requests_the_log_keeps(url):
    with mock.patch.object(faults, "REQUESTS_KEPT", 3):
        injector = FaultInjector(service)
    for _ in range(5):
        injector({"REQUEST_METHOD": "GET", "PATH_INFO": "/v2/images"},
                 lambda status, headers: None)
    answer = json.loads(b"".join(injector(
        {"REQUEST_METHOD": "GET", "PATH_INFO": CONTROL_PATH},
        lambda status, headers: None)))

    assert (len(answer["requests"]), answer["counted"]) == (3, 5)
    requests.delete(url + "/v2/images/abc", timeout=10)
    requests.delete(url + CONTROL_PATH, timeout=10)
    assert requests.get(url + CONTROL_PATH, timeout=10).json()[
        "counted"] == 0


def test_a_raw_body_without_a_status_replaces_the_services_own(url):
    inject(url, method="POST", raw="<html>")

    answer = requests.post(url + "/servers/x/action", json={}, timeout=10)

    assert (answer.status_code, answer.content) == (202, b"<html>")
    assert service.calls == 1


def barriers(url):
    return requests.get(url + CONTROL_PATH, timeout=10).json()["barriers"]


def test_a_barrier_holds_the_first_request_until_the_second_comes(url):
    inject(url, method="POST", path_regex="/servers/s1/", barrier=30)
    answers = []
    first = threading.Thread(target=lambda: answers.append(
        requests.post(url + "/servers/s1/action", timeout=30)))
    first.start()
    # Held: it has not reached the service while nothing else came.
    for _ in range(100):
        if barriers(url)[0]["arrived"] == 1:
            break
        threading.Event().wait(0.05)
    first.join(0.5)
    assert first.is_alive() and service.calls == 0
    requests.get(url + "/servers/s1/action", timeout=10)  # not matched
    assert first.is_alive()

    second = requests.post(url + "/servers/s1/backup_instance", timeout=10)
    first.join(10)

    assert second.status_code == 202 and answers[0].status_code == 202
    assert service.calls == 3
    [barrier] = barriers(url)
    assert (barrier["arrived"], barrier["met"], barrier["timed_out"]) == \
        (2, True, False)
    # Met once: it holds nothing more.
    assert requests.post(url + "/servers/s1/action",
                         timeout=5).status_code == 202


def test_a_barrier_lets_the_first_request_go_when_no_second_comes(url):
    inject(url, method="POST", path_regex="/servers/s1/", barrier=0.3)

    answer = requests.post(url + "/servers/s1/action", timeout=10)

    assert answer.status_code == 202
    [barrier] = barriers(url)
    assert (barrier["met"], barrier["timed_out"]) == (False, True)
