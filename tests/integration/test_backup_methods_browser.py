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

"""Quick Backup clicked in Chromium on a Nova without our filter, and for an
instance booted from volumes on real Cinder (devcloud)."""

import os

import pytest
from selenium.webdriver.common.by import By

from backup_dashboard.api import nova as nova_api
from quick_backup_client import backup_paths
from tests.integration.browser import login
from tests.integration.browser import open_quick_backup
from tests.integration.browser import quick_backup
from tests.integration.browser import text_of
from tests.integration.browser import wait_message
from tests.integration.cloud import compute_serves
from tests.integration.cloud import wait_idle
from tests.integration.cloud import wait_image_active

pytestmark = pytest.mark.browser

VOLUME = {"service_type": "volumev3", "interface": "public"}


def shown_region(browser):
    """The region Horizon's header shows."""
    shown = browser.find_elements(By.CSS_SELECTOR, ".context-region")
    return shown[0].get_attribute("textContent").strip() if shown else None


def switch_region(browser, cloud, region):
    """Switch from a page that polls nothing, and check the region Horizon
    shows: a row update still in flight saves the session it loaded (with
    the old region) after the switch, and wins."""
    login(browser, cloud)
    quiet = cloud.horizon_url + "project/api_access/"
    for _attempt in range(3):
        browser.get(quiet)
        browser.get(cloud.horizon_url + "auth/switch_services_region/%s/"
                    "?next=/project/api_access/" % region)
        browser.get(quiet)
        if shown_region(browser) == region:
            return
    raise AssertionError("Horizon stays in region %s" % shown_region(browser))


@pytest.fixture
def stock_nova(browser, cloud):
    """Horizon on the region whose Nova has no Quick Backup filter."""
    switch_region(browser, cloud, cloud.info["stock_region"])
    yield
    switch_region(browser, cloud, "RegionOne")


def nova_requests(cloud, session, faults):
    return session.get(cloud.info["faults"][faults],
                       authenticated=False).json()["requests"]


def test_auto_mode_backs_up_on_a_stock_nova_with_one_post(
        browser, cloud, demo_session, artifacts, stock_nova):
    server_id = cloud.info["servers"]["web-1"]
    wait_idle(demo_session, server_id)
    # Asked before the count starts (a GET of RegionOne's version document).
    consistency = compute_serves(demo_session,
                                 nova_api.IMAGE_PROPERTIES_MICROVERSION)
    for faults in ("compute", "compute_stock"):
        demo_session.delete(cloud.info["faults"][faults],
                            authenticated=False)

    modal = open_quick_backup(browser, cloud, server_id)
    if consistency:
        assert "Crash-consistent" in text_of(modal)  # no extra GET
    else:  # an older Nova (2024.1's stops at 2.96) shows no image
        # properties: the form says the label will be unknown
        assert "Consistency unknown" in text_of(modal)
    quick_backup(browser, cloud, server_id, "stock nightly", "on stock Nova",
                 artifacts, shot="stock_nova_modal.png")
    _message, text = wait_message(browser, "success")
    browser.save_screenshot(os.path.join(artifacts, "stock_nova_success.png"))

    # Whatever the pages around it asked, one request made the backup, and
    # learning that this Nova has no backup_instance cost one GET.
    stock = nova_requests(cloud, demo_session, "compute_stock")
    probe = "GET /v2.1/servers/%s/backup_instance" % server_id
    assert [r for r in stock if r.startswith("POST")] == [
        "POST /v2.1/servers/%s/action" % server_id]
    assert stock.count(probe) == 1
    assert nova_requests(cloud, demo_session, "compute") == []
    image_id = text.rsplit("Image ID:", 1)[1].strip()
    made = wait_image_active(demo_session, image_id)
    assert (made["name"], made["description"], made["quick_backup"],
            made["quick_backup_instance"]) == (
        "stock nightly", "on stock Nova", "true", server_id)


def test_a_volume_backed_instance_lists_its_volumes_and_backs_up(
        browser, cloud, demo_session, artifacts):
    server_id = cloud.info["servers"]["vol-1"]
    wait_idle(demo_session, server_id)

    modal = open_quick_backup(browser, cloud, server_id)
    shown = text_of(modal)
    browser.save_screenshot(os.path.join(artifacts, "volume_backed_modal.png"))
    assert "snapshots of its 2 volumes" in shown
    assert "vol-1-root (1 GiB)" in shown and "vol-1-data (1 GiB)" in shown
    quick_backup(browser, cloud, server_id, "vol nightly", "", artifacts)

    _message, text = wait_message(browser, "success")
    assert "an image that points to 2 volume snapshots" in text
    image_id = text.rsplit("Image ID:", 1)[1].strip()
    made = wait_image_active(demo_session, image_id)
    assert len(backup_paths.volume_snapshot_ids(made)) == 2


def test_a_short_snapshot_quota_blocks_the_form(browser, cloud, demo_session,
                                                admin_session, artifacts):
    server_id = cloud.info["servers"]["vol-1"]
    wait_idle(demo_session, server_id)
    quota = "/os-quota-sets/" + cloud.info["demo_project_id"]
    used = demo_session.get("/limits", endpoint_filter=VOLUME).json()[
        "limits"]["absolute"]["totalSnapshotsUsed"]
    allowed = admin_session.get(quota, endpoint_filter=VOLUME).json()[
        "quota_set"]["snapshots"]
    admin_session.put(quota, endpoint_filter=VOLUME, json={
        "quota_set": {"snapshots": used + 1}})
    try:
        modal = open_quick_backup(browser, cloud, server_id)
        browser.save_screenshot(os.path.join(artifacts,
                                             "volume_quota_short.png"))
        alert = modal.find_element(By.CSS_SELECTOR, ".alert-danger")
        assert "your project's quota allows 1 more" in text_of(alert)
        assert not modal.find_elements(By.CSS_SELECTOR,
                                       'input[type="submit"]')
    finally:
        admin_session.put(quota, endpoint_filter=VOLUME, json={
            "quota_set": {"snapshots": allowed}})
