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

"""No cross-project access to backup plans: the demo user, crafting URLs
and form fields of the Backup Plans panel in the real Horizon, can neither
see, edit, run, pause nor delete the alt project's plan; it is told there
is no such plan (or sent back to the table), never shown the plan's data
nor a 500, and alt's plan is untouched (seen as alt on Mistral)."""

import uuid

import pytest

from quick_backup_client.plans import executions
from quick_backup_client.plans import spec
from quick_backup_client.plans import store
from tests.integration.conftest import user_session
from tests.integration.security import Web

PLANS = "/project/backup_plans/"
NO_SUCH_PLAN = "There is no such backup plan in this project."
SECRET_NAME = "alt-private-plan-%s" % uuid.uuid4().hex[:8]


@pytest.fixture(scope="module")
def alt_plan(cloud):
    """A paused plan of alt's instance alt-1, in alt's project."""
    if "workflowv2" not in cloud.info["endpoints"]:
        pytest.skip("this series' local cloud runs no Mistral (workflowv2)")
    alt = user_session(cloud, "alt")
    mistral = store.connect(session=alt)
    plan = spec.make(SECRET_NAME, [cloud.info["alt_servers"]["alt-1"]],
                     "daily", "03:00", paused=True)
    store.create(mistral, alt.get_project_id(), plan)
    yield mistral, plan
    store.delete(mistral, plan)


@pytest.fixture(scope="module")
def demo_web(cloud):
    return Web(cloud, "demo")


@pytest.fixture
def untouched(alt_plan):
    """After the test, alt's plan is as it was, and never ran."""
    mistral, plan = alt_plan
    yield
    listed = store.get(mistral, plan.id)
    assert listed is not None and listed.plan == plan
    assert listed.trigger is None  # paused, as made
    assert executions.history(mistral, plan.id) == []


def _said_no_such_plan(web, answer):
    assert answer.status_code == 302, answer.status_code
    assert answer.headers["Location"] == PLANS
    shown = web.messages(answer)
    assert NO_SUCH_PLAN in " ".join(shown), shown
    assert SECRET_NAME not in " ".join(shown)


def test_alts_plan_has_no_page_and_no_edit_form_for_demo(
        alt_plan, demo_web, untouched):
    _mistral, plan = alt_plan
    for path in (PLANS + "%s/" % plan.id, PLANS + "%s/edit/" % plan.id):
        answer = demo_web.get(path)
        assert SECRET_NAME not in answer.text
        _said_no_such_plan(demo_web, answer)


def test_alts_plan_cannot_be_edited_by_a_crafted_form(
        cloud, alt_plan, demo_web, untouched):
    _mistral, plan = alt_plan
    form = demo_web.hidden_fields(PLANS + "create/")
    sent = demo_web.post(PLANS + "%s/edit/" % plan.id, dict(
        form, name="stolen", instances=[cloud.info["servers"]["web-1"]],
        preset="daily", time="04:00", weekday="0", keep_last="1"))
    assert SECRET_NAME not in sent.text
    _said_no_such_plan(demo_web, sent)


@pytest.mark.parametrize("action", ["run_now", "pause", "resume",
                                    "delete"])
def test_alts_plan_cannot_be_run_paused_resumed_or_deleted_from_the_table(
        alt_plan, demo_web, untouched, action):
    _mistral, plan = alt_plan
    demo_web.get(PLANS)
    sent = demo_web.post(PLANS, {"action": "plans__%s__%s"
                                 % (action, plan.id)})
    # Not in demo's table: Horizon finds no such row and sends the user
    # back to the table, before any Mistral call.
    assert sent.status_code == 302, sent.status_code
    assert sent.headers["Location"] == PLANS
    shown = " ".join(demo_web.messages(sent))
    assert SECRET_NAME not in shown
    assert "Server Error" not in shown
