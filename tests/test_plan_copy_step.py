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

"""A plan's copy of each backup to another store: the plan field (old
plans: no copy), the workflow's copy chain (its routes and its YAQL twin
of copies.is_volume_backed, run here), and how runs classify its end."""

import collections.abc  # noqa: yaql 3.2 uses collections.abc unimported
import json

import pytest
import yaml

from quick_backup_client import copies
from quick_backup_client import in_flight
from quick_backup_client.plans import copy_step
from quick_backup_client.plans import runs
from quick_backup_client.plans import spec
from quick_backup_client.plans import workflow
from tests.test_osc_plans import plan

IMAGE_BACKED = {"id": "b1", "status": "active", "stores": "local"}
VOLUME_BACKED = dict(IMAGE_BACKED, block_device_mapping=json.dumps(
    [{"snapshot_id": "s1", "boot_index": 0}]))


def test_a_plan_saved_before_the_option_copies_nothing():
    variables = plan().as_variables()
    del variables[workflow.ENV_KEY]["copy_to"]
    assert spec.from_variables(variables).copy_to is None


def test_the_store_is_kept_with_the_plan_and_blank_means_no_copy():
    saved = plan(copy_to=" offsite ").as_variables()
    assert saved[workflow.ENV_KEY]["copy_to"] == "offsite"
    assert spec.from_variables(saved).copy_to == "offsite"
    assert plan(copy_to="").copy_to is None


@pytest.mark.parametrize("store", ["off site", "a/b", "x" * 256, "ö"])
def test_a_store_that_is_not_a_store_id_is_refused(store):
    with pytest.raises(spec.Invalid) as invalid:
        plan(copy_to=store)
    assert invalid.value.field == "copy_to"


def test_a_definition_with_a_wrong_store_reads_as_damaged():
    variables = plan().as_variables()
    variables[workflow.ENV_KEY]["copy_to"] = ["offsite"]
    read = spec.from_variables(variables)
    assert read.damaged and read.problem == "copy_to"


def _tasks():
    return yaml.safe_load(workflow.definition())[
        workflow.INSTANCE_WORKFLOW]["tasks"]


def _yaql(task, key, data, shown=None):
    yaql = pytest.importorskip("yaql")
    from yaql.language import factory
    context = yaql.create_context()
    # Mistral's own YAQL function, as Mistral defines it.
    context.register_function(json.loads, name="json_parse")
    expression = workflow.expression(task, key).replace(
        "task().result", "$.shown")
    return factory.YaqlFactory().create()(expression).evaluate(
        data=dict(data, shown=shown), context=context)


def _next(task, data, shown=None, on="on-success"):
    """The tasks ``task`` goes on to (its routes ``on`` that hold)."""
    return [route if isinstance(route, str) else next(iter(route))
            for route in _tasks()[task][on]
            if isinstance(route, str) or
            _yaql(task, "- " + next(iter(route)), data, shown) is True]


def _published(task, data, shown):
    return {key: _yaql(task, key, data, shown)
            for key in _tasks()[task]["publish"]}


def test_the_chain_begins_at_the_active_backup_and_ends_at_the_test_restore():
    tasks = _tasks()
    assert _next("wait_upload", {"status": "active", "waits": 0,
                                 "upload_tries": 1}) == ["copy_start"]
    assert _next("copy_start", {"copy_to": None}) == ["verify_new"]
    assert _next("copy_start", {"copy_to": "offsite"}) == ["copy_look"]
    ends = {name for name, task in tasks.items() if name.startswith("copy_")
            for route in task.get("on-success", [])
            if (route if isinstance(route, str) else next(iter(route))) ==
            "verify_new"}
    assert ends == {"copy_start", "copy_failed", "copy_not_possible",
                    "copy_done"}
    names = list(tasks)
    chain = [name for name in names if name.startswith("copy_")]
    # One block, right before the test restore's (then retention).
    assert names[names.index(chain[0]):names.index("verify_new")] == chain


@pytest.mark.parametrize("image", [
    IMAGE_BACKED, VOLUME_BACKED, dict(IMAGE_BACKED, block_device_mapping="[]"),
    dict(IMAGE_BACKED, block_device_mapping=None),
    dict(IMAGE_BACKED, block_device_mapping=json.dumps(
        [{"source_type": "blank"}]))])
def test_the_workflow_tells_a_volume_backed_backup_as_copies_does(image):
    published = _published("copy_look", {"copy_to": "offsite"}, image)
    assert published["volume_backed"] is copies.is_volume_backed(image)


@pytest.mark.parametrize("image, goes_to", [
    (IMAGE_BACKED, "copy_can"),
    (VOLUME_BACKED, "copy_not_possible"),
    ({"id": "b1", "status": "active"}, "copy_refused"),  # single store
    (dict(IMAGE_BACKED, stores="local,offsite"), "copy_done"),
])
def test_the_workflow_copies_only_what_a_copy_can_move(image, goes_to):
    data = dict(_published("copy_look", {"copy_to": "offsite"}, image),
                copy_to="offsite")
    assert _next("copy_look", data) == [goes_to]


@pytest.mark.parametrize("image, waits, goes_to", [
    (dict(IMAGE_BACKED, stores="local,offsite"), 0, "copy_done"),
    (dict(IMAGE_BACKED, os_glance_importing_to_stores="offsite"), 0,
     "copy_sleep"),
    (dict(IMAGE_BACKED, os_glance_failed_import="offsite"), 0,
     "copy_import_failed"),
    (IMAGE_BACKED, in_flight.RUN_COPY_TRIES, "copy_slow"),
])
def test_the_workflow_waits_for_the_store_within_the_bound(
        image, waits, goes_to):
    data = {"copy_to": "offsite", "copy_waits": waits,
            "copy_tries": in_flight.RUN_COPY_TRIES}
    data.update(_published("copy_wait", data, image))
    assert _next("copy_wait", data) == [goes_to]


