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

"""A test instance's boot whose answer is lost (found by the fault matrix:
Nova had made the instance, and no backup recorded it): it is looked for
once, and recorded when found; nothing is looked for when Nova certainly
made nothing."""

import pytest
import requests
from keystoneauth1 import exceptions as ks_exceptions

from quick_backup_client import failures
from quick_backup_client import verify
from quick_backup_server import protocol
from tests.test_verify import answer_start
from tests.test_verify import backup
from tests.test_verify import http  # noqa: F401 (a fixture)
from tests.test_verify import IMAGE_ID
from tests.test_verify import NOVA
from tests.test_verify import NOW
from tests.test_verify import patched
from tests.test_verify import sent
from tests.test_verify import SERVER_ID
from tests.test_verify import services  # noqa: F401 (a fixture)

LISTING = NOVA + "/servers/detail"


def listed(*of_images):
    return {"servers": [{"id": "other-%d" % index, "metadata": {
        protocol.VERIFY_OF_METADATA: image_id}}
        for index, image_id in enumerate(of_images)]}


def made(image_id=IMAGE_ID):
    return {"servers": [{"id": SERVER_ID, "metadata": {
        protocol.VERIFY_OF_METADATA: image_id}}]}


@pytest.mark.parametrize("lost", [
    {"text": "<html>not Nova's"}, {"json": ["not", "a", "server"]},
    {"status_code": 500}, {"exc": requests.exceptions.ConnectionError}],
    ids=["not JSON", "not Nova's shape", "Nova's 500", "connection cut"])
def test_a_boot_whose_answer_is_lost_is_found_and_recorded(
        http, services, lost):
    answer_start(http)
    http.post(NOVA + "/servers", **lost)
    http.get(LISTING, json={"servers": listed("another-backup")[
        "servers"] + made()["servers"]})
    verify.start(services, backup(), now=NOW)
    assert patched(http)[protocol.VERIFY_SERVER_PROPERTY] == SERVER_ID
    assert sent(http) == [("GET", "/v2.1/limits"),
                          ("GET", "/v2.1/flavors/detail"),
                          ("POST", "/v2.1/servers"),
                          ("GET", "/v2.1/servers/detail"),
                          ("PATCH", "/v2/images/" + IMAGE_ID),
                          # verify_sweep's: the other test instance is
                          # another backup's, and kept.
                          ("GET", "/v2.1/servers/detail")]
    assert http.request_history[3].qs["name"] == [
        "^quick-backup-verify-b7e1e1f2$"]


def test_a_lost_boot_nova_made_nothing_of_is_a_failure_recording_nothing(
        http, services):
    answer_start(http)
    http.post(NOVA + "/servers", text="<html>not Nova's")
    http.get(LISTING, json=listed("another-backup"))
    with pytest.raises(failures.BadAnswer):
        verify.start(services, backup(), now=NOW)
    assert not patched(http)
    assert failures.may_have_made(failures.BadAnswer())


@pytest.mark.parametrize("refusal", [403, 409, 413])
def test_a_boot_nova_refused_is_not_looked_for(http, services, refusal):
    answer_start(http)
    http.post(NOVA + "/servers", status_code=refusal)
    with pytest.raises(ks_exceptions.HttpError):
        verify.start(services, backup(), now=NOW)
    assert ("GET", "/v2.1/servers/detail") not in sent(http)
    assert not patched(http)


def test_nova_failing_to_list_raises_the_boots_own_failure(http, services):
    answer_start(http)
    http.post(NOVA + "/servers", status_code=503)
    http.get(LISTING, status_code=503)
    with pytest.raises(ks_exceptions.ServiceUnavailable):
        verify.start(services, backup(), now=NOW)
    assert not patched(http)
