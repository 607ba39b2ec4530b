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

"""A plan's firing whose run never started (Mistral moved its trigger on
and started nothing, as when the plan's trust no longer works)."""

import datetime

from quick_backup_client.plans import schedule

# How long after a firing its run must have started. Mistral moves a
# trigger on and starts its run in one go, so a trigger Mistral is late to
# process still names that firing as its next: no false alarm on a busy
# Mistral, and every-minute plans are covered.
MISSED_AFTER = datetime.timedelta(seconds=30)


def missed(trigger, history, now=None, reaches=None):
    """The firing (an aware UTC datetime) whose run never started, or None.

    Mistral starts a trigger's run with a token of the plan's trust; when
    Keystone refuses one (the plan's owner lost their role in the project,
    or was disabled or deleted), Mistral moves the trigger on and starts
    nothing, so no run records why. ``history``: the plan's ``Run``s;
    ``reaches``: how far back (Mistral's text) the project's runs were read
    to find them (``executions.History.reaches``; None: all of them). A firing
    before that cannot be told apart from a run not read: not missed.
    """
    if trigger is None:
        return None
    pattern = getattr(trigger, "pattern", None)
    upcoming = schedule.parse_mistral_time(
        getattr(trigger, "next_execution_time", None))
    created = schedule.parse_mistral_time(
        getattr(trigger, "created_at", None))
    now = now or datetime.datetime.now(datetime.timezone.utc)
    try:
        due = schedule.previous_firing(pattern, upcoming) \
            if upcoming else None
    except schedule.Invalid:
        return None
    read_from = schedule.parse_mistral_time(reaches)
    if due is None or (created and due < created) or \
            now - due < MISSED_AFTER or (read_from and read_from > due):
        return None
    started = [run.started for run in history
               if run.scheduled and run.started]
    if any(when >= due - datetime.timedelta(minutes=1)
           for when in started):
        return None
    return due