def test_the_copy_is_sent_with_the_mapped_action_to_the_one_store():
    send = _tasks()["copy_send"]
    assert send["action"] == copy_step.ACTION
    assert send["input"]["method"] == copies.COPY_METHOD["name"]
    assert "list($.copy_to)" in send["input"]["stores"]
    service, method = copy_step.ACTION.split(".")
    assert copy_step.MAPPING[service][method] == "images.image_import"
    assert copy_step.mapping({"glance": {"images_get": "images.get"}})[
        "glance"] == {"images_get": "images.get",
                      "images_image_import": "images.image_import"}


@pytest.mark.parametrize("error, goes_to", [
    # glanceclient's answer to an accepted import, which Mistral cannot
    # store (seen on the local cloud's Mistral 23).
    ("Failed to complete action due to a Mistral exception [...]\n "
     "ValueError: Circular reference detected", "copy_wait"),
    ("HTTPBadRequest: 400 Bad Request: store nowhere (HTTP 400)",
     "copy_failed"),
    ("HTTPForbidden: 403 Forbidden (HTTP 403)", "copy_failed"),
])
def test_an_import_glance_accepted_is_waited_for_and_a_refusal_fails(
        error, goes_to):
    assert _next("copy_send", {"copy_error": error}, on="on-error") == \
        [goes_to]


def test_a_failed_copy_fails_the_outcome_and_others_stay_made():
    assert _yaql("made", "outcome", {"copy": copy_step.FAILED}) == \
        runs.COPY_FAILED
    for copy in (None, copy_step.COPIED, copy_step.NOT_COPIED):
        assert _yaql("made", "outcome", {"copy": copy}) == runs.MADE


def test_the_workflows_are_a_new_version_with_the_bound_filled_in():
    assert workflow.VERSION == 5
    inputs = yaml.safe_load(workflow.definition())[
        workflow.INSTANCE_WORKFLOW]["input"]
    assert {"copy_tries": in_flight.RUN_COPY_TRIES} in inputs
    assert {"copy_delay": in_flight.RUN_COPY_DELAY} in inputs
    assert {"copy_to": None} in inputs


@pytest.mark.parametrize("result, kind, copy", [
    ({"outcome": "made"}, runs.MADE, None),
    ({"outcome": "made", "copy": "copied"}, runs.MADE, runs.COPIED),
    ({"outcome": "made", "copy": "not_copied"}, runs.MADE, runs.NOT_COPIED),
    ({"outcome": "copy_failed", "copy": "copy_failed",
      "copy_error": "copy_slow"}, runs.COPY_FAILED, runs.COPY_SLOW),
    ({"outcome": "copy_failed", "copy": "copy_failed",
      "copy_error": "copy_unsupported"}, runs.COPY_FAILED,
     runs.COPY_UNSUPPORTED),
    ({"outcome": "copy_failed", "copy": "copy_failed",
      "copy_error": "HTTPBadRequest: (HTTP 400) bad store"},
     runs.COPY_FAILED, runs.COPY_UNKNOWN_STORE),
    # Glance 33's answer for a store it does not have, as Mistral says it.
    ({"outcome": "copy_failed", "copy": "copy_failed",
      "copy_error": "GlanceAction.images.image_import failed: HTTP 409 "
      "Conflict: Store for identifier nowhere not found"},
     runs.COPY_FAILED, runs.COPY_UNKNOWN_STORE),
    ({"outcome": "copy_failed", "copy": "copy_failed",
      "copy_error": "HTTPForbidden: (HTTP 403) copy_image"},
     runs.COPY_FAILED, runs.FORBIDDEN),
    ({"outcome": "copy_failed", "copy": "copy_failed",
      "copy_error": "(HTTP 503)"}, runs.COPY_FAILED, runs.SERVICE_DOWN),
    ({"outcome": "copy_failed", "copy": "copy_failed",
      "copy_error": "(HTTP 409) odd"}, runs.COPY_FAILED, runs.UNKNOWN),
    # Retention failed after the copy: both are said.
    ({"outcome": "error", "step": "prune", "image": "b1",
      "error": "(HTTP 503)", "copy": "copied"}, runs.PRUNE_FAILED,
     runs.COPIED),
])
def test_runs_classify_the_copy_once(result, kind, copy):
    execution = type("Execution", (), {
        "output": json.dumps({"results": [dict(
            result, server="s1", copy_to="offsite")]}),
        "state": "ERROR", "state_info": "", "id": "e1",
        "created_at": None, "updated_at": None, "description": "{}"})
    item, = runs.read(execution).items
    assert (item.kind, item.copy) == (kind, copy)
    assert item.copy_to == "offsite"
    assert copy is None or copy in runs.COPY_KINDS


def test_a_mistral_without_the_action_is_told_before_the_send():
    ask = _tasks()["copy_can"]
    assert ask["input"] == {"identifier": copy_step.ACTION}
    assert ask["publish-on-error"] == {"copy_error": copy_step.UNSUPPORTED}
    assert ask["on-error"] == ["copy_failed"]
    assert runs.copy_kind({"copy": copy_step.FAILED,
                           "copy_error": copy_step.UNSUPPORTED}) == \
        runs.COPY_UNSUPPORTED
