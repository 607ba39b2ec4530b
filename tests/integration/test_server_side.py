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

"""The server side of Quick Backup on real Nova: our paste filter in
nova-api's pipeline, called through our novaclient extension."""

import re

import pytest
from novaclient import api_versions
from novaclient import client as nova_client
from novaclient import exceptions as nova_exceptions
from novaclient import extension

from quick_backup_client.novaclient_ext import quick_backup
from tests.integration.cloud import COMPUTE
from tests.integration.cloud import image
from tests.integration.cloud import server
from tests.integration.cloud import wait_idle
from tests.integration.cloud import wait_until

MISSING = "00000000-0000-4000-8000-000000000000"


def quick_backups(session):
    client = nova_client.Client(
        api_versions.APIVersion("2.1"), session=session,
        extensions=[extension.Extension(quick_backup.EXTENSION_NAME,
                                        quick_backup)])
    return getattr(client, quick_backup.EXTENSION_NAME)


@pytest.fixture(scope="module")
def demo_backups(demo_session):
    return quick_backups(demo_session)


def test_backup_is_an_image_of_the_callers_project(cloud, demo_session,
                                                   demo_backups):
    server_id = cloud.info["servers"]["cache-1"]
    wait_idle(demo_session, server_id)
    image_id = demo_backups.create(server_id, "api backup",
                                   "made through the filter")
    made = image(demo_session, image_id)
    assert made["name"] == "api backup"
    assert made["description"] == "made through the filter"
    assert made["quick_backup"] == "true"
    assert made["owner"] == cloud.info["demo_project_id"]


def test_a_backup_sent_without_description_does_not_inherit_the_base_ones(
        cloud, demo_session):
    # Nova copies the base image's properties into a snapshot; the filter
    # always sends a description, so the base image's never shows.
    assert image(demo_session, cloud.info["image_id"])["description"]
    server_id = cloud.info["servers"]["web-1"]
    wait_idle(demo_session, server_id)

    response = demo_session.post(
        "/servers/%s/backup_instance" % server_id, endpoint_filter=COMPUTE,
        json={"name": "no description"})

    made = image(demo_session, response.json()["id"])
    assert made["description"] == ""
    assert made["quick_backup"] == "true"


def test_missing_instance_is_404(demo_backups):
    with pytest.raises(nova_exceptions.NotFound) as raised:
        demo_backups.create(MISSING, "n")
    assert "could not be found" in str(raised.value)


def test_instance_in_error_is_409(cloud, demo_backups):
    with pytest.raises(nova_exceptions.Conflict):
        demo_backups.create(cloud.info["servers"]["broken-1"], "n")


def test_second_backup_while_the_first_is_running_is_409(
        cloud, demo_session, demo_backups):
    server_id = cloud.info["servers"]["db-1"]
    wait_idle(demo_session, server_id)
    demo_backups.create(server_id, "first")
    with pytest.raises(nova_exceptions.Conflict) as raised:
        demo_backups.create(server_id, "second")
    # Nova names the task the first backup is in: any of its phases
    # (image_snapshot, image_pending_upload, image_uploading), by timing.
    assert re.search(r"task_state image_(snapshot|pending_upload|uploading)",
                     str(raised.value))


def test_name_nova_refuses_is_400(cloud, demo_backups):
    with pytest.raises(nova_exceptions.BadRequest):
        demo_backups.create(cloud.info["servers"]["web-1"], " leading")


def test_filter_refuses_a_bad_body_before_nova(cloud, demo_session):
    response = demo_session.post(
        "/servers/%s/backup_instance" % cloud.info["servers"]["web-1"],
        endpoint_filter=COMPUTE, json={"name": "n" * 256}, raise_exc=False)
    assert response.status_code == 400
    assert "longer than 255" in response.json()["badRequest"]["message"]


def test_no_backup_of_another_projects_instance(cloud, admin_session,
                                                demo_backups):
    booted = admin_session.post("/servers", endpoint_filter=COMPUTE, json={
        "server": {"name": "admin-vm", "flavorRef": cloud.info["flavor_id"],
                   "imageRef": cloud.info["image_id"], "networks": "none"}},
        headers={"OpenStack-API-Version": "compute 2.37"}).json()["server"]
    wait_until(lambda: server(admin_session, booted["id"])["status"] ==
               "ACTIVE", what="admin-vm to boot")

    with pytest.raises(nova_exceptions.NotFound):
        demo_backups.create(booted["id"], "not mine")
