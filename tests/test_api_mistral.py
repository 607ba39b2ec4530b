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

"""The dashboard's Mistral session: its time limit on every call, and the
longer one of the once-per-project write of the plans' workflows."""

from mistralclient.api import client as mistral_client
import requests_mock

from backup_dashboard.api import mistral

URL = "http://127.0.0.1:8989/v2"


def sent_timeouts(call):
    """The time limit of each request ``call`` sends, through
    python-mistralclient on the dashboard's session of 10 s."""
    client = mistral_client.client(mistral_url=URL, auth_token="t",
                                   project_id="p", user_id="u",
                                   session=mistral._Session(10))
    with requests_mock.Mocker() as http:
        http.register_uri(requests_mock.ANY, requests_mock.ANY,
                          json={"workflows": [], "environments": []})
        try:
            call(client)
        except Exception:
            pass  # the answers are not Mistral's: only what was sent counts
        return [(sent.method, sent.timeout) for sent in http.request_history]


def test_a_read_or_an_environment_write_gets_the_calls_time_limit():
    assert sent_timeouts(lambda c: c.workflows.list()) == [("GET", 10)]
    assert sent_timeouts(lambda c: c.environments.create(
        name="quick_backup_plan_x", variables={})) == [("POST", 10)]


def test_writing_the_workflows_gets_the_longer_time_limit():
    assert sent_timeouts(lambda c: c.workflows.create("version: '2.0'")) == [
        ("POST", mistral.WORKFLOWS_WRITE_TIMEOUT)]
    assert sent_timeouts(lambda c: c.workflows.update("version: '2.0'")) == [
        ("PUT", mistral.WORKFLOWS_WRITE_TIMEOUT)]


def test_a_longer_setting_stays_longer_for_the_workflows_too():
    session = mistral._Session(mistral.WORKFLOWS_WRITE_TIMEOUT + 60)
    assert session.timeout_for("PUT", URL + "/workflows") == (
        mistral.WORKFLOWS_WRITE_TIMEOUT + 60)
    assert session.timeout_for("DELETE", URL + "/workflows/x") == (
        mistral.WORKFLOWS_WRITE_TIMEOUT + 60)
    assert mistral._Session(None).timeout_for("GET", URL) is None
