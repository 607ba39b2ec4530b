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

"""A backup plan as the Plans panel shows it: the plan, its trigger and
last result, its instances named from one Nova listing, in the viewer's
time zone.
"""

from horizon.utils import functions as horizon_functions

from quick_backup_client.plans import runs
from quick_backup_client.plans import schedule


def user_timezone(request):
    """The viewer's time zone as Horizon has it (User Settings)."""
    return horizon_functions.get_timezone(request) or "UTC"


class Instance(object):
    """One of a plan's instances: ``server`` is Nova's dict, or None when
    it is gone (or Nova could not say: ``unknown``).
    """

    def __init__(self, instance_id, server=None, unknown=False,
                 name=None):
        self.id = instance_id
        self.server = server
        self.unknown = unknown
        self.name = (server or {}).get("name") or name or instance_id


def instances(instance_ids, servers, names=None):
    """``Instance`` objects of ``instance_ids``; ``servers`` is Nova's
    listing by id, or None when Nova could not be asked.
    """
    names = names or {}
    return [Instance(instance_id, (servers or {}).get(instance_id),
                     servers is None, names.get(instance_id))
            for instance_id in instance_ids]


class PlanRow(object):
    """``listed`` is ``store.Listed``; ``servers`` Nova's listing by id (or
    None); ``tz`` the viewer's time zone name.
    """

    def __init__(self, listed, servers, tz):
        self.listed = listed
        self.plan = listed.plan
        self.id = self.plan.id
        self.name = self.plan.name
        self.paused = self.plan.paused
        self.damaged = self.plan.damaged
        self.trigger = listed.trigger
        self.last = listed.last
        self.tz = tz
        self.instances = instances(self.plan.servers, servers)

    @property
    def next_run(self):
        """When the trigger fires next, in the viewer's zone, or None."""
        if self.paused or self.trigger is None:
            return None
        return schedule.in_zone(schedule.parse_mistral_time(getattr(
            self.trigger, "next_execution_time", None)), self.tz)

    @property
    def last_failed(self):
        return bool(self.last and self.last.get("failed"))

    @property
    def last_finished(self):
        return schedule.in_zone(schedule.parse_mistral_time(
            (self.last or {}).get("finished_at")), self.tz)

    @property
    def last_execution(self):
        return (self.last or {}).get("execution")

    @property
    def last_failure_kinds(self):
        """The kinds of the last run's failures, one each."""
        kinds = runs.last_kinds(self.last).values()
        return list(dict.fromkeys(kind for kind in kinds
                                  if kind != runs.MADE))
