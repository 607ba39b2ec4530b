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

"""The Backups panel clicked in Chromium against real Nova, Glance and Cinder
(devcloud): a backup followed to active, its link, Launch (to an ACTIVE
instance), Restore, Delete and markup in a backup's name."""

import re

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec

from quick_backup_client import backup_paths
from tests.integration import cloud as cloud_api
from tests.integration.browser import cells
from tests.integration.browser import click_row_action
from tests.integration.browser import invalid_steps
from tests.integration.browser import open_backups
from tests.integration.browser import open_instances
from tests.integration.browser import quick_backup
from tests.integration.browser import screenshot
from tests.integration.browser import text_of
from tests.integration.browser import wait
from tests.integration.browser import wait_cells
from tests.integration.browser import wait_message

pytestmark = pytest.mark.browser

# Seconds Glance holds the snapshot's data (Nova's upload) in the first
# test: long enough to load the panel and see the backup in progress (15
# was too short once, on a machine running four other clouds).
UPLOAD_DELAY = 30
# The instance's task as Horizon names it (TASK_DISPLAY_CHOICES of
# image_snapshot, image_pending_upload and image_uploading).
PHASE = re.compile(
    r"^(Snapshotting|Image Pending Upload|Image Uploading), \d+ minutes?$")


@pytest.fixture
def made(demo_session):
    """Image ids of the backups a test made: deleted afterwards, with the
    volume snapshots they point to, unless the test deleted them."""
    image_ids = []
    yield image_ids
    for image_id in image_ids:
        cloud_api.delete_backup(demo_session, image_id)


@pytest.fixture
def own_server(cloud, demo_session):
    """A server of the test's own (restore rebuilds it), deleted after."""
    server_id = cloud_api.boot_server(demo_session, "restore-1",
                                 cloud.info["image_id"],
                                 cloud.info["flavor_id"])
    yield server_id
    cloud_api.delete_server(demo_session, server_id)


def image_id_of(message_text):
    return message_text.rsplit("Image ID:", 1)[1].strip()


def row_texts(row):
    return {title: text_of(cell) for title, cell in row.items()}


def active_row(row):
    """What an active row shows (None while it is not active)."""
    if text_of(row["Status"]) != "Active":
        return None
    return dict(row_texts(row), **{
        "instance links": [a.text for a in row["Instance"].find_elements(
            By.TAG_NAME, "a")],
        "actions": [a.get_attribute("id") for a in row["Actions"]
                    .find_elements(By.CSS_SELECTOR, "a, button")]})


def test_a_backup_being_made_turns_active_in_the_panel_without_a_reload(
        browser, cloud, demo_session, artifacts, made):
    web = cloud.info["servers"]["web-1"]
    cloud_api.wait_idle(demo_session, web)
    demo_session.post(cloud.info["faults"]["image"], authenticated=False,
                      json={"method": "PUT", "count": 1,
                            "path_regex": r"^/v2/images/[^/]+/file$",
                            "delay": UPLOAD_DELAY})
    quick_backup(browser, cloud, web, "web-1 slow", "Glance is slow",
                 artifacts)
    _message, text = wait_message(browser, "success")
    image_id = image_id_of(text)
    made.append(image_id)

    open_backups(browser, cloud)
    browser.execute_script("window.quickBackupNotReloaded = true;")
    seen = wait_cells(browser, "backups", image_id, row_texts)
    screenshot(browser, artifacts, "backups_in_progress.png")
    # Nova's upload waits in Glance: the image is still queued (Glance
    # marks it saving only once the data arrives).
    assert seen["Status"] in ("Queued", "Saving")
    assert PHASE.match(seen["Progress"]), seen["Progress"]

    done = wait_cells(browser, "backups", image_id, active_row,
                      seconds=UPLOAD_DELAY + 60)
    screenshot(browser, artifacts, "backups_turned_active.png")
    assert browser.execute_script("return window.quickBackupNotReloaded;")
    assert done["Progress"] == "-" and done["Size"] != "-"
    # The refreshed row still knows the instance: its link, and Restore.
    assert done["instance links"] == ["web-1"]
    assert "backups__row_%s__action_restore" % image_id in done["actions"]
    assert cloud_api.image(demo_session, image_id)["status"] == "active"


