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


"""A plan's runs as Mistral holds them: the executions of the plan's run
workflow, found by the plan named in their input (Mistral filters on no
part of an execution's input: the project's runs are read a page at a
time).
"""

from quick_backup_client.plans import scope
from quick_backup_client.plans import spec
from quick_backup_client.plans import workflow

HISTORY_LIMIT = 50
HISTORY_PAGE, HISTORY_PAGES = 100, 5


class History(list):
    """A plan's runs (Mistral's executions), newest first; ``reaches``: the
    creation time (Mistral's text) of the oldest of the project's runs
    read to find them, or None when every run was read.
    """

    reaches = None


def history(mistral, plan_id, limit=HISTORY_LIMIT):
    """The plan's newest runs (at most ``limit``), newest first, with their
    output: Mistral's executions of the run workflow whose input names the
    plan, read a page of the project's runs at a time (one request per
    ``HISTORY_PAGE``, at most ``HISTORY_PAGES``).
    """
    found, marker = History(), None
    for _page in range(HISTORY_PAGES):
        page = mistral.executions.list(
            workflow_name=workflow.RUN_WORKFLOW, marker=marker or "",
            sort_keys="created_at", sort_dirs="desc", limit=HISTORY_PAGE,
            include_output=True)
        found += [execution for execution in scope.own(mistral, page)
                  if plan_input(execution).get("plan") == plan_id]
        if len(page) < HISTORY_PAGE:
            break
        marker = page[-1].id
        found.reaches = getattr(page[-1], "created_at", None)
        if len(found) >= limit:
            break
    del found[limit:]
    return found


def plan_input(execution):
    """The run's input (the plan's id), as a dict."""
    return spec.json_field(execution, "input")
