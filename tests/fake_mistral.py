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

"""A small Mistral v2 REST API in memory, on requests_mock: the
environments, cron triggers, workflows and executions that the plans
library uses, each request counted by the mocker's history."""

import json
import re

from tests.osc_shell import MISTRAL_URL

NEXT_RUN = "2026-11-24 02:00:00"


class FakeMistral(object):

    def __init__(self, mocker):
        self.environments = {}
        self.triggers = {}
        self.workflows = {}
        self.executions = []
        any_path = re.compile(re.escape(MISTRAL_URL) + r"/.*")
        for method in ("GET", "POST", "PUT", "DELETE"):
            mocker.register_uri(method, any_path, json=self._answer)

    def _answer(self, request, context):
        path = request.path.split("/v2/", 1)[1].split("/")
        handler = getattr(self, "_%s_%s" % (request.method.lower(),
                                            path[0]))
        return handler(request, context, *path[1:])

    @staticmethod
    def _missing(context):
        context.status_code = 404
        return {"faultstring": "not found"}

    def _get_environments(self, request, context, name=None):
        if name is None:
            return {"environments": list(self.environments.values())}
        if name not in self.environments:
            return self._missing(context)
        return self.environments[name]

    def _post_environments(self, request, context):
        body = request.json()
        self.environments[body["name"]] = body
        context.status_code = 201
        return body

    def _put_environments(self, request, context):
        body = request.json()
        self.environments[body["name"]].update(body)
        return self.environments[body["name"]]

    def _delete_environments(self, request, context, name):
        if self.environments.pop(name, None) is None:
            return self._missing(context)
        context.status_code = 204

    def _get_cron_triggers(self, request, context, name=None):
        if name is None:
            return {"cron_triggers": list(self.triggers.values())}
        if name not in self.triggers:
            return self._missing(context)
        return self.triggers[name]

    def _post_cron_triggers(self, request, context):
        body = dict(request.json(), next_execution_time=NEXT_RUN)
        self.triggers[body["name"]] = body
        context.status_code = 201
        return body

    def _delete_cron_triggers(self, request, context, name):
        if self.triggers.pop(name, None) is None:
            return self._missing(context)
        context.status_code = 204

    def _get_workflows(self, request, context):
        return {"workflows": list(self.workflows.values())}

    def _post_workflows(self, request, context):
        context.status_code = 201
        return self._put_workflows(request, context)

    def _put_workflows(self, request, context):
        text = request.text
        names = re.findall(r"^(\w+):\n  description", text, re.M)
        self.workflows = {name: {"name": name, "definition": text}
                          for name in names}
        return {"workflows": list(self.workflows.values())}

    def _post_executions(self, request, context):
        execution = dict(request.json(), id="e%d" % len(self.executions),
                         state="RUNNING", created_at="2026-11-23 10:00:00")
        self.executions.append(execution)
        context.status_code = 201
        return execution

    def _get_executions(self, request, context):
        return {"executions": self.executions[::-1]}

    def add_plan(self, plan, trigger=True, last=None):
        """A plan as the library saves it (without its requests)."""
        self.environments[plan.env_name] = {
            "name": plan.env_name, "variables": json.dumps(
                plan.as_variables())}
        self.environments[plan.last_env_name] = {
            "name": plan.last_env_name,
            "variables": json.dumps(last or {})}
        if trigger:
            self.triggers[plan.env_name] = {
                "name": plan.env_name, "pattern": plan.cron,
                "next_execution_time": NEXT_RUN}
