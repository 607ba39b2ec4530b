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

"""Plan retention: keep the newest N and grandfather-father-son, against a
clock; the workflow's YAQL twin gives the same answer on the same backups."""

import collections.abc  # noqa: yaql 3.2 uses collections.abc unimported
import datetime
import json
import random

import pytest

from quick_backup_client.plans import retention
from quick_backup_client.plans import workflow
from quick_backup_client.plans.retention import Retention

SERVER = "6ae1f1c4-1111-4a3f-9d6e-0c2f6b1d2a11"
START = datetime.datetime(2026, 1, 1, 2, 0, tzinfo=datetime.timezone.utc)


def backup(number, when, **extra):
    return dict({"id": "b%04d" % number, "status": "active",
                 "protected": False,
                 "created_at": when.strftime("%Y-%m-%dT%H:%M:%SZ")}, **extra)


def daily_for(days, start=START):
    return [backup(day, start + datetime.timedelta(days=day))
            for day in range(days)]


def run_daily_plan(days, rule):
    """What is left after a plan ran once a day for ``days`` days, pruning
    after each backup as the workflow does."""
    held = []
    for day in range(days):
        held.append(backup(day, START + datetime.timedelta(days=day)))
        keep, _delete = retention.select(held, rule)
        held = keep
    return held


def test_keep_last_keeps_exactly_the_newest_n():
    keep, delete = retention.select(daily_for(10), Retention(keep_last=3))
    assert [image["id"] for image in keep] == ["b0009", "b0008", "b0007"]
    assert len(delete) == 7


def test_a_daily_plan_over_a_year_keeps_7_daily_4_weekly_and_12_monthly():
    held = run_daily_plan(400, Retention(keep_daily=7, keep_weekly=4,
                                         keep_monthly=12))
    created = sorted(retention.created(image) for image in held)
    newest = created[-1]
    dailies = [when for when in created if newest - when <
               datetime.timedelta(days=7)]
    assert len(dailies) == 7
    months = {when.strftime("%Y-%m") for when in created}
    assert len(months) == 12
    weeks = {when.strftime("%G-W%V") for when in created}
    # 7 dailies span 2 weeks; 4 weekly keep 4 weeks; the monthly ones add
    # their own weeks: never more backups than the tiers' sum.
    assert len(weeks) >= 4
    assert len(held) <= 7 + 4 + 12


def test_each_tier_keeps_the_newest_backup_of_its_period():
    # Three backups a day for three days: keep_daily=2 keeps the last of
    # each of the two newest days.
    images = [backup(day * 3 + slot, START + datetime.timedelta(
        days=day, hours=slot)) for day in range(3) for slot in range(3)]
    keep, _delete = retention.select(images, Retention(keep_daily=2))
    assert [image["id"] for image in keep] == ["b0008", "b0005"]


def test_a_snapshot_of_another_instance_that_inherited_the_plan_is_kept():
    images = daily_for(3)
    images[0]["instance_uuid"] = "another-instance"
    keep, delete = retention.select(images, Retention(keep_last=1), SERVER)
    assert [image["id"] for image in delete] == ["b0001"]
    assert "b0000" in {image["id"] for image in keep}


def test_protected_and_unfinished_backups_are_never_deleted_nor_counted():
    images = daily_for(5)
    images[4]["protected"] = True   # the newest
    images[0]["status"] = "saving"  # the oldest
    keep, delete = retention.select(images, Retention(keep_last=2))
    kept = {image["id"] for image in keep}
    assert kept == {"b0004", "b0003", "b0002", "b0000"}
    assert [image["id"] for image in delete] == ["b0001"]
    assert retention.protected_kept(images) == 1
    assert _yaql_protected_kept(images, Retention(keep_last=2)) == 1
    assert retention.protected_kept(images) == 1
    assert _yaql_protected_kept(images, Retention(keep_last=2)) == 1


@pytest.mark.parametrize("rule, problem", [
    (Retention(), "nothing"), (Retention(keep_last=-1), "keep_last"),
    (Retention(keep_daily=retention.KEEP_MAX + 1), "keep_daily"),
    (Retention(keep_weekly=True), "keep_weekly"),
    (Retention(keep_monthly="3"), "keep_monthly"),
])
def test_a_retention_that_keeps_nothing_or_is_not_a_count_is_refused(
        rule, problem):
    assert rule.problem() == problem


def _yaql_protected_kept(images, rule):
    return _yaql("protected_kept", images, rule)


def _yaql_doomed(images, rule):
    return [image["id"] for image in _yaql("doomed", images, rule)]


