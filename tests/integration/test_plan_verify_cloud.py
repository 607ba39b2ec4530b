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

import time

import pytest

from quick_backup_client.plans import executions
from quick_backup_client.plans import runs
from quick_backup_client.plans import spec
from quick_backup_client.plans import store
from quick_backup_server import protocol
from tests.integration import cloud as cloud_api
from tests.integration.test_plans_race import images_of
from tests.integration.test_verify_cloud import verify_instances


@pytest.fixture
def verify_server(cloud, demo_session):
    """An image-backed server of the test's own; its backups and it go."""
    if "workflowv2" not in cloud.info["endpoints"]:
        pytest.skip("this series' local cloud runs no Mistral")
    server_id = cloud_api.boot_server(demo_session, "plan-verify",
                                      cloud.info["image_id"],
                                      cloud.info["flavor_id"])
    yield server_id
    for image in images_of(demo_session, server_id):
        cloud_api.delete_backup(demo_session, image["id"])
    cloud_api.delete_server(demo_session, server_id)


def finished_runs(mistral, plan_id):
    return [run for run in map(runs.read, executions.history(mistral, plan_id))
            if run.state != runs.RUNNING]


def volumes_of_project(admin_session, project_id):
    return [volume for volume in admin_session.get(
        "/volumes/detail?all_tenants=1&project_id=%s" % project_id,
        endpoint_filter=cloud_api.VOLUME).json()["volumes"]]


def test_a_plan_that_verifies_each_new_backup_records_it_passed_and_leaves_no_test_instance_or_volume(  # noqa: E501
        cloud, demo_session, admin_session, verify_server):
    mistral = store.connect(session=demo_session)
    project_id = demo_session.get_project_id()
    volumes_before = {volume["id"] for volume in volumes_of_project(
        admin_session, project_id)}
    plan = spec.make("verified", [verify_server], "daily", "03:00",
                     paused=True, verify=True)
    store.create(mistral, project_id, plan)
    began = time.monotonic()
    try:
        store.run_now(mistral, project_id, plan)
        cloud_api.wait_until(lambda: finished_runs(mistral, plan.id),
                             timeout=240, what="the run to end")
    finally:
        store.delete(mistral, plan)
    took = time.monotonic() - began
    run, = finished_runs(mistral, plan.id)
    assert run.state == runs.SUCCEEDED, run
    item, = run.items
    assert item.kind == runs.MADE, run

    backup = cloud_api.image(demo_session, item.image)
    assert backup[protocol.VERIFIED_PROPERTY] == protocol.VERIFIED_PASSED, \
        backup
    assert protocol.VERIFIED_AT_PROPERTY in backup
    # Finished: the backup names no test instance any more.
    for name in (protocol.VERIFY_SERVER_PROPERTY,
                 protocol.VERIFY_STARTED_PROPERTY,
                 protocol.VERIFY_VOLUMES_PROPERTY):
        assert name not in backup, backup
    assert verify_instances(admin_session) == []
    left = [volume["id"] for volume in volumes_of_project(
        admin_session, project_id) if volume["id"] not in volumes_before]
    assert left == []
    print("plan verify: run %s in %.0f s, backup %s" % (
        run.state, took, backup[protocol.VERIFIED_PROPERTY]))
