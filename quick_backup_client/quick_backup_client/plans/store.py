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

from keystoneauth1 import exceptions as ks_exceptions
from mistralclient.api import base as mistral_base
from mistralclient.api import client as mistral_client

from quick_backup_client.plans import scope
from quick_backup_client.plans import spec as plan_spec
from quick_backup_client.plans import triggers
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


def plans(mistral):
    """Every plan of the project, by name (two requests below 500 plans:
    each has two environments; the Plans view reads one page of them at
    a time, ``pages.page``).
    """
    every = scope.every(mistral.environments, by_name=True)
    environments = scope.own(mistral, every)
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
        if triggers.is_not_found(exc):
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
        if triggers.is_not_found(exc):
            return None
        raise


def _last(mistral, plan):
    try:
        return plan_spec.last_result(_variables(
            mistral.environments.get(plan.last_env_name)))
    except mistral_base.APIException as exc:
        if triggers.is_not_found(exc):
            return None
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
            triggers.schedule(mistral, plan, project_id)
    except Exception:
        # Mistral may have done what it answered badly: undo each step.
        if not plan.paused:
            _quietly(triggers.unschedule, mistral, plan)
        _quietly(mistral.environments.delete, plan.last_env_name)
        _quietly(mistral.environments.delete, plan.env_name)
        raise
    return plan


class NotRestored(Exception):
    """An edit failed and the plan could not be put back as it was either:
    it may not be scheduled now (edit it again). Raised from the edit's own
    failure.
    """


def update(mistral, project_id, plan, before=None):
    """Save an edited plan (pause and resume too): its trigger, and so its
    trust, is replaced (none while paused). ``before`` is the plan as read
    (``Listed``; read here when not given).

    When a step fails, the plan is put back as it was (its definition, and
    a trigger of its pattern if it had one: with a new trust) and the
    failure raised; when that fails too, ``NotRestored``.
    """
    workflow.ensure(mistral, project_id)
    if before is None:
        before = get(mistral, plan.id)
    reached = 0
    try:
        mistral.environments.update(name=plan.env_name,
                                    variables=plan.as_variables())
        reached = 1
        triggers.unschedule(mistral, plan)
        reached = 2
        if not plan.paused:
            triggers.schedule(mistral, plan, project_id)
    except Exception as exc:
        # What Mistral may have changed: the definition (1), the trigger
        # too (2); a step it refused it did not do.
        changed = reached + (0 if triggers.refused(exc) else 1)
        if before is not None and changed:
            _restore(mistral, project_id, before, exc, changed >= 2)
        raise
    return plan


def _restore(mistral, project_id, before, failure, trigger_too):
    """Put ``before`` back after ``failure``; its trigger too once the
    edit reached it (Mistral may have deleted it, or made the new one).
    """
    old = before.plan
    try:
        mistral.environments.update(name=old.env_name,
                                    variables=old.as_variables())
        if trigger_too:
            triggers.unschedule(mistral, old)
            if before.trigger is not None:
                pattern = getattr(before.trigger, "pattern", None)
                triggers.schedule(mistral, old, project_id, pattern if
                                  isinstance(pattern, str) else None)
    except Exception:
        raise NotRestored() from failure


def delete(mistral, plan):
    """Delete the plan: its trigger and trust first, then its
    environments. A plan already gone is no error.
    """
    triggers.unschedule(mistral, plan)
    for name in (plan.last_env_name, plan.env_name):
        try:
            mistral.environments.delete(name)
        except mistral_base.APIException as exc:
            if not triggers.is_not_found(exc):
                raise


def run_now(mistral, project_id, plan):
    """Start a run at once, as the user; returns the execution's id."""
    return triggers.start(mistral, project_id, plan).id


def _quietly(call, *args):
    try:
        call(*args)
    except Exception:  # noqa: the first failure is the one raised
        pass
