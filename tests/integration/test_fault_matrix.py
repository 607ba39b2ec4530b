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

"""The fault matrix on the real local cloud: every failure of Nova, Glance
and Cinder that a user can meet, at every surface of the plugin (see
fault_surfaces.py), through Horizon over HTTP. Each case: a normal page (or
a redirect to one), one of the plugin's own messages and never the
service's text, at most one request that creates or deletes, and no backup
left in Glance that the user was told was not made."""

import time

import pytest
import requests

from devcloud import horizon as devcloud_horizon
from devcloud.layout import free_port
from tests.integration import cloud as cloud_api
from tests.integration import horizon_http
from tests.integration.fault_matrix_cloud import INJECTED
from tests.integration.fault_matrix_cloud import Matrix
from tests.integration.fault_matrix_cloud import refusing
from tests.integration.fault_surfaces import CREATE_BACKUP_HORIZON
from tests.integration.fault_surfaces import CREATE_BACKUP_SETTINGS
from tests.integration.fault_surfaces import Submit
from tests.integration.fault_surfaces import SURFACES
from tests.integration import verify_copy_fault_surfaces

LATE = devcloud_horizon.API_TIMEOUT + 2


def _error(status, key, message):
    return {"status": status, "body": {key: {
        "code": status, "message": "%s %s" % (message, INJECTED)}}}


FAULTS = {
    "400": {"status": 400},
    "401 expired token": _error(401, "error", "The request you have made "
                                "requires authentication."),
    "403 policy": _error(403, "forbidden", "Policy doesn't allow this "
                         "to be performed."),
    "403 quota": _error(403, "forbidden", "Quota exceeded for images."),
    "413 quota": _error(413, "overLimit", "Maximum number of images "
                        "exceeded: quota."),
    "404": {"status": 404},
    "409": {"status": 409},
    "500": {"status": 500},
    "503": {"status": 503},
    # Late, then served: the service does the work after the dashboard
    # gave up (QUICK_BACKUP_API_TIMEOUT on devcloud's Horizon).
    "slower than the timeout": {"delay": LATE},
    "connection refused": None,  # a region whose endpoint refuses
    # Both after the service has done the work.
    "connection cut mid-response": {"cut": True},
    "malformed JSON": {"raw": "<html>%s" % INJECTED},
}
# Regions whose one endpoint refuses connections (every other endpoint as
# RegionOne's), by the fault port whose service they stand for.
REFUSING = {"compute": "RefusingCompute", "compute_stock": "RefusingCompute",
            "image": "RefusingImage", "volume": "RefusingVolume"}
CATALOG_TYPES = {"RefusingCompute": "compute", "RefusingImage": "image",
                 "RefusingVolume": "volumev3"}


@pytest.fixture(scope="module")
def refusing_regions(cloud, admin_session):
    """The regions of REFUSING, for as long as the module runs."""
    with refusing(admin_session, CATALOG_TYPES):
        yield


@pytest.fixture(scope="module")
def matrix(cloud, demo_session, admin_session, refusing_regions):
    made = Matrix(cloud, demo_session)  # logs in once the regions exist
    made.admin = admin_session  # to look for what no user sees left
    port = free_port()
    cloud.serve_horizon(CREATE_BACKUP_HORIZON, port, CREATE_BACKUP_SETTINGS)
    try:
        url = "http://127.0.0.1:%d/" % port
        cloud_api.wait_until(lambda: _answers(url + horizon_http.LOGIN),
                             timeout=300, what="the createBackup Horizon")
        made.horizons[CREATE_BACKUP_HORIZON] = horizon_http.Horizon(
            url, cloud.info["demo"])
        yield made
    finally:
        cloud.end(CREATE_BACKUP_HORIZON)
        made.clear_faults()
        made.tidy()


def _answers(url):
    try:
        return requests.get(url, timeout=120).status_code == 200
    except requests.ConnectionError:
        return False


def _cases():
    # A surface's ``faults``: those that apply (None: every one); its
    # ``known``: those it fails, with why (strict: mended, they pass).
    return [pytest.param(surface, fault, id="%s, %s" % (surface.name, fault),
                         marks=[pytest.mark.xfail(reason=reason, strict=True)
                                for reason in [getattr(surface, "known", {})
                                               .get(fault)] if reason])
            for surface in SURFACES + verify_copy_fault_surfaces.SURFACES
            for fault in FAULTS
            if getattr(surface, "faults", None) is None or
            fault in surface.faults]


@pytest.mark.parametrize("surface,fault", _cases())
def test_a_failure_gives_a_clear_message_and_never_a_500(
        matrix, surface, fault):
    matrix.serve(surface)
    arranged = surface.arrange(matrix)
    matrix.clear_faults()
    refused = FAULTS[fault] is None
    region = REFUSING[surface.service] if refused else surface.region
    cli = getattr(surface, "cli", False)
    if region != "RegionOne" and not cli:
        matrix.horizon.switch_region(region)
    if not refused:
        matrix.inject(surface, FAULTS[fault])
    started = time.monotonic()
    try:
        if cli:
            answer = surface.act(matrix, arranged, region if refused
                                 else None)
        else:
            answer = surface.act(matrix, arranged)
        seen = matrix.requests_seen()
        matrix.clear_faults()
        messages = None if cli else matrix.horizon.messages_after(answer)
        if fault == "slower than the timeout" and surface.creates:
            # Let the late request reach the service before counting.
            time.sleep(max(0, started + LATE + 2 - time.monotonic()))
        made = None
        if isinstance(surface, Submit):
            made = matrix.images_named(arranged["fields"]["name"])
        matrix.check(surface, fault, answer, messages, seen, made)
        if getattr(surface, "half_done", None):
            surface.half_done(matrix)
    finally:
        if not cli:
            matrix.horizon.back_home()
        surface.tidy(matrix, arranged)
