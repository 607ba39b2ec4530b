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

"""No cross-project access: the demo user, crafting URLs and form fields in
the real Horizon, can neither back up, see, launch, restore nor delete the
alt project's instance or backup, nor copy it or remove its copies, nor
use an image another project shares with the Quick Backup markers; Nova
and Glance, asked as admin, show that nothing changed."""

import pytest

from quick_backup_client import copies
from quick_backup_server import protocol

from devcloud.bootstrap import login
from tests.integration import cloud as cloud_api
from tests.integration.security import Web
from tests.integration.security import cloud_state
from tests.integration.test_osc_cloud import openstack


def crafted_image(session, name, instance_id, visibility="private"):
    """An active image with the Quick Backup markers naming
    ``instance_id``, made in the session's own project."""
    image_id = session.post("/v2/images", endpoint_filter=cloud_api.IMAGE,
                            json={"name": name, "disk_format": "raw",
                                  "container_format": "bare",
                                  "visibility": visibility,
                                  protocol.MARKER_PROPERTY:
                                  protocol.MARKER_VALUE,
                                  protocol.INSTANCE_PROPERTY: instance_id,
                                  protocol.DESCRIPTION_PROPERTY: "crafted"}
                            ).json()["id"]
    session.put("/v2/images/%s/file" % image_id, data=b"crafted\n",
                endpoint_filter=cloud_api.IMAGE,
                headers={"Content-Type": "application/octet-stream"})
    cloud_api.wait_image_active(session, image_id)
    return image_id


@pytest.fixture(scope="module")
def world(cloud, demo_session, admin_session):
    """alt's Quick Backup of alt-1, a community image alt crafted naming
    demo's web-1, and a demo image crafted to name alt-1."""
    alt = login(cloud.info["auth_url"], cloud.info["alt"])
    alt_server = cloud.info["alt_servers"]["alt-1"]
    web_1 = cloud.info["servers"]["web-1"]
    facts = {
        "alt_server": alt_server, "web_1": web_1,
        "alt_backup": cloud_api.make_backup(alt, alt_server, "alt-backup"),
        "community": crafted_image(alt, "alt-community", web_1,
                                   visibility="community"),
        "demo_crafted": crafted_image(demo_session, "demo-crafted",
                                      alt_server)}
    yield facts
    for image_id in ("alt_backup", "community"):
        cloud_api.delete_backup(alt, facts[image_id])
    cloud_api.delete_backup(demo_session, facts["demo_crafted"])


@pytest.fixture(scope="module")
def demo_web(cloud):
    return Web(cloud, "demo")


@pytest.fixture
def unchanged(world, admin_session):
    """Asserts after the test that no image appeared or went, and that Nova
    recorded no action on alt-1 or web-1."""
    servers = (world["alt_server"], world["web_1"])
    before = cloud_state(admin_session, servers)
    yield
    assert cloud_state(admin_session, servers) == before


def test_alts_instance_cannot_be_backed_up_by_its_url(world, demo_web,
                                                      unchanged):
    url = "/project/quick_backups/%s/create/" % world["alt_server"]
    opened = demo_web.get(url)
    assert opened.status_code == 302
    assert "Unable to retrieve the instance." in " ".join(
        demo_web.messages(opened))
    form = demo_web.hidden_fields("/project/quick_backups/%s/create/"
                                  % world["web_1"])
    sent = demo_web.post(url, dict(form, name="stolen", description=""))
    assert sent.status_code == 302
    # Nova answers 404: the message names the instance the form said.
    assert demo_web.messages(sent) == [
        'Error: Instance "web-1" no longer exists.']


def test_alts_backup_has_no_page_no_restore_and_no_row_for_demo(
        world, demo_web, unchanged):
    image = world["alt_backup"]
    for path in ("/project/quick_backups/%s/" % image,
                 "/project/quick_backups/%s/restore/" % image):
        answer = demo_web.get(path)
        assert answer.status_code == 302, path
        assert answer.headers["Location"] == "/project/quick_backups/"
        assert "Unable to retrieve the backup." in " ".join(
            demo_web.messages(answer))
    sent = demo_web.post("/project/quick_backups/%s/restore/" % image,
                         {"submission_id": "0" * 32})
    assert sent.headers["Location"] == "/project/quick_backups/"
    row = demo_web.get("/project/quick_backups/?action=row_update&table="
                       "backups&obj_id=%s" % image,
                       headers={"X-Requested-With": "XMLHttpRequest"})
    assert row.status_code == 404


