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

"""A plan run on the local cloud's real Mistral labels a running instance
from its base image's properties (Mistral's novaclient asks below 2.98):
a plan that requires consistency backs up an instance whose image has the
guest agent, labelled application."""

from quick_backup_server import protocol

from quick_backup_client.plans import runs
from quick_backup_client.plans import spec
from quick_backup_client.plans import store
from tests.integration import cloud as cloud_api
from tests.integration.test_plans_cloud import finished_runs
from tests.integration.test_plans_cloud import mistral_of  # noqa: F401
from tests.integration.test_plans_cloud import plan_backups


def test_a_plan_run_labels_an_instance_with_the_guest_agent_application(
        cloud, mistral_of, demo_session):  # noqa: F811
    mistral, session = mistral_of("demo")
    base = demo_session.post(
        "/v2/images", endpoint_filter=cloud_api.IMAGE, json={
            "name": "plan-agent-image", "disk_format": "raw",
            "container_format": "bare", "hw_qemu_guest_agent": "yes"}
    ).json()["id"]
    demo_session.put("/v2/images/%s/file" % base,
                     endpoint_filter=cloud_api.IMAGE, data=b"agent image\n",
                     headers={"Content-Type": "application/octet-stream"})
    server_id = cloud_api.boot_server(demo_session, "plan-agent", base,
                                      cloud.info["flavor_id"])
    # Requiring consistency: an unknown label would back up nothing.
    plan = spec.make("agent", [server_id], "daily", "03:00", paused=True,
                     require_consistency=True)
    store.create(mistral, session.get_project_id(), plan)
    try:
        store.run_now(mistral, session.get_project_id(), plan)
        cloud_api.wait_until(lambda: finished_runs(mistral, plan.id),
                             timeout=180, what="the run to end")
        run, = finished_runs(mistral, plan.id)
        assert run.state == runs.SUCCEEDED, run
        made, = plan_backups(session, plan.id, server_id)
        assert made[protocol.CONSISTENCY_PROPERTY] == \
            protocol.CONSISTENCY_APPLICATION
    finally:
        store.delete(mistral, plan)
        for image in plan_backups(session, None, server_id):
            cloud_api.delete_backup(demo_session, image["id"])
        cloud_api.delete_server(demo_session, server_id)
        demo_session.delete("/v2/images/" + base,
                            endpoint_filter=cloud_api.IMAGE, raise_exc=False)
