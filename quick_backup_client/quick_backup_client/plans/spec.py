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

"""What a backup plan is, how it is checked, and how Mistral holds it.

A plan lives in the user's project on Mistral as an environment named
``quick_backup_plan_<id>`` (the definition, under ``workflow.ENV_KEY``), a
second one that its runs write their last result to, and, unless it is
paused, a cron trigger of the same name as the first, which runs the plan's
workflow with that environment. The environments are what the Plans view
lists: every plan of a page in one request.
"""

import collections
import json
import uuid

from quick_backup_server import protocol

from quick_backup_client.plans import retention as retention_rules
from quick_backup_client.plans import schedule
from quick_backup_client.plans import workflow

# How the environment's definition is laid out (raised when that changes;
# every version of the workflows reads every layout up to its own).
LAYOUT = 1
NAME_MAX_LENGTH = 100
# How many instances one plan covers at most (one run backs them all up).
SERVERS_MAX = 50

FIELDS = ("id", "name", "servers", "cron", "preset", "time", "weekday",
          "timezone", "retention", "paused", "require_consistency",
          "verify", "copy_to")
# Fields a plan saved before them lacks, and what that means (off; off;
# no copy).
DEFAULTS = (False, False, None)
# A Glance store id as ``copy_to`` names it (Glance's own are short words).
STORE_MAX_LENGTH = 255


class Invalid(ValueError):
    """A plan that cannot be saved; ``field`` names what is wrong."""

    def __init__(self, field, detail=None):
        super().__init__(field)
        self.field = field
        self.detail = detail


class Plan(collections.namedtuple("Plan", FIELDS, defaults=DEFAULTS)):
    """A plan's definition. ``cron`` is UTC; ``preset``, ``time``,
    ``weekday`` and ``timezone`` say how it was entered (for editing).
    ``require_consistency``: back up only instances whose backup is
    expected to be quiesced, or that are shut off (the run's
    ``not_consistent`` outcome for the others). ``verify``: test-restore
    each new backup (off for plans saved before it). ``copy_to``: the
    Glance store each new backup is also copied to (None: no copy).
    """

    @property
    def env_name(self):
        return env_name(self.id)

    @property
    def last_env_name(self):
        return workflow.LAST_ENV_PREFIX + self.id

    def as_variables(self):
        values = dict(self._asdict(), retention=self.retention.as_dict(),
                      layout=LAYOUT)
        return {workflow.ENV_KEY: values}

    # A plan whose definition was read whole (``Damaged`` is not).
    damaged = False

    def replace(self, **changes):
        return self._replace(**changes)


def env_name(plan_id):
    return workflow.ENV_PREFIX + plan_id


def new_id():
    return str(uuid.uuid4())


def make(name, servers, preset, time_text="", weekday=None, timezone=None,
         retention=None, plan_id=None, paused=False, today=None,
         require_consistency=False, verify=False, copy_to=None):
    """A checked ``Plan``, or ``Invalid`` naming the field at fault.
    ``copy_to``: a store id, or None or "" for no copy (whether this
    Glance has that store is the form's and the command's to check).
    """
    name = (name or "").strip()
    if not name or len(name) > NAME_MAX_LENGTH:
        raise Invalid("name")
    servers = list(dict.fromkeys(servers or ()))
    if not servers:
        raise Invalid("servers")
    if len(servers) > SERVERS_MAX:
        raise Invalid("servers", SERVERS_MAX)
    if not all(protocol.is_uuid(server) for server in servers):
        raise Invalid("servers")
    try:
        cron = schedule.preset_cron(preset, time_text, weekday, timezone,
                                    today)
    except schedule.Invalid as exc:
        raise Invalid("schedule") from exc
    retention = retention or retention_rules.Retention(keep_last=7)
    problem = retention.problem()
    if problem:
        raise Invalid("retention", problem)
    copy_to = (copy_to or "").strip() or None
    if not _passes(_store, copy_to):
        raise Invalid("copy_to")
    return Plan(plan_id or new_id(), name, servers, cron, preset,
                time_text if preset != schedule.CRON else "",
                weekday if preset == schedule.WEEKLY else None,
                timezone or "UTC", retention, bool(paused),
                bool(require_consistency), bool(verify), copy_to)


