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


"""The plan workflows: every fact filled in, valid for Mistral, and put into
a project once, replaced only when their text changes (requests counted)."""

import types

import pytest

from quick_backup_server import protocol

from quick_backup_client import in_flight
from quick_backup_client.plans import workflow

PROJECT = "p1"


class Workflows:
    """Mistral's workflows of one project, as python-mistralclient gives
    them (each workflow keeps its own part of a definition)."""

    def __init__(self, held=()):
        self.held, self.calls = list(held), []

    def list(self, name=None):
        self.calls.append("list")
        return list(self.held)

    def create(self, text):
        self.calls.append("create")
        self.held = _parts(text)

    def update(self, text):
        self.calls.append("update")
        self.held = _parts(text)


def _parts(text):
    # What Mistral answers: per workflow, a definition naming the digest.
    return [types.SimpleNamespace(name=name, definition="version: '2.0'\n"
                                  "%s:\n  description: %s" % (name, line))
            for name, line in ((name, text) for name in workflow.WORKFLOWS)]


@pytest.fixture(autouse=True)
def _forget():
    workflow.forget()
    yield
    workflow.forget()


def mistral(held=()):
    return types.SimpleNamespace(workflows=Workflows(held))


def test_every_fact_is_filled_in_from_the_python_that_defines_it():
    text = workflow.definition()
    assert "@@" not in text
    assert protocol.PLAN_PROPERTY in text and protocol.MARKER_PROPERTY in text
    assert text.count(workflow.current_digest()) == len(workflow.WORKFLOWS)


def test_the_definition_is_valid_for_mistral():
    parser = pytest.importorskip("mistral.lang.parser")
    names = [spec.get_name() for spec in
             parser.get_workflow_list_spec_from_yaml(workflow.definition())]
    assert names == [workflow.RUN_WORKFLOW, workflow.INSTANCE_WORKFLOW,
                     workflow.VERIFY_WORKFLOW]


def test_a_project_without_the_workflows_gets_them_in_two_requests():
    client = mistral()
    assert workflow.ensure(client, PROJECT) is True
    assert client.workflows.calls == ["list", "create"]


def test_current_workflows_cost_one_request_then_none():
    client = mistral(_parts(workflow.definition()))
    assert workflow.ensure(client, PROJECT) is False
    assert workflow.ensure(client, PROJECT) is False
    assert client.workflows.calls == ["list"]


def test_an_older_releases_workflows_are_replaced():
    older = workflow.definition().replace(workflow.current_digest(),
                                          "sha256:0000000000000000")
    client = mistral(_parts(older))
    assert workflow.ensure(client, PROJECT) is True
    assert client.workflows.calls == ["list", "update"]
    assert all(workflow.current_digest() in held.definition
               for held in client.workflows.held)


def test_the_digest_follows_the_text():
    assert workflow.digest("a") != workflow.digest("b")
    assert workflow.current_digest() == workflow.digest(
        workflow.definition().replace(workflow.current_digest(), ""))


def test_the_runs_bounds_and_unfinished_statuses_are_in_flights_own():
    text = workflow.definition()
    assert "busy_tries: %d" % in_flight.RUN_BUSY_TRIES in text
    assert "busy_delay: %d" % in_flight.RUN_BUSY_DELAY in text
    assert "upload_tries: %d" % in_flight.RUN_UPLOAD_TRIES in text
    assert "upload_delay: %d" % in_flight.RUN_UPLOAD_DELAY in text
    assert text.count("$.status in list(%s)" % ", ".join(
        in_flight.UNFINISHED_STATUSES)) == 2
    assert "where($.status = %s)" % in_flight.QUEUED in text
    # A run stops waiting for its upload before the image counts as stuck.
    assert in_flight.RUN_UPLOAD_TRIES * in_flight.RUN_UPLOAD_DELAY < \
        in_flight.STUCK_AFTER_SECONDS
