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

"""A plan's cron trigger and runs: made with the project's own run workflow
(by its id), the trigger deleted with its trust, and made once more after
Mistral's 404 for workflows deleted since this process found them.
"""

import json

from mistralclient.api import base as mistral_base

from quick_backup_client.plans import workflow


def is_not_found(exc):
    return isinstance(exc, mistral_base.APIException) and \
        exc.error_code == 404


def refused(exc):
    """Mistral's own 4xx: it did not do what it was asked."""
    return isinstance(exc, mistral_base.APIException) and \
        400 <= (exc.error_code or 0) < 500


def again_with_workflows(mistral, project_id, call):
    """``call(run_workflow)``, given the run workflow's id (or name); after
    a 404 (the project's workflows were deleted since this process found
    them), once more with the workflows put back and their new id.
    """
    try:
        return call(workflow.run_workflow(mistral, project_id))
    except mistral_base.APIException as exc:
        if not is_not_found(exc):
            raise
    workflow.forget(project_id)
    return call(workflow.run_workflow(mistral, project_id))


def schedule(mistral, plan, project_id, pattern=None):
    """Make the plan's trigger (Mistral makes its trust), on ``pattern``
    (default: the plan's).
    """
    return again_with_workflows(mistral, project_id, lambda run: (
        mistral.cron_triggers.create(
            plan.env_name, run, workflow_input={"plan": plan.id},
            workflow_params={"env": plan.env_name},
            pattern=pattern or plan.cron)))


def unschedule(mistral, plan):
    """Delete the plan's trigger (and so its trust), if it has one."""
    try:
        mistral.cron_triggers.delete(plan.env_name)
    except mistral_base.APIException as exc:
        if not is_not_found(exc):
            raise


def start(mistral, project_id, plan):
    """Start a run of the plan at once, as the user: the execution."""
    return again_with_workflows(
        mistral, project_id, lambda run: mistral.executions.create(
            run, workflow_input={"plan": plan.id},
            description=json.dumps({"description": "Run now",
                                    "triggered_by": {"type": "user"}}),
            env=plan.env_name))
