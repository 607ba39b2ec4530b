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

"""A plan environment made or changed by hand: every field of it checked,
so a wrong one makes the plan "damaged" (listed, deletable, said so), never
an exception nor a plan that runs on a wrong definition."""

import json

import pytest

from quick_backup_client.plans import spec
from quick_backup_client.plans import store
from quick_backup_client.plans import workflow
from tests.fake_mistral_client import FakeMistral

SERVER = "6a0f2a4e-3b1c-4f4e-9a51-0d5b3c2f1e70"


def _variables(**changes):
    plan = spec.make("nightly", [SERVER], "daily", "02:00")
    variables = json.loads(json.dumps(plan.as_variables()))
    variables[workflow.ENV_KEY].update(changes)
    return variables


def test_a_plan_as_saved_reads_back_whole():
    variables = _variables()
    plan = spec.from_variables(variables)
    assert not plan.damaged
    assert plan.as_variables() == variables


@pytest.mark.parametrize("field, value", [
    ("name", 7), ("name", "  "), ("name", "x" * (spec.NAME_MAX_LENGTH + 1)),
    ("servers", SERVER), ("servers", []), ("servers", ["web-1"]),
    ("servers", [{"id": SERVER}]),
    ("servers", [SERVER] * (spec.SERVERS_MAX + 1)),
    ("cron", "every day"), ("cron", "0 2 * * * *"), ("cron", 2),
    ("cron", None), ("preset", "hourly"), ("time", 230),
    ("weekday", 7), ("weekday", "1"), ("weekday", True),
    ("timezone", ["UTC"]), ("paused", "no"),
    ("retention", None), ("retention", [7]),
])
def test_a_wrong_field_makes_the_plan_damaged_and_names_it(field, value):
    plan = spec.from_variables(_variables(**{field: value}))
    assert plan.damaged
    assert plan.problem == field


@pytest.mark.parametrize("retention", [
    {"keep_last": -1}, {"keep_last": spec.retention_rules.KEEP_MAX + 1},
    {"keep_last": "7"}, {"keep_last": 7.5}, {"keep_last": True},
    {"keep_last": 0}, {},
])
def test_retention_out_of_bounds_or_of_the_wrong_type_is_damage(retention):
    plan = spec.from_variables(_variables(retention=retention))
    assert (plan.damaged, plan.problem) == (True, "retention")


def test_a_damaged_plan_keeps_its_id_name_and_readable_instances():
    variables = _variables(servers=[SERVER, "web-1"])
    plan = spec.from_variables(variables)
    assert (plan.id, plan.name, plan.servers) == (
        variables[workflow.ENV_KEY]["id"], "nightly", [SERVER])
    assert plan.env_name == spec.env_name(plan.id)


@pytest.mark.parametrize("variables", [
    None, {}, {"other": 1}, {workflow.ENV_KEY: "text"},
    {workflow.ENV_KEY: {"name": "no id"}}, {workflow.ENV_KEY: {"id": 12}},
    {workflow.ENV_KEY: {"id": "not-a-uuid"}},
])
def test_an_environment_without_a_plan_id_is_no_plan(variables):
    assert spec.from_variables(variables) is None


def test_a_damaged_plan_is_listed_beside_the_others_and_can_be_deleted():
    mistral = FakeMistral()
    good = mistral.add(spec.make("good", [SERVER], "daily", "02:00"))
    bad = mistral.add(spec.make("bad", [SERVER], "daily", "03:00"))
    mistral.envs[bad.env_name][workflow.ENV_KEY]["cron"] = "whenever"

    listed = store.plans(mistral)

    assert [(each.plan.name, each.plan.damaged) for each in listed] == [
        ("bad", True), ("good", False)]
    assert store.get(mistral, bad.id).plan.damaged
    store.delete(mistral, listed[0].plan)
    assert [each.plan for each in store.plans(mistral)] == [good]
