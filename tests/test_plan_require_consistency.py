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

"""A plan can require consistency: saved with the plan (old plans: off),
set from the command line and the form, routed by the workflow, and said
in each surface's words."""

import collections.abc  # noqa: yaql 3.2 uses collections.abc unimported
import json

import pytest

from quick_backup_client.osc import plan_messages
from quick_backup_client.plans import runs
from quick_backup_client.plans import spec
from quick_backup_client.plans import workflow
from tests.osc_shell import http_with_mistral  # noqa: F401 (a fixture)
from tests.test_osc_plans import found_server
from tests.test_osc_plans import mistral  # noqa: F401 (a fixture)
from tests.test_osc_plans import plan
from tests.test_osc_plans import plan_command
from tests.test_osc_plans import SERVER_ID


def test_a_plan_saved_before_the_option_does_not_require_it():
    variables = plan().as_variables()
    del variables[workflow.ENV_KEY]["require_consistency"]
    assert spec.from_variables(variables).require_consistency is False


def test_the_option_is_kept_with_the_plan():
    saved = plan(require_consistency=True).as_variables()
    assert saved[workflow.ENV_KEY]["require_consistency"] is True
    assert spec.from_variables(saved).require_consistency is True


def _route(task, data, source="label"):
    yaql = pytest.importorskip("yaql")
    from yaql.language import factory
    expression = workflow.expression(source, "- " + task)
    return factory.YaqlFactory().create()(expression).evaluate(
        data=data, context=yaql.create_context())


@pytest.mark.parametrize("required, label, backed_up", [
    (False, "crash", True), (False, "unknown", True),
    (True, "application", True), (True, "shutoff", True),
    (True, "crash", False), (True, "unknown", False),
])
def test_the_workflow_backs_up_only_what_the_plan_accepts(
        required, label, backed_up):
    data = {"require_consistency": required, "consistency": label}
    assert _route("create_image", data) is backed_up
    assert _route("not_consistent", data) is not backed_up


def test_a_busy_instance_is_waited_for_before_its_label_is_known():
    data = {"task_state": "image_snapshot", "embedded": None,
            "base_image": "cirros", "status": "ACTIVE", "base_read": False}
    assert _route("wait_busy", dict(data, tries=0, busy_tries=3),
                  "get_server") is True
    assert _route("get_base_image", data, "get_server") is False
    assert _route("label", data, "get_server") is False


@pytest.mark.parametrize("label, kind", [
    ("crash", runs.NOT_QUIESCED), ("unknown", runs.CONSISTENCY_UNKNOWN)])
def test_a_refused_instance_says_why(label, kind):
    result = {"outcome": workflow.NOT_CONSISTENT, "step": "get_server",
              "error": label}
    assert runs.item_kind(result) == kind
    assert "requires consistency" in plan_messages.RESULTS[kind]


def test_create_with_require_consistency_saves_it(
        mistral, http_with_mistral, capsys):  # noqa: F811
    found_server(http_with_mistral)

    code, out, err = plan_command(
        capsys, "create", "nightly", "--server", SERVER_ID, "--daily",
        "02:00", "--require-consistency", "-f", "json")

    assert code == 0, err
    assert json.loads(out)["require_consistency"] is True
    [saved] = [spec.from_variables(json.loads(env["variables"]))
               for env in mistral.environments.values()
               if spec.from_variables(json.loads(env["variables"]))]
    assert saved.require_consistency is True


def test_set_turns_it_off_and_leaves_it_alone_unless_asked(
        mistral, http_with_mistral, capsys):  # noqa: F811
    mine = plan(require_consistency=True)
    mistral.add_plan(mine)

    code, _out, err = plan_command(capsys, "set", "nightly", "--keep", "3")
    assert code == 0, err
    saved = spec.from_variables(json.loads(
        mistral.environments[mine.env_name]["variables"]))
    assert saved.require_consistency is True

    code, _out, err = plan_command(capsys, "set", "nightly",
                                   "--no-require-consistency")
    assert code == 0, err
    saved = spec.from_variables(json.loads(
        mistral.environments[mine.env_name]["variables"]))
    assert saved.require_consistency is False
