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

"""Backup plans in the user's project on Mistral, through python-mistralclient.

Every call takes a ``mistralclient`` v2 client made with the user's own
credentials (``connect``), so Mistral keeps each project's plans to itself.
Listing costs two requests whatever the number of plans (the environments
and the cron triggers); saving makes the trigger, whose Keystone trust
Mistral creates from the user's token and deletes with the trigger.
"""

import collections
import json

from keystoneauth1 import exceptions as ks_exceptions
from mistralclient.api import base as mistral_base
from mistralclient.api import client as mistral_client

from quick_backup_client.plans import scope
from quick_backup_client.plans import spec as plan_spec
from quick_backup_client.plans import workflow

# A plan as listed: its definition, its trigger (None when paused or lost)
# and its last result (None before its first run).
Listed = collections.namedtuple("Listed", "plan trigger last")


SERVICE_TYPE = "workflowv2"


def connect(session=None, mistral_url=None, auth_token=None,
            project_id=None, user_id=None, region_name=None,
            interface="public", **kwargs):
    """A Mistral client: on a keystoneauth session (the command line; its
    catalog names Mistral, else keystoneauth's EndpointNotFound), or on a
    token and Mistral's URL (the dashboard).
    """
    if session is not None:
        mistral_url = mistral_url or session.get_endpoint(
            service_type=SERVICE_TYPE, interface=interface,
            region_name=region_name)
        if not mistral_url:
            raise ks_exceptions.EndpointNotFound(SERVICE_TYPE)
        return mistral_client.client(session=session,
                                     mistral_url=mistral_url, **kwargs)
    return mistral_client.client(mistral_url=mistral_url,
                                 auth_token=auth_token,
                                 project_id=project_id, user_id=user_id,
                                 **kwargs)


def _is_not_found(exc):
    return isinstance(exc, mistral_base.APIException) and \
        exc.error_code == 404


def plans(mistral):
    """Every plan of the project, by name (two requests below 500 plans:
    each has two environments).
    """
    environments = scope.own(mistral, scope.every(mistral.environments))
    triggers = {trigger.name: trigger for trigger in
                scope.own(mistral, scope.every(mistral.cron_triggers))}
    lasts, found = {}, []
    for environment in environments:
        variables = _variables(environment)
        if environment.name.startswith(workflow.LAST_ENV_PREFIX):
            lasts[environment.name] = plan_spec.last_result(variables)
            continue
        plan = plan_spec.from_variables(variables)
        if plan is not None and environment.name == plan.env_name:
            found.append(plan)
    return sorted((Listed(plan, triggers.get(plan.env_name),
                          lasts.get(plan.last_env_name)) for plan in found),
                  key=lambda listed: (listed.plan.name.lower(),
                                      listed.plan.id))


def _variables(environment):
    return plan_spec.json_field(environment, "variables")


def get(mistral, plan_id):
    """One plan as ``Listed``, or None when the project has no such plan
    (three requests).
    """
    try:
        environment = mistral.environments.get(plan_spec.env_name(plan_id))
    except mistral_base.APIException as exc:
        if _is_not_found(exc):
            return None
        raise
    if not scope.own(mistral, [environment]):
        return None
    plan = plan_spec.from_variables(_variables(environment))
    if plan is None or plan.id != plan_id:
        return None
    return Listed(plan, _trigger(mistral, plan), _last(mistral, plan))


def _trigger(mistral, plan):
    try:
        return mistral.cron_triggers.get(plan.env_name)
    except mistral_base.APIException as exc:
        if _is_not_found(exc):
            return None
        raise


def _last(mistral, plan):
    try:
        return plan_spec.last_result(_variables(
            mistral.environments.get(plan.last_env_name)))
    except mistral_base.APIException as exc:
        if _is_not_found(exc):
            return None
        raise


def _again_with_workflows(mistral, project_id, call):
    """``call()``; after a 404 (the project's workflows were deleted since
    this process found them), once more with the workflows put back.
    """
    try:
        return call()
    except mistral_base.APIException as exc:
        if not _is_not_found(exc):
            raise
    workflow.forget(project_id)
    workflow.ensure(mistral, project_id)
    return call()


def _schedule(mistral, plan, project_id):
    return _again_with_workflows(mistral, project_id, lambda: (
        mistral.cron_triggers.create(
            plan.env_name, workflow.RUN_WORKFLOW,
            workflow_input={"plan": plan.id},
            workflow_params={"env": plan.env_name}, pattern=plan.cron)))


def _unschedule(mistral, plan):
    """Delete the plan's trigger (and so its trust), if it has one."""
    try:
        mistral.cron_triggers.delete(plan.env_name)
    except mistral_base.APIException as exc:
        if not _is_not_found(exc):
            raise


class AlreadySaved(Exception):
    """A plan of that id exists: a repeated submit of the same form, whose
    first submit saved it (nothing was changed or undone).
    """


def create(mistral, project_id, plan):
    """Save a new plan and schedule it (unless paused). When a step fails,
    what it may have made (Mistral may act, then answer with an error or a
    body that is not its own) and every step before it are removed.

    A plan's id comes with the form that made it: a plan of that id saved
    already raises ``AlreadySaved`` and changes nothing (a repeated submit
    never makes a second plan).
    """
    workflow.ensure(mistral, project_id)
    description = "Quick Backup plan"
    try:
        mistral.environments.create(name=plan.env_name,
                                    description=description,
                                    variables=plan.as_variables())
    except mistral_base.APIException as exc:
        if exc.error_code == 409:
            raise AlreadySaved() from exc
        _quietly(mistral.environments.delete, plan.env_name)
        raise
    except Exception:
        _quietly(mistral.environments.delete, plan.env_name)
        raise
    try:
        mistral.environments.create(name=plan.last_env_name,
                                    description=description, variables={})
        if not plan.paused:
            _schedule(mistral, plan, project_id)
    except Exception:
        # Mistral may have done what it answered badly: undo each step.
        if not plan.paused:
            _quietly(_unschedule, mistral, plan)
        _quietly(mistral.environments.delete, plan.last_env_name)
        _quietly(mistral.environments.delete, plan.env_name)
        raise
    return plan


def update(mistral, project_id, plan):
    """Save an edited plan (pause and resume too): its trigger, and so its
    trust, is replaced (none while paused).
    """
    workflow.ensure(mistral, project_id)
    mistral.environments.update(name=plan.env_name,
                                variables=plan.as_variables())
    _unschedule(mistral, plan)
    if not plan.paused:
        _schedule(mistral, plan, project_id)
    return plan


def delete(mistral, plan):
    """Delete the plan: its trigger and trust first, then its
    environments. A plan already gone is no error.
    """
    _unschedule(mistral, plan)
    for name in (plan.last_env_name, plan.env_name):
        try:
            mistral.environments.delete(name)
        except mistral_base.APIException as exc:
            if not _is_not_found(exc):
                raise


def run_now(mistral, project_id, plan):
    """Start a run at once, as the user; returns the execution's id."""
    workflow.ensure(mistral, project_id)
    execution = _again_with_workflows(
        mistral, project_id, lambda: mistral.executions.create(
            workflow.RUN_WORKFLOW, workflow_input={"plan": plan.id},
            description=json.dumps({"description": "Run now",
                                    "triggered_by": {"type": "user"}}),
            env=plan.env_name))
    return execution.id


def _quietly(call, *args):
    try:
        call(*args)
    except Exception:  # noqa: the first failure is the one raised
        pass
