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

"""A plan's run history as its page shows it: when each run happened,
whether it was scheduled, and per instance what it made, what it deleted
and why it failed (``runs.read``, in the dashboard's words).
"""

from backup_dashboard.panels.plans import words
from backup_dashboard.panels.quick_backup import links
from quick_backup_client.plans import firings as plan_firings
from quick_backup_client.plans import runs as plan_runs
from quick_backup_client.plans import schedule


class ItemView(object):
    def __init__(self, item, servers):
        server = (servers or {}).get(item.server) if item.server else None
        self.server_id = item.server if server else None
        self.name = (server or {}).get("name") or item.server_name or \
            item.server or "-"
        self.made = item.kind in (plan_runs.MADE, plan_runs.PRUNE_FAILED,
                                  plan_runs.COPY_FAILED) and item.image
        self.image = item.image
        self.image_url = links.backup_detail_url(item.image) \
            if self.made else None
        self.deleted = len(item.deleted)
        self.snapshots_deleted = len(item.snapshots_deleted)
        self.protected_kept = item.protected_kept
        self.failed = item.kind != plan_runs.MADE
        self.words = words.item_words(item)
        self.copy_words = words.copy_words(item)


class RunView(object):
    def __init__(self, run, servers, tz):
        self.id = run.id
        self.started = schedule.in_zone(run.started, tz)
        self.finished = schedule.in_zone(run.finished, tz)
        self.scheduled = run.scheduled
        self.state = run.state
        self.state_words = words.RUN_STATES.get(run.state, run.state)
        self.failed = run.state == plan_runs.FAILED
        self.items = [ItemView(item, servers) for item in run.items]


def runs(executions, servers, tz):
    """``RunView``s of Mistral's ``executions``, newest first; one that
    cannot be read is left out rather than fail the page.
    """
    views = []
    for execution in executions:
        try:
            views.append(RunView(plan_runs.read(execution), servers, tz))
        except Exception:  # noqa: a malformed record is not the page's end
            continue
    return views


def missed(trigger, executions, tz):
    """When the plan's last firing was due, in ``tz``, if it started no
    run (``firings.missed``: Keystone refused the plan's trust), else None.
    """
    read = []
    for execution in executions:
        try:
            read.append(plan_runs.read(execution))
        except Exception:  # noqa: as in runs(): left out
            continue
    return schedule.in_zone(plan_firings.missed(
        trigger, read, reaches=getattr(executions, "reaches", None)), tz)
