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


"""A plan's runs as read from Mistral's executions, and the firing that
started no run (a trust Keystone refuses)."""

import datetime
import json
import types

import pytest

from quick_backup_client.plans import firings
from quick_backup_client.plans import runs
from quick_backup_client.plans import schedule
from quick_backup_client.plans import workflow

UTC = datetime.timezone.utc
NOW = datetime.datetime(2026, 12, 2, 1, 30, 20, tzinfo=UTC)


def execution(state="SUCCESS", output=None, info=None, scheduled=True,
              created="2026-12-02 01:29:01"):
    description = {"triggered_by": {"type": "cron_trigger" if scheduled
                                    else "user"}}
    return types.SimpleNamespace(
        id="e1", state=state, state_info=info, created_at=created,
        updated_at="2026-12-02 01:29:50", description=json.dumps(description),
        output=json.dumps(output) if output is not None else None)


def result(outcome="made", step="prune", error=None, image="i1"):
    return {"server": "s1", "server_name": "web-1", "outcome": outcome,
            "step": step, "error": error, "image": image,
            "deleted": ["old"], "snapshots_deleted": []}


def test_a_successful_scheduled_run_says_what_it_made_and_deleted():
    run = runs.read(execution(output={"results": [result()]}))
    assert run.state == runs.SUCCEEDED and run.scheduled
    assert run.items == [runs.Item("s1", "web-1", runs.MADE, "i1", ["old"],
                                   [])]
    assert run.started == datetime.datetime(2026, 12, 2, 1, 29, 1,
                                            tzinfo=UTC)


def test_a_run_says_how_many_protected_backups_retention_kept():
    recorded = dict(result(), protected_kept=3)
    (item,) = runs.read(execution(output={"results": [recorded]})).items
    assert item.protected_kept == 3
    # Recorded before it was, or nonsense: none.
    for odd in (None, "3", True, -1):
        recorded["protected_kept"] = odd
        (item,) = runs.read(execution(output={"results": [recorded]})).items
        assert item.protected_kept == 0


@pytest.mark.parametrize("error, kind", [
    ("NovaAction.servers_get failed: Instance x could not be found. "
     "(HTTP 404) (Request-ID: req-1)", runs.INSTANCE_GONE),
    ("servers_create_image failed: Quota exceeded (HTTP 403)", runs.QUOTA),
    ("failed: Policy doesn't allow (HTTP 403)", runs.FORBIDDEN),
    ("failed: The request you have made requires authentication. "
     "(HTTP 401)", runs.TRUST),
    ("failed: Unable to establish connection to http://nova",
     runs.SERVICE_DOWN),
    ("failed: Internal Server Error (HTTP 500)", runs.SERVICE_DOWN),
    ("failed: Cannot 'createImage' while in task_state (HTTP 409)",
     runs.BUSY),
    ("something else", runs.UNKNOWN),
])
def test_a_failed_step_is_classified_by_the_status_in_its_error(error,
                                                               kind):
    run = runs.read(execution("ERROR", {"results": [result(
        "error", "get_server", error, None)]}, "some_failed"))
    assert run.state == runs.FAILED
    assert run.items[0].kind == kind


def test_a_backup_made_whose_pruning_failed_is_told_apart():
    item = runs.read(execution("ERROR", {"results": [result(
        "error", "delete_images", "failed (HTTP 500)")]})).items[0]
    assert item.kind == runs.PRUNE_FAILED


def test_every_pruning_step_of_the_workflow_is_a_pruning_failure():
    for step in ("list_backups", "list_volume_backed", "recheck",
                 "list_snapshots", "delete_snapshots", "delete_images"):
        assert "\n    %s:\n" % step in workflow.definition()
        item = runs.read(execution("ERROR", {"results": [result(
            "error", step, "failed (HTTP 500)")]})).items[0]
        assert item.kind == runs.PRUNE_FAILED, step


def test_a_skipped_run_and_a_run_of_a_deleted_plan():
    assert runs.read(execution(output={"skipped": True, "results": []})
                     ).state == runs.SKIPPED
    assert runs.read(execution("ERROR", info="no_plan")).state == \
        runs.NO_PLAN


def test_malformed_output_reads_as_a_run_without_items():
    run = runs.read(execution("ERROR", output=["not", "a", "dict"],
                              info="boom (HTTP 502)"))
    assert run.state == runs.FAILED
    assert [item.kind for item in run.items] == [runs.SERVICE_DOWN]


def trigger(pattern="* * * * *", upcoming="2026-12-02 01:31:00",
            created="2026-12-02 01:00:00"):
    return types.SimpleNamespace(pattern=pattern, created_at=created,
                                 next_execution_time=upcoming)


def test_a_firing_that_started_no_run_is_missed():
    # Due at 01:30 (the minute before the next one): nothing started since.
    history = [runs.read(execution(created="2026-12-02 01:20:02"))]
    later = NOW + datetime.timedelta(minutes=3)
    assert firings.missed(trigger(), history, later) == datetime.datetime(
        2026, 12, 2, 1, 30, tzinfo=UTC)


def test_no_firing_is_missed_when_its_run_started_or_is_not_yet_late():
    started = [runs.read(execution(created="2026-12-02 01:30:03"))]
    later = NOW + datetime.timedelta(minutes=3)
    assert firings.missed(trigger(), started, later) is None
    assert firings.missed(trigger(), [], NOW) is None  # 20 s: not late yet
    assert firings.missed(trigger(), [], NOW + datetime.timedelta(
        seconds=15)) is not None
    assert firings.missed(None, [], later) is None  # paused
    assert firings.missed(trigger(created="2026-12-02 01:30:30"), [],
                       later) is None  # made after that firing


def test_a_firing_older_than_the_runs_read_is_not_called_missed():
    # A busy project: only runs since 01:40 were read (its own may be older).
    later = NOW + datetime.timedelta(minutes=3)
    assert firings.missed(trigger(), [], later,
                       reaches="2026-12-02 01:31:00") is None
    assert firings.missed(trigger(), [], later,
                       reaches="2026-12-02 01:29:00") is not None


def test_a_run_started_by_hand_does_not_hide_a_missed_firing():
    by_hand = [runs.read(execution(scheduled=False,
                                   created="2026-12-02 01:31:00"))]
    later = NOW + datetime.timedelta(minutes=3)
    assert firings.missed(trigger(), by_hand, later) is not None


@pytest.mark.parametrize("pattern, before, due", [
    ("* * * * *", "2026-12-02 01:30:00", "2026-12-02 01:29:00"),
    ("*/5 * * * *", "2026-12-02 01:31:10", "2026-12-02 01:30:00"),
    ("0 2 * * *", "2026-12-02 01:30:00", "2026-12-01 02:00:00"),
    # 2026-11-29 is a Sunday.
    ("30 23 * * 0", "2026-12-02 01:30:00", "2026-11-29 23:30:00"),
    ("0 3 1 * *", "2026-12-02 01:30:00", "2026-12-01 03:00:00"),
    # Day of the month or weekday, as cron: Friday 27 November.
    ("0 0 13 * 5", "2026-12-02 01:30:00", "2026-11-27 00:00:00"),
    ("10-20/5 6 * * *", "2026-12-02 06:19:00", "2026-12-02 06:15:00"),
])
def test_the_previous_firing_of_a_pattern(pattern, before, due):
    assert schedule.previous_firing(
        pattern, schedule.parse_mistral_time(before)) == \
        schedule.parse_mistral_time(due)
