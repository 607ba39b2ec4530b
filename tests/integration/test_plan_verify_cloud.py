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

"""A plan that verifies each new backup, on the local cloud's real Mistral
(mistral-extra's nova, glance and cinder actions), Nova 34, Glance and
Cinder: its run test-restores the new backup, records the result on it as
a Verify from the panel would, and leaves no test instance or volume
(asked as admin in Nova and Cinder). Started with "run now", as
test_plans_race.py explains."""

import json
import time

import pytest

from quick_backup_client.plans import executions
from quick_backup_client.plans import runs
from quick_backup_client.plans import spec
from quick_backup_client.plans import store
from quick_backup_client.plans import workflow
from quick_backup_server import protocol
from tests.integration import cloud as cloud_api
from tests.integration.test_plans_race import own_server
from tests.integration.test_verify_cloud import verify_instances


@pytest.fixture
def volume_server(cloud, demo_session):
    """A volume-backed server of the test's own; its backups and it go."""
    yield from own_server(cloud, demo_session, "plan-verify-vol",
                          lambda: _boot_from_volume(cloud, demo_session))


def _boot_from_volume(cloud, demo_session):
    body = {"server": {"name": "plan-verify-vol",
                       "flavorRef": cloud.info["flavor_id"],
                       "networks": "none", "block_device_mapping_v2": [{
                           "uuid": cloud.info["image_id"],
                           "source_type": "image",
                           "destination_type": "volume", "volume_size": 1,
                           "boot_index": 0, "delete_on_termination": True}]}}
    server_id = demo_session.post(
        "/servers", endpoint_filter=cloud_api.COMPUTE,
        headers=cloud_api.NO_NETWORK_MICROVERSION,
        json=body).json()["server"]["id"]
    cloud_api.wait_until(lambda: cloud_api.server(
        demo_session, server_id)["status"] == "ACTIVE", timeout=180,
        what="plan-verify-vol to be ACTIVE")
    return server_id


@pytest.fixture
def verify_server(cloud, demo_session):
    """An image-backed server of the test's own; its backups and it go."""
    yield from own_server(cloud, demo_session, "plan-verify")


def finished_runs(mistral, plan_id):
    return [run for run in map(runs.read, executions.history(mistral, plan_id))
            if run.state != runs.RUNNING]


def volumes_of_project(admin_session, project_id):
    return [volume for volume in admin_session.get(
        "/volumes/detail?all_tenants=1&project_id=%s" % project_id,
        endpoint_filter=cloud_api.VOLUME).json()["volumes"]]


def run_verified_plan(demo_session, admin_session, server_id,
                      volume_backed=False):
    """A verifying plan's run of ``server_id``: the run, its new backup,
    the project's volumes it left, and how long it took."""
    mistral = store.connect(session=demo_session)
    project_id = demo_session.get_project_id()
    volumes_before = {volume["id"] for volume in volumes_of_project(
        admin_session, project_id)}
    plan = spec.make("verified", [server_id], "daily", "03:00",
                     paused=True, verify=True)
    store.create(mistral, project_id, plan)
    began = time.monotonic()
    earlier = {execution.id for execution in mistral.executions.list(
        workflow_name=workflow.VERIFY_WORKFLOW)}
    try:
        store.run_now(mistral, project_id, plan)
        cloud_api.wait_until(lambda: finished_runs(mistral, plan.id),
                             timeout=240, what="the run to end")
    finally:
        store.delete(mistral, plan)
    took = time.monotonic() - began
    # The test restore's own steps that write or list (not those that wait
    # for a 404) ended well: no error passed over as "best effort".
    tests = [execution for execution in mistral.executions.list(
        workflow_name=workflow.VERIFY_WORKFLOW)
        if execution.id not in earlier]
    assert len(tests) == 1, tests
    states = {task.name: task.state for task in mistral.tasks.list(
        workflow_execution_id=tests[0].id)}
    assert all(states.get(name) == "SUCCESS" for name in (
        "read_backup", "check_limits", "list_flavors", "boot",
        "record_start", "sweep", "console", "record_passed", "clear") + (
            ("check_volume_limits", "list_volumes") if volume_backed
            else ())), states
    run, = finished_runs(mistral, plan.id)
    assert run.state == runs.SUCCEEDED, run
    item, = run.items
    assert item.kind == runs.MADE, run
    left = [volume["id"] for volume in volumes_of_project(
        admin_session, project_id) if volume["id"] not in volumes_before]
    return run, cloud_api.image(demo_session, item.image), left, took


def assert_verified_and_clean(backup, admin_session):
    assert backup[protocol.VERIFIED_PROPERTY] == protocol.VERIFIED_PASSED, \
        backup
    assert protocol.VERIFIED_AT_PROPERTY in backup
    # Finished: the backup names no test instance any more.
    for name in (protocol.VERIFY_SERVER_PROPERTY,
                 protocol.VERIFY_STARTED_PROPERTY,
                 protocol.VERIFY_VOLUMES_PROPERTY):
        assert name not in backup, backup
    assert verify_instances(admin_session) == []


def test_a_plan_that_verifies_each_new_backup_records_it_passed_and_leaves_no_test_instance_or_volume(  # noqa: E501
        demo_session, admin_session, verify_server):
    run, backup, left, took = run_verified_plan(
        demo_session, admin_session, verify_server)
    assert_verified_and_clean(backup, admin_session)
    assert left == []
    print("plan verify, image-backed: run %s in %.0f s, backup %s" % (
        run.state, took, backup[protocol.VERIFIED_PROPERTY]))


def test_a_volume_backed_backup_is_verified_and_the_volumes_its_test_made_are_deleted(  # noqa: E501
        demo_session, admin_session, volume_server):
    run, backup, left, took = run_verified_plan(
        demo_session, admin_session, volume_server, volume_backed=True)
    assert json.loads(backup["block_device_mapping"])  # its snapshots
    assert_verified_and_clean(backup, admin_session)
    # The only new volume is none: the test's went with its instance.
    assert left == []
    print("plan verify, volume-backed: run %s in %.0f s, backup %s" % (
        run.state, took, backup[protocol.VERIFIED_PROPERTY]))
