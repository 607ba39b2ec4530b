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

"""The plan's test restore in its workflow: the YAQL twins of verify_fit's
flavor and room rules and of verify_check's fault reason give the Python
answers on generated cases; the instance workflow verifies only when the
plan asks, and a backup that does not pass prunes nothing; the runs read
its outcome as a kind with its reason."""

import collections.abc  # noqa: yaql 3.2 uses collections.abc unimported
import json
import random

import pytest
import yaml

from quick_backup_client import verify_check
from quick_backup_client import verify_fit
from quick_backup_client.plans import runs
from quick_backup_client.plans import verify_facts
from quick_backup_client.plans import workflow

GIB = verify_fit.GIB


def _evaluate(task, key, **data):
    yaql = pytest.importorskip("yaql")
    from yaql.language import factory
    engine = factory.YaqlFactory().create()
    return engine(workflow.expression(task, key)).evaluate(
        data=data, context=yaql.create_context())


def _flavor(rng, number):
    return {"id": "f%02d" % number, "ram": rng.choice([64, 128, 512, 2048]),
            "vcpus": rng.choice([1, 2, 4]), "disk": rng.choice([0, 1, 5, 20]),
            "OS-FLV-DISABLED:disabled": rng.random() < 0.15}


def _backup(rng, volume_backed):
    image = {"id": "img", "min_ram": rng.choice([0, 0, 128, 1024, None]),
             "min_disk": rng.choice([0, 1, 3, None]),
             "size": rng.choice([None, 0, 10 ** 6, 3 * GIB, 6 * GIB + 1])}
    if volume_backed:
        image["block_device_mapping"] = (
            '[{"snapshot_id": "s1", "boot_index": 0, "volume_size": %d}]'
            % rng.choice([1, 4, 40]))
    return image


def _limits(rng, names):
    absolute = {}
    for limit, used in names.values():
        maximum = rng.choice([-1, 0, 2, 10, 4096, None])
        if maximum is not None:
            absolute[limit] = maximum
            absolute[used] = rng.choice([0, 1, 2, 3000])
    return absolute


def _python_refusal(nova, cinder, flavors, image):
    """verify.start's checks, in its order: what it refuses, or None."""
    snapshots = verify_fit.mappings(image)
    try:
        verify_fit.check_room(nova, verify_fit.NOVA_LIMITS,
                              {verify_fit.INSTANCES: 1})
        flavor = verify_fit.smallest_flavor(flavors, image, bool(snapshots))
        verify_fit.check_room(nova, verify_fit.NOVA_LIMITS, {
            verify_fit.CORES: int(flavor.get("vcpus") or 1),
            verify_fit.RAM: int(flavor.get("ram") or 0)})
        if snapshots:
            verify_fit.check_room(cinder, verify_fit.CINDER_LIMITS,
                                  verify_fit.volume_needs(snapshots))
    except verify_fit.NoRoom as exc:
        return exc.what
    except verify_fit.NoFlavor:
        return runs.NO_FLAVOR
    return None


@pytest.mark.parametrize("seed", range(40))
def test_the_workflows_flavor_and_room_are_those_verify_start_picks(seed):
    rng = random.Random(seed)
    flavors = [_flavor(rng, number) for number in range(rng.randint(0, 6))]
    image = _backup(rng, volume_backed=seed % 3 == 0)
    snapshots = verify_fit.mappings(image)
    nova = _limits(rng, verify_fit.NOVA_LIMITS)
    cinder = _limits(rng, verify_fit.CINDER_LIMITS)
    try:
        expected = verify_fit.smallest_flavor(flavors, image, bool(snapshots))
    except verify_fit.NoFlavor:
        expected = None
    found = _evaluate("fit", "flavor", backup=image, snapshots=snapshots,
                      flavors=flavors)
    assert found == expected
    refusal = _evaluate("room", "refusal", nova_limits=nova,
                        volume_limits=cinder if snapshots else None,
                        flavor=found, snapshots=snapshots)
    assert refusal == _python_refusal(nova, cinder, flavors, image)


