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

"""Real Mistral in the local cloud (devcloud), as a user drives it with
python-mistralclient and the demo user's token: a workflow calling
mistral-extra's ``nova.servers_create_image`` makes an image in Glance, run
directly (firings of cron triggers, their trusts and their deletion are
proved with the plans' own workflow in test_plans_cloud.py)."""

import json
import uuid

import pytest

from devcloud import layout
from tests.integration.cloud import boot_server
from tests.integration.cloud import delete_backup
from tests.integration.cloud import delete_server
from tests.integration.cloud import wait_image_active
from tests.integration.cloud import wait_until

needs_mistral = pytest.mark.skipif(
    not layout.MISTRAL, reason="Mistral is not installed here (the oldest "
    "series' cloud runs without it)")

WORKFLOW = "devcloud_test_image"
DEFINITION = """
version: '2.0'
%s:
  input: [server, image_name, metadata]
  tasks:
    snapshot:
      action: nova.servers_create_image
      input:
        server: <%% $.server %%>
        image_name: <%% $.image_name %%>
        metadata: <%% $.metadata %%>
      publish:
        image_id: <%% task().result %%>
  output:
    image_id: <%% $.image_id %%>
""" % WORKFLOW


@pytest.fixture(scope="module")
def mistral(cloud, demo_session):
    """python-mistralclient with the demo user's token.

    Made as the dashboard makes it; the test workflow exists while the
    module runs.
    """
    from mistralclient.api import client
    workflows = client.client(
        mistral_url=cloud.info["endpoints"]["workflowv2"],
        auth_token=demo_session.get_token(),
        project_id=demo_session.get_project_id(),
        user_id=demo_session.get_user_id())
    workflows.workflows.create(DEFINITION)
    yield workflows
    workflows.workflows.delete(WORKFLOW)


@pytest.fixture(scope="module")
def server_id(cloud, demo_session):
    server = boot_server(demo_session, "mistral-test-1",
                         cloud.info["image_id"], cloud.info["flavor_id"])
    yield server
    delete_server(demo_session, server)


def finished(mistral, execution_id):
    """The execution once it has ended (SUCCESS or ERROR)."""
    def ended():
        execution = mistral.executions.get(execution_id)
        return execution.state in ("SUCCESS", "ERROR") and execution
    return wait_until(ended, what="execution %s to end" % execution_id)


def made_image(demo_session, execution):
    assert execution.state == "SUCCESS", "the workflow failed"
    image_id = json.loads(execution.output)["image_id"]
    return wait_image_active(demo_session, image_id)


def test_the_catalog_has_workflowv2_exactly_where_mistral_is_installed(
        demo_session):
    catalog = demo_session.auth.get_access(demo_session).service_catalog
    types = {service["type"] for service in catalog.catalog}
    assert "compute" in types
    assert ("workflowv2" in types) == layout.MISTRAL


@needs_mistral
def test_a_workflow_run_by_the_user_makes_an_image_with_its_metadata(
        demo_session, mistral, server_id):
    name = "mistral-run-%s" % uuid.uuid4().hex[:8]
    execution = mistral.executions.create(WORKFLOW, workflow_input={
        "server": server_id, "image_name": name,
        "metadata": {"quick_backup_plan": "direct"}})
    made = made_image(demo_session, finished(mistral, execution.id))
    try:
        assert (made["name"], made["quick_backup_plan"]) == (name, "direct")
        assert made["instance_uuid"] == server_id
        assert made["owner"] == demo_session.get_project_id()
    finally:
        delete_backup(demo_session, made["id"])
