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

"""A plan's runs, read from Mistral's executions: when, what each made and
deleted, and why it failed, as kinds (each surface words them).

The workflow keeps the error text of a failed step (Mistral's action
error, which holds the service's HTTP status); it is classified here once
and never shown.
"""

import collections
import re

from quick_backup_server import protocol

from quick_backup_client import copies

from quick_backup_client.plans import copy_step
from quick_backup_client.plans import schedule
from quick_backup_client.plans import spec
from quick_backup_client.plans import workflow
from quick_backup_client import verify_check

# What happened to one instance in a run (the workflow's ``outcome``, or
# the kind of its error).
MADE = "made"
BUSY = "busy"                        # its task did not end in time
UPLOAD_FAILED = "upload_failed"      # Glance's image went killed/deleted
UPLOAD_SLOW = "upload_slow"          # not active within the bound
INSTANCE_GONE = "instance_gone"      # 404 for the instance
QUOTA = "quota"
FORBIDDEN = "forbidden"              # policy
TRUST = "trust"                      # the plan's trust or login failed
SERVICE_DOWN = "service_down"        # no answer, or a 5xx
PRUNE_FAILED = "prune_failed"        # made, but retention failed
# A plan that requires consistency did not back up the instance: no guest
# agent (crash-consistent), or Nova did not show whether it has one.
NOT_QUIESCED = "not_quiesced"
CONSISTENCY_UNKNOWN = "consistency_unknown"
# A plan that verifies each new backup: the new one failed its test
# restore (``Item.verify_reason``: one of verify_check's reasons), or its
# test restore could not be run (no room in the quota, no flavor that fits,
# or a service's error: the reason is verify_fit's name or error_kind's).
# Either way the run pruned no older backup of that instance.
VERIFY_FAILED = "verify_failed"
VERIFY_NOT_RUN = "verify_not_run"
NO_FLAVOR = workflow.FACTS["NO_FLAVOR"]       # a verify_not_run reason
# Made and kept, but its copy to the plan's other store failed (``Item.copy``
# says why).
COPY_FAILED = copy_step.FAILED
UNKNOWN = "unknown"
# A run as a whole.
RUNNING = "running"
SUCCEEDED = "succeeded"
FAILED = "failed"
NO_PLAN = "no_plan"                  # the plan was gone when it ran
SKIPPED = "skipped"                  # its previous run was still running
# Every kind and state, for the surfaces' tables.
KINDS = (MADE, BUSY, UPLOAD_FAILED, UPLOAD_SLOW, INSTANCE_GONE, QUOTA,
         FORBIDDEN, TRUST, SERVICE_DOWN, PRUNE_FAILED, NOT_QUIESCED,
         CONSISTENCY_UNKNOWN, VERIFY_FAILED, VERIFY_NOT_RUN, COPY_FAILED,
         UNKNOWN)
# What became of a backup's copy to the plan's copy_to store
# (``Item.copy``; None when the plan copies nothing): copied, not copied
# (volume-backed), or why it failed.
COPIED = copy_step.COPIED
NOT_COPIED = copy_step.NOT_COPIED
COPY_SINGLE_STORE = copy_step.SINGLE_STORE
COPY_IMPORT_FAILED = copy_step.IMPORT_FAILED
COPY_SLOW = copy_step.SLOW
COPY_UNSUPPORTED = copy_step.UNSUPPORTED
COPY_UNKNOWN_STORE = copies.UNKNOWN_STORE  # Glance's 400: no such store
COPY_KINDS = (COPIED, NOT_COPIED, COPY_SINGLE_STORE, COPY_IMPORT_FAILED,
              COPY_SLOW, COPY_UNSUPPORTED, COPY_UNKNOWN_STORE, FORBIDDEN,
              SERVICE_DOWN, TRUST, UNKNOWN)
STATES = (RUNNING, SUCCEEDED, FAILED, NO_PLAN, SKIPPED)

_PRUNE_STEPS = ("prune", "list_backups", "list_volume_backed", "recheck",
                "list_snapshots", "delete_images", "delete_snapshots")
_STATUS = re.compile(r"\(HTTP (\d{3})\)")
_ANY_STATUS = re.compile(r"HTTP (\d{3})")
_CHECKS = (
    (QUOTA, lambda text, code: code == 413 or (
        code == 403 and "quota" in text.lower())),
    (TRUST, lambda text, code: code == 401 or "trust" in text.lower() or
     "unauthorized" in text.lower()),
    (FORBIDDEN, lambda text, code: code == 403),
    (INSTANCE_GONE, lambda text, code: code == 404),
    (BUSY, lambda text, code: code == 409),
    (SERVICE_DOWN, lambda text, code: (code or 0) >= 500 or any(
        word in text for word in ("Connection", "connect", "Timeout",
                                  "EndpointNotFound", "Unavailable"))),
)

