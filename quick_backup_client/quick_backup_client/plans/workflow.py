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

"""The Mistral workflows that run a plan: rendered from ``workflow.yaml``
with the facts they use, put into the user's project on first use and
replaced whenever the rendered text changes: each workflow's description
carries the digest of the whole text (Mistral keeps each workflow's own
part of a definition, so the texts themselves cannot be compared).

The workflows take only the plan's id and read the plan from its
environment, so an upgrade that replaces them leaves every plan running: a
plan made with one version runs with the next.
"""

import hashlib
import importlib.resources
import re

from quick_backup_server import consistency
from quick_backup_server import protocol

from quick_backup_client import backup_paths
from quick_backup_client import copies
from quick_backup_client import in_flight
from quick_backup_client.plans import copy_step
from quick_backup_client.plans import scope
from quick_backup_client.plans import verify_facts

# Raised by hand when the workflows change how they behave (shown in
# Mistral's description of them); the text itself decides replacement.
VERSION = 5
RUN_WORKFLOW = "quick_backup_plan_run"
INSTANCE_WORKFLOW = "quick_backup_plan_instance"
VERIFY_WORKFLOW = verify_facts.VERIFY_WORKFLOW
WORKFLOWS = (RUN_WORKFLOW, INSTANCE_WORKFLOW, VERIFY_WORKFLOW)
# A plan's environments: its definition, and its last result (written by
# the run, so the user's edits and the runs never write the same one).
ENV_PREFIX = "quick_backup_plan_"
LAST_ENV_PREFIX = "quick_backup_plan_last_"
ENV_KEY = "quick_backup_plan"
LAST_KEY = "quick_backup_plan_last"
# The outcome of an instance a plan that requires consistency did not back
# up (its error is the label it would have had).
NOT_CONSISTENT = "not_consistent"
# The outcome of an instance whose new backup did not pass its test
# restore (older backups are then kept).
VERIFY_FAILED = "verify_failed"
# How many of a plan's instances are backed up at once.
CONCURRENCY = 2

_VOLUME_BACKED_PROPERTY, _VOLUME_BACKED_VALUE = next(iter(
    backup_paths.VOLUME_BACKED_FILTER.items()))
FACTS = {
    "VERSION": VERSION, "RUN_WORKFLOW": RUN_WORKFLOW,
    "INSTANCE_WORKFLOW": INSTANCE_WORKFLOW, "ENV_KEY": ENV_KEY,
    "LAST_ENV_PREFIX": LAST_ENV_PREFIX, "LAST_KEY": LAST_KEY,
    "CONCURRENCY": CONCURRENCY,
    # How long a run waits, and which statuses are unfinished: in_flight's,
    # as the button, the command and the stuck bound know them.
    "BUSY_TRIES": in_flight.RUN_BUSY_TRIES,
    "BUSY_DELAY": in_flight.RUN_BUSY_DELAY,
    "UPLOAD_TRIES": in_flight.RUN_UPLOAD_TRIES,
    "UPLOAD_DELAY": in_flight.RUN_UPLOAD_DELAY,
    "QUEUED": in_flight.QUEUED,
    "UNFINISHED_STATUSES": ", ".join(in_flight.UNFINISHED_STATUSES),
    "NAME_MAX_LENGTH": protocol.NAME_MAX_LENGTH,
    "MARKER_PROPERTY": protocol.MARKER_PROPERTY,
    "MARKER_VALUE": protocol.MARKER_VALUE,
    "INSTANCE_PROPERTY": protocol.INSTANCE_PROPERTY,
    "INSTANCE_NAME_PROPERTY": protocol.INSTANCE_NAME_PROPERTY,
    "DESCRIPTION_PROPERTY": protocol.DESCRIPTION_PROPERTY,
    "PLAN_PROPERTY": protocol.PLAN_PROPERTY,
    "NOVA_INSTANCE_PROPERTY": protocol.NOVA_INSTANCE_PROPERTY,
    "TASK_STATE": in_flight.TASK_STATE,
    "PLAN_NAME_PROPERTY": protocol.PLAN_NAME_PROPERTY,
    "VOLUME_BACKED_PROPERTY": _VOLUME_BACKED_PROPERTY,
    "VOLUME_BACKED_VALUE": _VOLUME_BACKED_VALUE,
    "CONSISTENCY_PROPERTY": protocol.CONSISTENCY_PROPERTY,
    "CONSISTENCY_APPLICATION": protocol.CONSISTENCY_APPLICATION,
    "CONSISTENCY_CRASH": protocol.CONSISTENCY_CRASH,
    "CONSISTENCY_SHUTOFF": protocol.CONSISTENCY_SHUTOFF,
    "CONSISTENCY_UNKNOWN": protocol.CONSISTENCY_UNKNOWN,
    "SHUTOFF_STATUS": consistency.SHUTOFF_STATUS,
    "ACTIVE_STATUS": consistency.ACTIVE_STATUS,
    "GUEST_AGENT": consistency.GUEST_AGENT,
    "REQUIRE_QUIESCE": consistency.REQUIRE_QUIESCE,
    "TRUE_STRINGS": ", ".join("'%s'" % value
                              for value in consistency.TRUE_STRINGS),
    "NOT_CONSISTENT": NOT_CONSISTENT,
    "VERIFY_FAILED": VERIFY_FAILED,
    # The copy of each backup to the plan's copy_to store.
    "COPY_ACTION": copy_step.ACTION,
    "COPY_SENT_MARK": copy_step.SENT_MARK,
    "COPY_METHOD": copies.COPY_METHOD["name"],
    "COPY_FAILED_PROPERTY": copies.FAILED_PROPERTY,
    "COPY_TRIES": in_flight.RUN_COPY_TRIES,
    "COPY_DELAY": in_flight.RUN_COPY_DELAY,
    "COPIED": copy_step.COPIED,
    "NOT_COPIED": copy_step.NOT_COPIED,
    "COPY_FAILED": copy_step.FAILED,
    "COPY_SINGLE_STORE": copy_step.SINGLE_STORE,
    "COPY_IMPORT_FAILED": copy_step.IMPORT_FAILED,
    "COPY_SLOW": copy_step.SLOW,
    "COPY_UNSUPPORTED": copy_step.UNSUPPORTED,
}
FACTS.update(verify_facts.FACTS)
_FACT = re.compile(r"@@([A-Z_]+)@@")
# The projects whose workflows this process has found current, each with
# its workflows' ids by name.
_current = {}


