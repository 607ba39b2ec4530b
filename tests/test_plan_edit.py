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

"""Editing a plan: a failed edit puts the plan back as it was (requests
counted), and triggers and runs name the project's own workflow by its id,
never another project's of the same name."""

import types

import pytest

from quick_backup_client.plans import spec
from quick_backup_client.plans import store
from quick_backup_client.plans import workflow
from tests import fake_mistral_client
from tests.fake_mistral_client import FakeMistral

SERVER = "6a0f2a4e-3b1c-4f4e-9a51-0d5b3c2f1e70"
OWN_RUN = fake_mistral_client.WORKFLOW_IDS[workflow.RUN_WORKFLOW]


def _saved(mistral, **kwargs):
    plan = spec.make("nightly", [SERVER], "daily", "02:00", **kwargs)
    store.create(mistral, "project", plan)
    return store.get(mistral, plan.id)


def _state(mistral):
    return (dict(mistral.envs), {name: (trigger.pattern, trigger.workflow)
                                 for name, trigger in
                                 mistral.triggers.items()})


def test_an_edit_whose_new_trigger_fails_puts_the_old_plan_back():
    mistral = FakeMistral()
    before = _saved(mistral)
    start = _state(mistral)
    mistral.fail_at["cron_triggers.create"] = {
        2: fake_mistral_client.api_error(503)}
    calls = len(mistral.calls)

    with pytest.raises(Exception) as raised:
        store.update(mistral, "project", before.plan.replace(
            name="hourly", cron="0 * * * *"), before)

    assert getattr(raised.value, "error_code", None) == 503
    assert _state(mistral) == start
    assert mistral.calls[calls:] == [
        "environments.update", "cron_triggers.delete",
        "cron_triggers.create",  # the edit's: refused
        "environments.update", "cron_triggers.delete",
        "cron_triggers.create"]  # the old pattern, a new trust
    assert store.get(mistral, before.plan.id).plan == before.plan


def test_a_resume_that_fails_leaves_the_plan_paused():
    mistral = FakeMistral()
    before = _saved(mistral, paused=True)
    start = _state(mistral)
    mistral.fail["cron_triggers.create"] = ValueError("not JSON")

    with pytest.raises(ValueError):
        store.update(mistral, "project", before.plan.replace(paused=False),
                     before)

    assert _state(mistral) == start
    assert store.get(mistral, before.plan.id).plan.paused


def test_an_edit_that_cannot_be_put_back_either_says_so_once():
    mistral = FakeMistral()
    before = _saved(mistral)
    mistral.fail_at["cron_triggers.create"] = {
        2: fake_mistral_client.api_error(500),
        3: fake_mistral_client.api_error(500)}

    with pytest.raises(store.NotRestored) as raised:
        store.update(mistral, "project", before.plan.replace(
            cron="0 * * * *"), before)

    assert raised.value.__cause__.error_code == 500
    assert mistral.triggers == {}  # not scheduled: what the message says
    assert mistral.calls.count("cron_triggers.create") == 3


def test_an_edit_whose_definition_is_refused_keeps_the_old_trigger():
    mistral = FakeMistral()
    before = _saved(mistral)
    start = _state(mistral)
    mistral.fail_at["environments.update"] = {
        1: fake_mistral_client.api_error(500)}
    calls = len(mistral.calls)

    with pytest.raises(Exception):
        store.update(mistral, "project", before.plan.replace(name="x"),
                     before)

    assert _state(mistral) == start
    assert mistral.calls[calls:] == ["environments.update",
                                     "environments.update"]


def test_an_edit_without_the_plan_as_read_reads_it_first():
    mistral = FakeMistral()
    before = _saved(mistral)
    mistral.fail_at["cron_triggers.create"] = {
        2: fake_mistral_client.api_error(503)}

    with pytest.raises(Exception):
        store.update(mistral, "project", before.plan.replace(
            cron="0 * * * *"))

    assert mistral.triggers[before.plan.env_name].pattern == before.plan.cron


def _admin():
    """An admin's client: Mistral lists another project's workflows of the
    same names after the project's own."""
    mistral = FakeMistral()
    mistral.environments.http_client = types.SimpleNamespace(
        project_id="project")
    mistral.others = [types.SimpleNamespace(
        name=name, id="9e8d7c6b-0000-4000-8000-00000000000%d" % n,
        project_id="another", definition=workflow.definition())
        for n, name in enumerate(fake_mistral_client.WORKFLOW_IDS)]
    return mistral


def test_an_admins_trigger_and_run_use_the_projects_own_workflow():
    mistral = _admin()
    listed = _saved(mistral)

    store.run_now(mistral, "project", listed.plan)

    assert mistral.triggers[listed.plan.env_name].workflow == OWN_RUN
    assert mistral.runs[0].workflow == OWN_RUN
    assert mistral.calls.count("workflows.list") == 1  # cached


def test_workflows_put_back_after_a_404_are_named_by_their_new_id():
    mistral = FakeMistral()
    listed = _saved(mistral)
    new_id = "5b4a3c2d-3333-4a2b-8c3d-5e6f7a8b9c0d"
    mistral.fail_at["executions.create"] = {
        1: fake_mistral_client.api_error(404)}
    fake_mistral_client.WORKFLOW_IDS[workflow.RUN_WORKFLOW] = new_id
    try:
        store.run_now(mistral, "project", listed.plan)
    finally:
        fake_mistral_client.WORKFLOW_IDS[workflow.RUN_WORKFLOW] = OWN_RUN

    assert [run.workflow for run in mistral.runs] == [new_id]


@pytest.mark.parametrize("refused, calls", [
    ("environments.update", ["environments.update"]),
    ("cron_triggers.delete", ["environments.update", "cron_triggers.delete",
                              "environments.update"])])
def test_a_step_mistral_refuses_is_not_undone(refused, calls):
    mistral = FakeMistral()
    before = _saved(mistral)
    start = _state(mistral)
    mistral.fail_at[refused] = {1: fake_mistral_client.api_error(403)}
    count = len(mistral.calls)

    with pytest.raises(Exception):
        store.update(mistral, "project", before.plan.replace(name="x"),
                     before)

    assert mistral.calls[count:] == calls
    assert _state(mistral) == start


def test_the_project_is_read_from_python_mistralclients_own_clients():
    from keystoneauth1 import session as ks_session
    from keystoneauth1 import token_endpoint
    from quick_backup_client.plans import scope

    by_token = store.connect(mistral_url="http://mistral.example.com/v2",
                             auth_token="token", project_id="p-token")

    class Auth(token_endpoint.Token):
        def get_project_id(self, session, **kwargs):
            return "p-session"
    on_session = store.connect(
        session=ks_session.Session(auth=Auth("http://m", "token")),
        mistral_url="http://mistral.example.com/v2")

    assert scope.project(by_token) == "p-token"
    assert scope.project(on_session) == "p-session"