def test_the_cases_cover_every_answer():
    answers = set()
    for seed in range(40):
        rng = random.Random(seed)
        flavors = [_flavor(rng, n) for n in range(rng.randint(0, 6))]
        image = _backup(rng, volume_backed=seed % 3 == 0)
        answers.add(_python_refusal(_limits(rng, verify_fit.NOVA_LIMITS),
                                    _limits(rng, verify_fit.CINDER_LIMITS),
                                    flavors, image))
    assert {None, runs.NO_FLAVOR, verify_fit.INSTANCES} <= answers
    assert answers & {verify_fit.CORES, verify_fit.RAM}


def test_the_snapshots_read_are_verify_fits_mappings():
    yaql = pytest.importorskip("yaql")
    from yaql.language import factory
    context = yaql.create_context()
    # Mistral's own YAQL function, as Mistral defines it.
    context.register_function(json.loads, name="json_parse")
    expression = workflow.expression("read_backup", "snapshots").replace(
        "task().result", "$.image")
    for text in (None, "", "{}", "[1, {}]", '[{"snapshot_id": "s1", '
                 '"volume_size": 2}, {"source_type": "blank"}]'):
        image = {} if text is None else {"block_device_mapping": text}
        found = factory.YaqlFactory().create()(expression).evaluate(
            data={"image": image}, context=context)
        assert found == verify_fit.mappings(image), text


@pytest.mark.parametrize("message,reason", [
    ("No valid host was found. There are not enough hosts",
     verify_check.NO_HOST),
    ("Build of instance failed: Volume 1 did not finish being created",
     verify_check.VOLUME_ERROR),
    ("Block Device Mapping is Invalid", verify_check.VOLUME_ERROR),
    ("", verify_check.BOOT_ERROR),
    ("Unexpected error", verify_check.BOOT_ERROR)])
def test_the_workflows_fault_reason_is_verify_checks(message, reason):
    server = {"status": "ERROR", "fault": {"message": message}}
    expression = workflow.expression("poll", "fault_reason").replace(
        "task().result", "$.server")
    yaql = pytest.importorskip("yaql")
    from yaql.language import factory
    found = factory.YaqlFactory().create()(expression).evaluate(
        data={"server": server}, context=yaql.create_context())
    assert found == verify_check.fault_reason(server) == reason


def _tasks(name):
    return yaml.safe_load(workflow.definition())[name]["tasks"]


def _next(task):
    return [next(iter(step)) if isinstance(step, dict) else step
            for key in ("on-success", "on-error", "on-complete")
            for step in task.get(key) or []]


def test_a_new_active_backup_goes_to_the_verify_step_then_retention():
    tasks = _tasks(workflow.INSTANCE_WORKFLOW)
    # After its copy to another store, if the plan copies (copy_step).
    assert "copy_start" in _next(tasks["wait_upload"])
    assert "list_backups" not in _next(tasks["wait_upload"])
    assert "verify_new" in _next(tasks["copy_start"])
    assert "list_backups" not in _next(tasks["copy_start"])
    assert _next(tasks["verify_new"]) == ["list_backups", "test_restore"]
    assert tasks["test_restore"]["workflow"] == workflow.VERIFY_WORKFLOW


def test_a_backup_that_fails_its_test_restore_prunes_nothing():
    tasks = _tasks(workflow.INSTANCE_WORKFLOW)
    assert set(_next(tasks["test_restore"])) == {"list_backups",
                                                 "verify_failed"}
    assert _next(tasks["verify_failed"]) == []
    assert tasks["verify_failed"]["publish"]["outcome"] == \
        workflow.VERIFY_FAILED


def test_plans_saved_before_the_option_run_without_a_test_restore():
    each = _tasks(workflow.RUN_WORKFLOW)["each_instance"]
    assert each["input"]["verify"] == \
        "<% $.spec.get(verify, false) = true %>"
    inputs = yaml.safe_load(workflow.definition())[
        workflow.INSTANCE_WORKFLOW]["input"]
    assert {"verify": False} in inputs