def definition():
    """The workflows' text, every ``@@NAME@@`` filled in."""
    return _fill(_template(), current_digest())


def current_digest():
    """The digest of this release's workflows (of their text without it)."""
    return digest(_fill(_template(), ""))


def _template():
    """workflow.yaml, then verify_workflow.yaml's workflow (one text)."""
    files = importlib.resources.files(__package__)
    return files.joinpath("workflow.yaml").read_text(encoding="utf-8") + \
        "\n" + files.joinpath("verify_workflow.yaml").read_text(
            encoding="utf-8")


def _fill(template, text_digest):
    facts = dict(FACTS, DIGEST=text_digest)
    return _FACT.sub(lambda match: str(facts[match.group(1)]), template)


def digest(text):
    """What marks a text of the workflows (in their descriptions)."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def expression(task, key):
    """One published YAQL expression of the instance workflow, without its
    ``<% %>`` (for the tests that run it beside its Python twin).
    """
    lines = definition().split("\n    %s:\n" % task, 1)[1].splitlines()
    line = next(line for line in lines
                if line.strip().startswith(key + ": <%"))
    return line.split("<%", 1)[1].rsplit("%>", 1)[0].strip()


def ensure(mistral, project_id):
    """Make the project's workflows this version's: none -> create, other
    text -> update. One GET the first time in a process (per project),
    none after; one more request when they change. Only the project's own
    count: Mistral lists public and, to admins, other projects' too.
    """
    if project_id in _current:
        return False
    text = definition()
    mark = "(%s)" % current_digest()
    held = scope.own(mistral, mistral.workflows.list(
        name="in:" + ",".join(WORKFLOWS)))
    changed = False
    if not held:
        held = mistral.workflows.create(text)
        changed = True
    elif len(held) < len(WORKFLOWS) or any(
            mark not in (workflow.definition or "") for workflow in held):
        held = mistral.workflows.update(text)
        changed = True
    _current[project_id] = _ids(held)
    return changed


def run_workflow(mistral, project_id):
    """What a trigger or a run names the run workflow by: the id of the
    project's own (Mistral resolves a name across projects for admins, so
    a public or another project's workflow of that name could run), else
    its name (a Mistral that gave no id).
    """
    ensure(mistral, project_id)
    return _current[project_id].get(RUN_WORKFLOW) or RUN_WORKFLOW


def _ids(workflows):
    return {workflow.name: workflow.id for workflow in workflows or ()
            if isinstance(getattr(workflow, "name", None), str) and
            protocol.is_uuid(getattr(workflow, "id", None))}


def forget(project_id=None):
    """Check again next time (after Mistral lost or replaced them)."""
    if project_id is None:
        _current.clear()
    else:
        _current.pop(project_id, None)