def from_variables(variables):
    """The ``Plan`` an environment holds; a ``Damaged`` one when a field of
    its definition is wrong (made or changed by hand); None when it holds
    no plan (no definition with a plan id).
    """
    values = (variables or {}).get(workflow.ENV_KEY)
    if not isinstance(values, dict) or not protocol.is_uuid(values.get("id")):
        return None
    problem = next((field for field, check in _CHECKS
                    if not _passes(check, values.get(field))), None)
    if problem is None:
        plan = Plan(**dict(
            {field: values.get(field) for field in FIELDS},
            retention=retention_rules.Retention.from_dict(
                values["retention"]),
            servers=list(dict.fromkeys(values["servers"])),
            paused=bool(values.get("paused")),
            require_consistency=values.get("require_consistency") is True,
            verify=values.get("verify") is True))
        problem = plan.retention.problem() and "retention"
        if not problem:
            return plan
    return Damaged.of(values, problem)


class Damaged(Plan):
    """A plan whose definition cannot be read: only its id, its name and
    its instances' ids where they are readable; ``problem`` names the first
    wrong field. It can be deleted, not run or edited.
    """

    damaged = True
    problem = None

    @classmethod
    def of(cls, values, problem):
        name = values.get("name")
        servers = values.get("servers")
        damaged = cls(values["id"], name.strip() if _passes(_name, name)
                      else values["id"], [
                          server for server in servers
                          if protocol.is_uuid(server)]
                      if isinstance(servers, list) else [], "", None, "",
                      None, "UTC", retention_rules.Retention(), False)
        damaged.problem = problem
        return damaged


def _passes(check, value):
    try:
        return bool(check(value))
    except (TypeError, ValueError):
        return False


def _name(value):
    return isinstance(value, str) and 0 < len(value.strip()) <= \
        NAME_MAX_LENGTH


def _servers(value):
    return isinstance(value, list) and 0 < len(value) <= SERVERS_MAX and \
        all(protocol.is_uuid(server) for server in value)


def _store(value):
    """None, or a store id: a word of letters, digits, ``-`` and ``_``."""
    return value is None or (
        isinstance(value, str) and 0 < len(value) <= STORE_MAX_LENGTH and
        value.replace("-", "").replace("_", "").isalnum() and
        value.isascii())


def _optional(kind, test=None):
    """None, or a ``kind`` (a bool only where ``kind`` is bool)."""
    def check(value):
        if value is None:
            return True
        return isinstance(value, kind) and \
            isinstance(value, bool) == (kind is bool) and \
            (test is None or test(value))
    return check


# Each field of a definition and what it must be (``retention``'s counts
# are checked by ``Retention.problem``).
_CHECKS = (
    ("name", _name),
    ("servers", _servers),
    ("cron", schedule.check_cron),
    ("preset", lambda value: value in (None, schedule.DAILY,
                                       schedule.WEEKLY, schedule.CRON)),
    ("time", _optional(str)),
    ("weekday", _optional(int, lambda value: value in range(7))),
    ("timezone", _optional(str)),
    ("retention", lambda value: isinstance(value, dict)),
    ("paused", _optional(bool)),
    ("require_consistency", _optional(bool)),
    ("verify", _optional(bool)),
    ("copy_to", _store),
)


def json_field(resource, name):
    """A field of a Mistral resource as a dict (Mistral sends JSON objects
    as text in some fields); {} for anything else.
    """
    value = getattr(resource, name, None)
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    return value if isinstance(value, dict) else {}


def last_result(variables):
    """What the newest finished run wrote (a dict), or None."""
    value = (variables or {}).get(workflow.LAST_KEY)
    return value if isinstance(value, dict) else None