def test_the_success_link_outlives_the_fade_and_opens_the_backups_page(
        browser, cloud, demo_session, artifacts, made):
    db = cloud.info["servers"]["db-1"]
    cloud_api.wait_idle(demo_session, db)
    quick_backup(browser, cloud, db, "db-1 linked", "", artifacts)
    message, text = wait_message(browser, "success")
    image_id = image_id_of(text)
    made.append(image_id)
    link = message.find_element(By.CSS_SELECTOR, "a.quick-backup-link")

    # An ordinary success message shown after ours fades away (Horizon's
    # auto_fade_alerts); once it has, ours has been up for longer.
    control = browser.execute_script(
        "return horizon.alert('success', 'a message that fades')[0];")
    wait(browser).until(lambda b: not control.is_displayed())
    assert message.is_displayed() and link.is_displayed()
    screenshot(browser, artifacts, "backups_link_after_fade.png")

    link.click()
    wait(browser).until(lambda b: b.current_url.endswith(
        "/project/quick_backups/%s/" % image_id))
    screenshot(browser, artifacts, "backups_backup_page.png")
    assert browser.find_element(
        By.CSS_SELECTOR, "input.quick-backup-id").get_attribute(
        "value") == image_id
    assert text_of(browser.find_element(
        By.CSS_SELECTOR, ".detail-header .h1")) == "db-1 linked"


def allocate_flavor(name):
    """A wait condition: the flavor ``name`` is allocated in the launch
    wizard. The wizard rebuilds its flavor table when its quotas arrive,
    which can undo a click made before: click again until it holds."""
    available = ("//div[contains(@class, 'modal')]//div[contains(@class, "
                 "'transfer-available')]//tr[td[normalize-space()='%s']]"
                 "//button" % name)

    def allocated(browser):
        if "Flavor" not in invalid_steps(browser):
            return True
        for button in browser.find_elements(By.XPATH, available):
            if button.is_displayed() and button.is_enabled():
                try:
                    button.click()
                except WebDriverException:
                    pass  # re-rendered under the click: try again
                break
        return False
    return allocated


def no_new_volume(browser):
    """A wait condition: the wizard boots from the image itself, not from a
    new volume (Horizon's default, whose volume would outlive the
    instance). The wizard resets the choice when its sources arrive, which
    can come after a click: go to the Source step and click "No" until it
    holds."""
    if not browser.execute_script(
            "return angular.element(document.body).injector()"
            ".get('launchInstanceModel').newInstanceSpec.vol_create;"):
        return True
    shown = [label for label in browser.find_elements(
        By.XPATH, "//div[contains(@class, 'modal')]"
        "//label[@id='vol-create'][normalize-space()='No']")
        if label.is_displayed()]
    if not shown:
        shown = [step for step in browser.find_elements(
            By.CSS_SELECTOR, ".modal .wizard-nav li.nav-item")
            if text_of(step) == "Source"]
    try:
        shown[0].click()
    except WebDriverException:
        pass  # re-rendered under the click: try again
    return False


def volume_gone(session, volume_id):
    """Delete a volume once Cinder lets us; whether it is gone."""
    return session.delete("/volumes/" + volume_id,
                          endpoint_filter=cloud_api.VOLUME,
                          raise_exc=False).status_code == 404


@pytest.fixture
def launched(demo_session):
    """The name of the instance a test launches: deleted afterwards with
    its volumes (and waited for, so no other test sees them)."""
    yield "from-backup"
    server = cloud_api.servers(demo_session).get("from-backup")
    if server is None:
        return
    cloud_api.delete_server(demo_session, server["id"])
    cloud_api.wait_until(
        lambda: "from-backup" not in cloud_api.servers(demo_session),
        what="the launched instance to go")
    for volume in server["os-extended-volumes:volumes_attached"]:
        cloud_api.wait_until(lambda: volume_gone(demo_session, volume["id"]),
                             what="volume %s to go" % volume["id"])


