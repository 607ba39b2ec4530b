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
once, and recorded when found; not found, the backup records the boot as
pending, and each later step looks again until a bound; nothing is looked
for when Nova certainly made nothing."""

import datetime

import pytest
import requests
from keystoneauth1 import exceptions as ks_exceptions

from quick_backup_client import failures
from quick_backup_client import verify
from quick_backup_client import verify_check
from quick_backup_client import verify_lost
from quick_backup_server import protocol
from tests.test_verify import answer_start
from tests.test_verify import backup
from tests.test_verify import http  # noqa: F401 (a fixture)
from tests.test_verify import IMAGE_ID
from tests.test_verify import IMAGE_URL
from tests.test_verify import NOVA
from tests.test_verify import NOW
from tests.test_verify import patched
from tests.test_verify import sent
from tests.test_verify import SERVER_ID
from tests.test_verify import STARTED
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


PENDING = {protocol.VERIFY_SERVER_PROPERTY: protocol.VERIFY_PENDING,
           protocol.VERIFIED_PROPERTY: protocol.VERIFYING,
           protocol.VERIFY_STARTED_PROPERTY: STARTED}


def test_a_lost_boot_not_listed_yet_fails_and_is_recorded_as_pending(
        http, services):
    """Nova may carry the boot out later (after the caller gave up)."""
    answer_start(http)
    http.post(NOVA + "/servers", text="<html>not Nova's")
    http.get(LISTING, json=listed("another-backup"))
    with pytest.raises(failures.BadAnswer):
        verify.start(services, backup(), now=NOW)
    assert patched(http) == PENDING
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
    assert patched(http) == PENDING


def pending(**properties):
    return backup(**dict(PENDING, **properties))


def test_each_step_of_a_pending_boot_records_the_instance_once_listed(
        http, services):
    http.get(LISTING, json=made())
    http.patch(IMAGE_URL, json=backup())
    verify.advance(services, pending(), now=NOW)
    assert sent(http) == [("GET", "/v2.1/servers/detail"),
                          ("PATCH", "/v2/images/" + IMAGE_ID)]
    assert patched(http) == {protocol.VERIFY_SERVER_PROPERTY: SERVER_ID}


def test_a_pending_boot_not_listed_is_looked_for_again_within_the_bound(
        http, services):
    http.get(LISTING, json=listed("another-backup"))
    later = NOW + datetime.timedelta(seconds=verify_lost.LOST_BOOT_SECONDS)
    image = verify.advance(services, pending(), now=later)
    assert verify.is_running(image)
    assert sent(http) == [("GET", "/v2.1/servers/detail")]


def test_a_pending_boot_never_listed_fails_past_the_bound_saying_why(
        http, services):
    http.get(LISTING, json=listed("another-backup"))
    http.patch(IMAGE_URL, json=backup())
    later = NOW + datetime.timedelta(
        seconds=verify_lost.LOST_BOOT_SECONDS + 1)
    verify.advance(services, pending(), now=later)
    assert patched(http) == {
        protocol.VERIFY_SERVER_PROPERTY: "REMOVED",
        protocol.VERIFY_STARTED_PROPERTY: "REMOVED",
        protocol.VERIFIED_PROPERTY: protocol.VERIFIED_FAILED,
        protocol.VERIFIED_REASON_PROPERTY: verify_check.NOT_BOOTED,
        protocol.VERIFIED_AT_PROPERTY: "2026-12-02T04:05:01Z"}


def test_a_backup_deleted_while_its_boot_is_pending_takes_the_instance(
        http, services):
    http.get(LISTING, json=made())
    http.delete(NOVA + "/servers/" + SERVER_ID, status_code=204)
    verify.discard(services, pending())
    assert sent(http) == [("GET", "/v2.1/servers/detail"),
                          ("DELETE", "/v2.1/servers/" + SERVER_ID)]