# protected_kept: how many protected backups retention kept (outside its
# count; 0 in runs recorded before it was); verify_reason: why the new
# backup's test restore failed or was not run (else None); copy: a
# COPY_KINDS kind of the copy to copy_to (the store), None for a plan that
# copies nothing.
Item = collections.namedtuple(
    "Item", "server server_name kind image deleted snapshots_deleted "
    "protected_kept verify_reason copy copy_to",
    defaults=(0, None, None, None))
Run = collections.namedtuple(
    "Run", "id started finished state scheduled items")


def error_kind(text):
    """The kind of a step's error text."""
    text = str(text or "")
    match = _STATUS.search(text)
    code = int(match.group(1)) if match else None
    return next((kind for kind, check in _CHECKS if check(text, code)),
                UNKNOWN)


def item_kind(result):
    """The kind of one instance's result (the workflow's output)."""
    outcome = result.get("outcome")
    if outcome in (MADE, BUSY, UPLOAD_FAILED, UPLOAD_SLOW, COPY_FAILED):
        return outcome
    if outcome == workflow.VERIFY_FAILED:
        return VERIFY_FAILED if result.get("verify_reason") in \
            verify_check.REASONS else VERIFY_NOT_RUN
    if outcome == workflow.NOT_CONSISTENT:
        return CONSISTENCY_UNKNOWN if result.get("error") == \
            protocol.CONSISTENCY_UNKNOWN else NOT_QUIESCED
    kind = error_kind(result.get("error"))
    if result.get("step") in _PRUNE_STEPS and result.get("image"):
        return TRUST if kind == TRUST else PRUNE_FAILED
    if result.get("step") == "wait_upload" and kind == INSTANCE_GONE:
        return UPLOAD_FAILED  # Glance's 404: the image went away
    return kind


def verify_reason(result):
    """Why a new backup failed its test restore or had none: one of
    verify_check's reasons, verify_fit's names (no room for it), the
    workflow's no flavor, or the kind of the error that stopped it.
    """
    if result.get("outcome") != workflow.VERIFY_FAILED:
        return None
    reason = result.get("verify_reason")
    if isinstance(reason, str) and reason:
        return reason
    return error_kind(result.get("error"))


def copy_kind(result):
    """The ``COPY_KINDS`` kind of one instance's copy, None for none."""
    copy = result.get("copy")
    if copy in (COPIED, NOT_COPIED):
        return copy
    if copy != copy_step.FAILED:
        return None
    reason = result.get("copy_error")
    if reason in copy_step.REASONS:
        return reason
    # Glance: 400 for a store it does not offer, 409 "Store for
    # identifier S not found" (as Mistral words glanceclient's error).
    code = _ANY_STATUS.search(str(reason))
    if code and (code.group(1) == "400" or (
            code.group(1) == "409" and "store" in str(reason).lower())):
        return COPY_UNKNOWN_STORE
    kind = error_kind(reason)
    return kind if kind in COPY_KINDS else UNKNOWN


def _count(value):
    return value if isinstance(value, int) and not isinstance(
        value, bool) and value > 0 else 0


def _store(value):
    return value if isinstance(value, str) else None


def read(execution):
    """A ``Run`` from one of Mistral's executions (listed with output)."""
    output = spec.json_field(execution, "output")
    results = output.get("results")
    items = [Item(result.get("server"), result.get("server_name"),
                  item_kind(result), result.get("image"),
                  list(result.get("deleted") or []),
                  list(result.get("snapshots_deleted") or []),
                  _count(result.get("protected_kept")),
                  verify_reason(result), copy_kind(result),
                  _store(result.get("copy_to")))
             for result in results or [] if isinstance(result, dict)]
    state = getattr(execution, "state", None)
    info = str(getattr(execution, "state_info", None) or "")
    if state in ("RUNNING", "IDLE", "PAUSED"):
        run_state = RUNNING
    elif state == "SUCCESS":
        run_state = SKIPPED if output.get("skipped") else SUCCEEDED
    elif "no_plan" in info:
        run_state = NO_PLAN
    else:
        run_state = FAILED
        if not items:
            items = [Item(None, None, error_kind(info), None, [], [])]
    triggered = spec.json_field(execution, "description").get(
        "triggered_by")
    triggered = triggered if isinstance(triggered, dict) else {}
    return Run(getattr(execution, "id", None),
               schedule.parse_mistral_time(
                   getattr(execution, "created_at", None)),
               schedule.parse_mistral_time(
                   getattr(execution, "updated_at", None))
               if run_state != RUNNING else None,
               run_state, triggered.get("type") == "cron_trigger", items)


def last_kinds(last):
    """The kinds of a plan's last result (``spec.last_result``), by
    server: what the Plans view shows without reading the run.
    """
    return {outcome.get("server"): item_kind(outcome)
            for outcome in (last or {}).get("outcomes") or []
            if isinstance(outcome, dict)}