@pytest.mark.parametrize("instance, volumes", [("cache-1", 0), ("vol-1", 2)])
def test_launch_from_a_backup_boots_an_instance_of_it_on_the_one_network(
        browser, cloud, demo_session, artifacts, made, launched, instance,
        volumes):
    image_id = cloud_api.make_backup(demo_session, cloud.info["servers"][
        instance], "%s to launch" % instance)
    made.append(image_id)
    open_backups(browser, cloud)

    click_row_action(browser, "backups", image_id, "launch")
    finish = wait(browser).until(ec.visibility_of_element_located(
        (By.CSS_SELECTOR, ".modal button.finish")))
    # The wizard fills its source once its image list has loaded, which can
    # come after the modal shows: wait for it rather than read it once.
    source = wait(browser).until(lambda b: b.execute_script(
        "return angular.element(document.body).injector()"
        ".get('launchInstanceModel').newInstanceSpec.source"
        ".map(function (s) { return s.id; });"))
    assert source == [image_id]
    steps = {text_of(s): s for s in browser.find_elements(
        By.CSS_SELECTOR, ".modal .wizard-nav li.nav-item")}
    steps["Source"].click()
    allocated = wait(browser).until(ec.presence_of_element_located(
        (By.CSS_SELECTOR, '.modal input[type="checkbox"][id="%s"]'
         % image_id))).find_element(By.XPATH, "ancestor::tr")
    wait(browser).until(lambda b: allocated.is_displayed())
    assert "%s to launch" % instance in text_of(allocated)
    screenshot(browser, artifacts, "backups_launch_source_%s.png" % instance)
    wait(browser).until(no_new_volume)

    # Fill in what the wizard asks for: a name and a flavor.
    browser.find_element(By.CSS_SELECTOR, ".modal .wizard-nav li.nav-item") \
        .click()
    browser.find_element(By.CSS_SELECTOR, '.modal input[name="name"]') \
        .send_keys(launched)
    steps["Flavor"].click()
    wait(browser).until(allocate_flavor("m1.tiny"))
    # devcloud's Neutron stand-in serves one network: the wizard allocates
    # it on its own, and nothing required is left.
    wait(browser).until(lambda b: invalid_steps(b) == [])
    steps["Networks"].click()
    assert browser.execute_script(
        "return angular.element(document.body).injector()"
        ".get('launchInstanceModel').newInstanceSpec.networks"
        ".map(function (n) { return n.name; });") == ["devcloud-net"]
    screenshot(browser, artifacts, "backups_launch_network_%s.png" % instance)
    wait(browser).until(no_new_volume)
    wait(browser).until(lambda b: not finish.get_attribute("disabled"))
    finish.click()

    server = cloud_api.wait_until(lambda: cloud_api.servers(
        demo_session).get(launched), what="the launched instance")
    open_instances(browser, cloud)
    wait_cells(browser, "instances", server["id"],
               lambda row: text_of(row["Status"]) == "Active", seconds=90)
    screenshot(browser, artifacts, "backups_launched_%s.png" % instance)
    server = cloud_api.server(demo_session, server["id"])
    assert server["status"] == "ACTIVE"
    assert server["image"]["id"] == image_id
    assert list(server["addresses"]) == ["devcloud-net"]
    # A volume-backed backup's instance gets volumes made from the
    # backup's volume snapshots (by Nova, from the image's mapping).
    made_from = [demo_session.get(
        "/volumes/" + volume["id"], endpoint_filter=cloud_api.VOLUME).json()[
        "volume"]["snapshot_id"]
        for volume in server["os-extended-volumes:volumes_attached"]]
    assert sorted(made_from) == sorted(backup_paths.volume_snapshot_ids(
        cloud_api.image(demo_session, image_id)))
    assert len(made_from) == volumes


