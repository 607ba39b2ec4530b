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

"""The facts the plan's test-restore workflow (``verify_workflow.yaml``)
is filled in with, each from the Python module that owns it."""

from quick_backup_client import verify_check
from quick_backup_client import verify_fit
from quick_backup_client import verify_lost
from quick_backup_server import protocol

VERIFY_WORKFLOW = "quick_backup_plan_verify"
# How often the test instance is looked at; the bounds are verify's.
POLL_DELAY = 5
# How long Nova has to delete it before the run goes on without it.
GONE_SECONDS = 120

FACTS = {
    "VERIFY_WORKFLOW": VERIFY_WORKFLOW,
    "VERIFY_POLL_DELAY": POLL_DELAY,
    "VERIFY_POLL_TRIES": verify_check.VERIFY_SECONDS // POLL_DELAY,
    "VERIFY_LOST_TRIES": verify_lost.LOST_BOOT_SECONDS // POLL_DELAY,
    "VERIFY_GONE_TRIES": GONE_SECONDS // POLL_DELAY,
    "GIB": verify_fit.GIB,
    "ROOM_KEYS": ", ".join(
        "'%s' => list('%s', '%s')" % (what, limit, used)
        for what, (limit, used) in sorted(dict(
            verify_fit.NOVA_LIMITS, **verify_fit.CINDER_LIMITS).items())),
    "INSTANCES": verify_fit.INSTANCES, "CORES": verify_fit.CORES,
    "RAM": verify_fit.RAM, "VOLUMES": verify_fit.VOLUMES,
    "GIGABYTES": verify_fit.GIGABYTES,
    # What the workflow names a backup no flavor fits (verify_fit.NoFlavor).
    "NO_FLAVOR": "no_flavor",
    "NO_CONSOLE_ERRORS": r"\(HTTP (%s)\)" % "|".join(sorted(
        str(error.http_status) for error in verify_check.NO_CONSOLE_ERRORS)),
    "VERIFY_SERVER_PREFIX": protocol.VERIFY_SERVER_PREFIX,
    "VERIFY_OF_METADATA": protocol.VERIFY_OF_METADATA,
    "VERIFY_SERVER_PROPERTY": protocol.VERIFY_SERVER_PROPERTY,
    "VERIFY_VOLUMES_PROPERTY": protocol.VERIFY_VOLUMES_PROPERTY,
    "VERIFY_STARTED_PROPERTY": protocol.VERIFY_STARTED_PROPERTY,
    "VERIFIED_PROPERTY": protocol.VERIFIED_PROPERTY,
    "VERIFIED_AT_PROPERTY": protocol.VERIFIED_AT_PROPERTY,
    "VERIFIED_REASON_PROPERTY": protocol.VERIFIED_REASON_PROPERTY,
    "VERIFY_PENDING": protocol.VERIFY_PENDING,
    "VERIFYING": protocol.VERIFYING,
    "VERIFIED_PASSED": protocol.VERIFIED_PASSED,
    "VERIFIED_FAILED": protocol.VERIFIED_FAILED,
    "NO_HOST": verify_check.NO_HOST,
    "VOLUME_ERROR": verify_check.VOLUME_ERROR,
    "BOOT_ERROR": verify_check.BOOT_ERROR,
    "TIMED_OUT": verify_check.TIMED_OUT,
    "NO_OUTPUT": verify_check.NO_OUTPUT,
    "GONE": verify_check.GONE,
    "NOT_BOOTED": verify_check.NOT_BOOTED,
    "NO_CONSOLE": verify_check.NO_CONSOLE,
}
