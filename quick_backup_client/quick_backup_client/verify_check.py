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

"""How a test instance did: ACTIVE with console output passes, ERROR or
nothing within the bound fails (``verify``'s reasons); Nova's fault text is
read to classify it, never kept or shown."""

import datetime
from urllib import parse

from keystoneauth1 import exceptions as ks_exceptions

from quick_backup_server import protocol

MICROVERSION = "2.37"
# How long the instance has to be ACTIVE with console output.
VERIFY_SECONDS = 600
# Why a verify failed (VERIFIED_REASON_PROPERTY), or how it passed.
NO_HOST = "no_host"            # ERROR: Nova found no host for it
VOLUME_ERROR = "volume_error"  # ERROR: its volumes could not be made
BOOT_ERROR = "boot_error"      # ERROR: anything else
TIMED_OUT = "timed_out"        # not ACTIVE with output in time
NO_OUTPUT = "no_output"        # ACTIVE, but its console stayed empty
GONE = "instance_gone"         # deleted by someone before a result
NOT_BOOTED = "not_booted"      # the boot's answer was lost, no instance came
NO_CONSOLE = "no_console"      # passed: ACTIVE, no console log to read
REASONS = (NO_HOST, VOLUME_ERROR, BOOT_ERROR, TIMED_OUT, NO_OUTPUT, GONE,
           NOT_BOOTED, NO_CONSOLE)
# What a console that does not exist (or that policy keeps from this user)
# answers.
NO_CONSOLE_ERRORS = (ks_exceptions.NotFound, ks_exceptions.Conflict,
                     ks_exceptions.BadRequest, ks_exceptions.Forbidden,
                     ks_exceptions.HttpNotImplemented)


def fault_reason(server):
    """Why Nova put the instance in ERROR, as one of the reasons (Nova's
    text is read, never kept or shown).
    """
    message = str((server.get("fault") or {}).get("message") or "").lower()
    if "no valid host" in message:
        return NO_HOST
    if any(word in message for word in ("volume", "snapshot",
                                        "block device")):
        return VOLUME_ERROR
    return BOOT_ERROR


def _console(compute, server_id):
    """The instance's last console lines; None where no log exists."""
    try:
        return compute.post(
            "/servers/%s/action" % parse.quote(server_id, safe=""),
            json={"os-getConsoleOutput": {"length": 10}},
            microversion=MICROVERSION).json().get("output") or ""
    except NO_CONSOLE_ERRORS:
        return None


def judge(compute, server, started, now):
    """``(result, reason)`` for the instance, or None while it may still
    pass (at most one console request).
    """
    late = started is None or now - started > datetime.timedelta(
        seconds=VERIFY_SECONDS)
    if server is None:
        return protocol.VERIFIED_FAILED, GONE
    if server.get("status") == "ERROR":
        return protocol.VERIFIED_FAILED, fault_reason(server)
    if server.get("status") == "ACTIVE":
        output = _console(compute, server["id"])
        if output is None:
            return protocol.VERIFIED_PASSED, NO_CONSOLE
        if output.strip():
            return protocol.VERIFIED_PASSED, None
        return (protocol.VERIFIED_FAILED, NO_OUTPUT) if late else None
    return (protocol.VERIFIED_FAILED, TIMED_OUT) if late else None