def _yaql(key, images, rule):
    yaql = pytest.importorskip("yaql")
    from yaql.language import factory
    engine = factory.YaqlFactory().create()
    expression = workflow.expression("list_backups", key)
    # The workflow reads the listing as task().result and the plan's
    # retention as $.retention.
    expression = expression.replace("task().result", "$.images")
    found = engine(expression).evaluate(
        data={"images": images, "retention": rule.as_dict(),
              "server": SERVER},
        context=yaql.create_context())
    return found


@pytest.mark.parametrize("seed", range(12))
def test_the_workflows_yaql_deletes_what_the_python_rule_deletes(seed):
    chance = random.Random(seed)
    images = []
    when = START
    for number in range(chance.randint(0, 60)):
        when += datetime.timedelta(hours=chance.choice([1, 5, 20, 30, 200]))
        images.append(backup(number, when,
                             protected=chance.random() < 0.1,
                             status=chance.choice(["active"] * 8 +
                                                  ["saving", "killed"])))
        # Nova's snapshot of an instance launched from a backup inherits
        # the plan's properties; ours name this instance, or none.
        images[-1]["instance_uuid"] = chance.choice(
            [None, None, SERVER, "another-instance"])
    chance.shuffle(images)
    rule = Retention(*(chance.choice([0, 0, 1, 2, 3, 5]) for _ in range(4)))
    _keep, delete = retention.select(images, rule, SERVER)
    assert _yaql_doomed(images, rule) == [image["id"] for image in delete]
    assert _yaql_protected_kept(images, rule) == retention.protected_kept(
        images, SERVER)


def test_the_workflow_deletes_only_snapshots_no_other_image_points_to():
    yaql = pytest.importorskip("yaql")
    from yaql.language import factory
    expression = workflow.expression("list_volume_backed", "snapshots")
    context = yaql.create_context()
    # Mistral's own YAQL function, as Mistral defines it.
    context.register_function(json.loads, name="json_parse")

    def mapping(*snapshots):
        return json.dumps([{"snapshot_id": snapshot, "boot_index": index}
                           for index, snapshot in enumerate(snapshots)] +
                          [{"source_type": "blank"}])
    doomed = [{"id": "old-1", "block_device_mapping": mapping("s1", "s2")},
              {"id": "old-2", "block_device_mapping": mapping("s3")}]
    volume_backed = doomed + [
        # A copy of old-1's image still points to s2; a kept backup to s4.
        {"id": "copy", "block_device_mapping": mapping("s2")},
        {"id": "kept", "block_device_mapping": mapping("s4")}]
    found = factory.YaqlFactory().create()(
        expression.replace("task().result", "$.listed")).evaluate(
            data={"doomed": doomed, "listed": volume_backed},
            context=context)
    assert found == ["s1", "s3"]


def _yaql_recheck(key, doomed, relisted, **data):
    yaql = pytest.importorskip("yaql")
    from yaql.language import factory
    context = yaql.create_context()
    context.register_function(json.loads, name="json_parse")
    expression = workflow.expression("recheck", key).replace(
        "task().result", "$.relisted")
    return factory.YaqlFactory().create()(expression).evaluate(
        data=dict(data, doomed=doomed, relisted=relisted), context=context)


def test_a_backup_protected_since_the_listing_keeps_image_and_snapshots():
    doomed = [dict(backup(1, START), block_device_mapping=json.dumps(
                  [{"snapshot_id": "s1"}, {"snapshot_id": "s2"}])),
              dict(backup(2, START), block_device_mapping=json.dumps(
                  [{"snapshot_id": "s3"}]))]
    # The user protected b0001 after list_backups; b0002 is unchanged.
    relisted = [dict(doomed[0], protected=True), doomed[1]]

    still, protected_now = retention.protected_since(doomed, relisted)

    assert [image["id"] for image in still] == ["b0002"]
    assert protected_now == 1
    assert [image["id"] for image in _yaql_recheck(
        "doomed", doomed, relisted)] == ["b0002"]
    assert _yaql_recheck("protected_kept", doomed, relisted,
                         protected_kept=2) == 2 + protected_now
    assert _yaql_recheck("snapshots", doomed, relisted,
                         snapshots=["s1", "s2", "s3"]) == ["s3"]
    # The one GET asks Glance for exactly the doomed images.
    assert _yaql_recheck("id", doomed, []) == "in:b0001,b0002"


def test_a_recheck_that_finds_nothing_new_changes_nothing():
    doomed = [backup(1, START), backup(2, START)]
    # b0002 was deleted by someone else meanwhile: not listed, still doomed.
    relisted = doomed[:1]
    assert retention.protected_since(doomed, relisted) == (doomed, 0)
    assert _yaql_recheck("doomed", doomed, relisted) == doomed
    assert _yaql_recheck("snapshots", doomed, relisted,
                         snapshots=["s1"]) == ["s1"]
