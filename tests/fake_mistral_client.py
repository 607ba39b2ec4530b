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

"""A fake Mistral for the Plans views: python-mistralclient's managers as
``store`` uses them, every call counted, plans held in memory."""

import json
import types

from mistralclient.api import base as mistral_base

from quick_backup_client.plans import spec as plan_spec
from quick_backup_client.plans import workflow


# The ids of the project's own workflows.
WORKFLOW_IDS = {workflow.RUN_WORKFLOW: "7d3c1f0e-1111-4a2b-8c3d-5e6f7a8b9c0d",
                workflow.INSTANCE_WORKFLOW:
                    "7d3c1f0e-2222-4a2b-8c3d-5e6f7a8b9c0d",
                workflow.VERIFY_WORKFLOW:
                    "7d3c1f0e-3333-4a2b-8c3d-5e6f7a8b9c0d"}


def api_error(code):
    return mistral_base.APIException(code, "secret text %d" % code)


def _named(name, wanted):
    """Mistral's name filter: none, "has:", "in:a,b", "gt:" or "lt:"."""
    if wanted is None:
        return True
    kind, value = wanted.split(":", 1)
    return {"has": lambda: value in name, "in": lambda: name in value.split(
        ","), "gt": lambda: name > value, "lt": lambda: name < value}[kind]()


class _Manager(object):
    def __init__(self, fake, name):
        self.fake, self.name = fake, name

    def __getattr__(self, method):
        def call(*args, **kwargs):
            key = "%s.%s" % (self.name, method)
            self.fake.calls.append(key)
            failure = self.fake.fail.get(key, self.fake.fail.get("*"))
            failure = self.fake.fail_at.get(key, {}).get(
                self.fake.calls.count(key), failure)
            if failure is not None:
                raise failure
            return getattr(self.fake, "_%s_%s" % (self.name, method))(
                *args, **kwargs)
        return call


class FakeMistral(object):
    """``environments``, ``cron_triggers``, ``executions``, ``workflows``;
    ``fail`` maps "manager.method" (or "*") to the exception to raise,
    ``fail_at`` "manager.method" to {n: exception} for its n-th call only.
    Its workflows are the project's own unless ``others`` lists another
    project's of the same names (as Mistral lists them to an admin)."""

    def __init__(self):
        self.calls, self.fail, self.fail_at = [], {}, {}
        self.others = []
        self.envs, self.triggers, self.runs = {}, {}, []
        # Each environment's creation, in order (Mistral's created_at).
        self.created = {}
        for name in ("environments", "cron_triggers", "executions",
                     "workflows"):
            setattr(self, name, _Manager(self, name))
        workflow.forget()

    def add(self, plan, last=None, next_time="2026-12-01 02:00:00"):
        self._environments_create(plan.env_name, "", plan.as_variables())
        self._environments_create(plan.last_env_name, "",
                                  {workflow.LAST_KEY: last} if last else {})
        if not plan.paused:
            self.triggers[plan.env_name] = types.SimpleNamespace(
                name=plan.env_name, next_execution_time=next_time,
                pattern=plan.cron)
        return plan

    def requests(self):
        return len(self.calls)

    def _env(self, name, variables):
        return types.SimpleNamespace(name=name,
                                     variables=json.dumps(variables))

    def _environments_list(self, marker="", limit=None, sort_keys="",
                           sort_dirs="", name=None, **kwargs):
        """As Mistral lists: by creation, or by ``sort_keys`` "name" (and
        ``sort_dirs`` "desc"), at most ``limit``, filtered by ``name``
        ("has:", "in:", "gt:" or "lt:"). Its ``marker`` must be a UUID and
        is looked up as a name: it never pages (400 or 404)."""
        if marker:
            raise api_error(404 if marker in self.envs else 400)
        key = (lambda each: each) if sort_keys == "name" else self.created.get
        names = sorted(self.envs, key=key,
                       reverse=sort_dirs.startswith("desc"))
        names = [each for each in names if _named(each, name)]
        return [self._env(n, self.envs[n]) for n in names[:limit]]

    def _environments_get(self, name):
        if name not in self.envs:
            raise api_error(404)
        return self._env(name, self.envs[name])

    def _environments_create(self, name, description, variables):
        if name in self.envs:  # Mistral's duplicate entry
            raise api_error(409)
        self.envs[name] = variables
        self.created[name] = len(self.created)

    def _environments_update(self, name, variables):
        self.envs[name] = variables

    def _environments_delete(self, name):
        if self.envs.pop(name, None) is None:
            raise api_error(404)

    def _cron_triggers_list(self, name=None, **kwargs):
        return [trigger for each, trigger in self.triggers.items()
                if _named(each, name)]

    def _cron_triggers_get(self, name):
        if name not in self.triggers:
            raise api_error(404)
        return self.triggers[name]

    def _cron_triggers_create(self, name, workflow_identifier, **kwargs):
        self.triggers[name] = types.SimpleNamespace(
            name=name, next_execution_time="2026-12-01 02:00:00",
            pattern=kwargs.get("pattern"), workflow=workflow_identifier)

    def _cron_triggers_delete(self, name):
        if self.triggers.pop(name, None) is None:
            raise api_error(404)

    def _executions_list(self, **kwargs):
        return list(self.runs)

    def _executions_create(self, workflow_identifier, **kwargs):
        execution = types.SimpleNamespace(id="run-%d" % len(
            self.runs), input=json.dumps(kwargs["workflow_input"]),
            workflow=workflow_identifier)
        self.runs.append(execution)
        return execution

    def _workflows_list(self, **kwargs):
        return [types.SimpleNamespace(
            name=name, id=WORKFLOW_IDS[name], project_id=None,
            definition=workflow.definition())
            for name in WORKFLOW_IDS] + self.others

    def plan(self, plan_id):
        return plan_spec.from_variables(self.envs.get(
            plan_spec.env_name(plan_id)))