def test_the_verify_workflow_is_put_in_and_replaced_with_the_others():
    assert workflow.VERIFY_WORKFLOW in workflow.WORKFLOWS
    assert workflow.VERSION >= 5
    assert "@@" not in workflow.definition()
    described = yaml.safe_load(workflow.definition())[
        workflow.VERIFY_WORKFLOW]["description"]
    assert workflow.current_digest() in described


def test_the_bounds_are_verifys():
    inputs = yaml.safe_load(workflow.definition())[
        workflow.VERIFY_WORKFLOW]["input"]
    assert {"poll_tries": verify_check.VERIFY_SECONDS //
            verify_facts.POLL_DELAY} in inputs


@pytest.mark.parametrize("result,kind,reason", [
    ({"outcome": workflow.VERIFY_FAILED, "image": "i",
      "verify_reason": verify_check.TIMED_OUT},
     runs.VERIFY_FAILED, verify_check.TIMED_OUT),
    ({"outcome": workflow.VERIFY_FAILED, "image": "i",
      "verify_reason": verify_fit.RAM}, runs.VERIFY_NOT_RUN, verify_fit.RAM),
    ({"outcome": workflow.VERIFY_FAILED, "image": "i",
      "verify_reason": runs.NO_FLAVOR}, runs.VERIFY_NOT_RUN, runs.NO_FLAVOR),
    ({"outcome": workflow.VERIFY_FAILED, "image": "i", "verify_reason": None,
      "error": "Forbidden (HTTP 403)"}, runs.VERIFY_NOT_RUN, runs.FORBIDDEN),
    ({"outcome": "made", "image": "i"}, runs.MADE, None)])
def test_a_runs_test_restore_outcome_is_read_as_a_kind_with_its_reason(
        result, kind, reason):
    execution = type("Execution", (), {
        "id": "e", "state": "ERROR", "state_info": "some_failed",
        "created_at": None, "updated_at": None, "description": "{}",
        "output": json.dumps({"results": [result]})})
    item, = runs.read(execution).items
    assert (item.kind, item.verify_reason) == (kind, reason)
    assert runs.last_kinds({"outcomes": [dict(result, server="s")]}) == {
        "s": kind}


def _taken(task, key="on-success", **data):
    """The tasks ``task``'s ``key`` goes to, for the workflow's data."""
    yaql = pytest.importorskip("yaql")
    from yaql.language import factory
    engine = factory.YaqlFactory().create()
    taken = []
    for step in _tasks(workflow.VERIFY_WORKFLOW)[task][key]:
        name, condition = next(iter(step.items())) if isinstance(
            step, dict) else (step, "<% true %>")
        if engine(condition.strip("<% >")).evaluate(
                data=data, context=yaql.create_context()):
            taken.append(name)
    return taken


def test_a_test_restore_already_running_on_the_backup_is_followed_not_started_again():  # noqa: E501
    assert _taken("read_backup", server_id=None) == ["check_limits"]
    assert _taken("read_backup", server_id="4a6e") == ["poll"]
    assert _taken("read_backup", server_id=verify_facts.FACTS[
        "VERIFY_PENDING"]) == ["look_for_lost"]


def test_the_boot_is_recorded_then_other_test_instances_swept_then_polled():
    tasks = _tasks(workflow.VERIFY_WORKFLOW)
    assert _next(tasks["boot"]) == ["record_start", "record_lost", "ended"]
    assert _next(tasks["record_start"]) == ["sweep", "delete_unrecorded"]
    assert set(_next(tasks["sweep"])) == {"delete_others", "poll"}
    assert _taken("room", refusal=None) == ["boot"]
    assert _taken("room", refusal=verify_fit.RAM) == ["ended"]


def test_a_refused_boot_made_nothing_and_a_lost_answer_is_looked_for():
    refused = "Quota exceeded for cores (HTTP 403) (Request-ID: req-1)"
    lost = "Unexpected API Error. (HTTP 500) (Request-ID: req-2)"
    assert _taken("boot", "on-error", error=refused) == ["ended"]
    assert _taken("boot", "on-error", error=lost) == ["record_lost"]
    assert _taken("boot", "on-error", error="Connection aborted") == [
        "record_lost"]