def test_restore_rebuilds_the_instance_from_the_backup(
        browser, cloud, demo_session, artifacts, made, own_server):
    image_id = cloud_api.make_backup(demo_session, own_server, "restore point")
    made.append(image_id)
    cloud_api.wait_idle(demo_session, own_server)
    open_backups(browser, cloud)

    click_row_action(browser, "backups", image_id, "restore")
    warning = wait(browser).until(ec.visibility_of_element_located(
        (By.CSS_SELECTOR, ".modal .quick-backup-restore-warning")))
    screenshot(browser, artifacts, "backups_restore_confirm.png")
    assert 'Instance "restore-1" will be rebuilt from backup ' \
        '"restore point"' in text_of(warning)
    assert "Everything written to its disk since then is lost." in \
        text_of(warning)
    browser.find_element(By.CSS_SELECTOR,
                         '.modal input[type="submit"]').click()

    _message, text = wait_message(browser, "success")
    assert 'Instance "restore-1" is being rebuilt from backup ' \
        '"restore point"' in text
    cloud_api.wait_until(lambda: cloud_api.server(demo_session, own_server)[
        "image"]["id"] == image_id, what="the rebuild from the backup")
    cloud_api.wait_idle(demo_session, own_server)
    assert cloud_api.server(demo_session, own_server)["status"] == "ACTIVE"
    actions = demo_session.get(
        "/servers/%s/os-instance-actions" % own_server,
        endpoint_filter=cloud_api.COMPUTE).json()["instanceActions"]
    assert [a["action"] for a in actions].count("rebuild") == 1


def test_delete_removes_a_volume_backed_backup_and_its_volume_snapshots(
        browser, cloud, demo_session, artifacts, made):
    image_id = cloud_api.make_backup(
        demo_session, cloud.info["servers"]["vol-1"], "vol-1 to delete")
    made.append(image_id)
    snapshot_ids = backup_paths.volume_snapshot_ids(
        cloud_api.image(demo_session, image_id))
    assert len(snapshot_ids) == 2
    assert not any(cloud_api.volume_snapshot_gone(demo_session, snapshot_id)
                   for snapshot_id in snapshot_ids)
    open_backups(browser, cloud)

    click_row_action(browser, "backups", image_id, "delete")
    confirm = wait(browser).until(ec.element_to_be_clickable(
        (By.CSS_SELECTOR, ".modal .modal-footer .btn-danger")))
    screenshot(browser, artifacts, "backups_delete_confirm.png")
    confirm.click()

    _message, text = wait_message(browser, "info")
    screenshot(browser, artifacts, "backups_deleted.png")
    assert "vol-1 to delete" in text
    assert not browser.find_elements(By.ID, "backups__row__" + image_id)
    assert cloud_api.image_gone(demo_session, image_id)
    cloud_api.wait_until(lambda: all(
        cloud_api.volume_snapshot_gone(demo_session, snapshot_id)
        for snapshot_id in snapshot_ids), what="the volume snapshots to go")


def test_markup_in_a_backups_name_and_description_is_shown_as_text(
        browser, cloud, demo_session, artifacts, made):
    name = '<img src=x onerror="window.quickBackupXss=1"><b>bold</b> & co'
    description = "<script>window.quickBackupXss=2</script><i>it</i>"
    image_id = cloud_api.make_backup(demo_session, cloud.info["servers"][
        "cache-1"], name, description)
    made.append(image_id)

    open_backups(browser, cloud)
    row = cells(browser, "backups", image_id)
    screenshot(browser, artifacts, "backups_markup_row.png")
    assert text_of(row["Name"]) == name
    assert text_of(row["Description"]) == description
    for cell in (row["Name"], row["Description"]):
        assert not cell.find_elements(By.CSS_SELECTOR, "img, b, script, i")

    browser.get(cloud.horizon_url + "project/quick_backups/%s/" % image_id)
    header = wait(browser).until(ec.visibility_of_element_located(
        (By.CSS_SELECTOR, ".detail-header .h1")))
    screenshot(browser, artifacts, "backups_markup_page.png")
    assert text_of(header) == name
    page = browser.find_element(By.CSS_SELECTOR, ".quick-backup-detail")
    assert description in text_of(page)
    for part in (header, page):
        assert not part.find_elements(By.CSS_SELECTOR, "img, b, script, i")
    assert browser.execute_script("return window.quickBackupXss;") is None
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