def test_a_backup_naming_the_other_projects_instance_is_never_restored(
        world, demo_web, unchanged):
    # demo's own image naming alt-1, and alt's community image naming web-1.
    for image in (world["demo_crafted"], world["community"]):
        for answer in (
                demo_web.get("/project/quick_backups/%s/restore/" % image),
                demo_web.post("/project/quick_backups/%s/restore/" % image,
                              {"submission_id": "1" * 32})):
            assert answer.status_code == 302
            assert answer.headers["Location"] == "/project/quick_backups/"


def test_alts_backup_cannot_be_verified_by_its_id(world, demo_web,
                                                  admin_session, unchanged):
    image = world["alt_backup"]
    answer = demo_web.post("/project/quick_backups/", {
        "action": "backups__verify__%s" % image})
    assert answer.status_code == 302
    # "Unable to verify backup" or "You are not allowed to verify backup".
    assert any("to verify backup" in message
               for message in demo_web.messages(answer))
    booted = admin_session.get(
        "/servers/detail?all_tenants=1&name=^" +
        protocol.VERIFY_SERVER_PREFIX,
        endpoint_filter=cloud_api.COMPUTE).json()["servers"]
    assert booted == []
    assert protocol.VERIFY_SERVER_PROPERTY not in cloud_api.image(
        admin_session, image)


def test_delete_with_alts_image_ids_deletes_nothing(world, demo_web,
                                                    unchanged):
    ids = [world["alt_backup"], world["community"]]
    for image in ids:
        answer = demo_web.post("/project/quick_backups/", {
            "action": "backups__delete__%s" % image})
        assert answer.status_code == 302
        assert any("Unable to delete" in message
                   for message in demo_web.messages(answer)), image
    answer = demo_web.post("/project/quick_backups/", {
        "action": "backups__delete", "object_ids": ids})
    assert answer.status_code == 302


def test_alts_backup_cannot_be_protected_or_unprotected_by_demo(
        world, demo_web, admin_session, unchanged):
    image = world["alt_backup"]
    for action in ("protect", "unprotect"):
        answer = demo_web.post("/project/quick_backups/", {
            "action": "backups__%s__%s" % (action, image)})
        assert answer.status_code == 302
        answer = demo_web.post("/project/quick_backups/", {
            "action": "backups__" + action, "object_ids": [image]})
        assert answer.status_code == 302
    assert admin_session.get(
        "/v2/images/" + image, endpoint_filter=cloud_api.IMAGE
    ).json()["protected"] is False


def test_the_command_calls_alts_backup_no_such_backup(world, cloud,
                                                      unchanged):
    for command in ("show", "protect", "unprotect", "delete"):
        done = openstack(cloud, "server", "quick-backup", command,
                         world["alt_backup"])
        assert done.returncode != 0, command
        assert "No such Quick Backup in this project" in done.stderr


def test_demos_pages_never_offer_or_name_a_foreign_backup(world, cloud):
    demo_web = Web(cloud, "demo")  # no message of another test's requests
    foreign = (world["alt_backup"], world["community"])
    pages = [
        "/project/quick_backups/",
        "/project/quick_backups/?backups__filter_backups__q_field=instance"
        "&backups__filter_backups__q=%s" % world["alt_server"],
        "/project/quick_backups/?backups__filter_backups__q_field=instance"
        "&backups__filter_backups__q=%s" % world["web_1"],
        "/project/instances/%s/?tab=instance_details__quick_backups"
        % world["web_1"]]
    for path in pages:
        page = demo_web.get(path)
        assert page.status_code == 200, path
        # Launch's data (ng-click) and every link hold image ids only.
        assert not [image for image in foreign if image in page.text], path
    tab = demo_web.get("/project/instances/%s/?tab=instance_details__"
                       "quick_backups" % world["alt_server"])
    assert tab.status_code == 302
    assert world["alt_backup"] not in demo_web.messages(tab)


def test_alts_backup_cannot_be_copied_nor_a_copy_removed_by_demo(
        world, demo_web, demo_session, admin_session, unchanged):
    image = world["alt_backup"]
    for action in ("copy", "remove-copy"):
        url = "/project/quick_backups/%s/%s/" % (image, action)
        for answer in (demo_web.get(url), demo_web.post(url, {
                "store": "offsite", "submission_id": "3" * 32})):
            assert answer.status_code == 302, url
            assert answer.headers["Location"] == "/project/quick_backups/"
    # Glance itself, asked with demo's token: no such image.
    answer = demo_session.post(
        "/v2/images/%s/import" % image, endpoint_filter=cloud_api.IMAGE,
        json={"method": {"name": "copy-image"}, "stores": ["offsite"]},
        raise_exc=False)
    assert answer.status_code == 404
    assert copies.stores(cloud_api.image(admin_session, image)) == ["local"]
