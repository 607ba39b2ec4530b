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

"""Quick Backup clicked in a real browser, against real Keystone, Nova and
Glance (devcloud), with the plugin enabled as an operator enables it."""

import os

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By

from tests.integration.browser import open_instances
from tests.integration.browser import quick_backup
from tests.integration.browser import row_action_ids
from tests.integration.browser import wait_message
from tests.integration.cloud import image
from tests.integration.cloud import servers
from tests.integration.cloud import wait_idle
from tests.integration.cloud import wait_image_active

pytestmark = pytest.mark.browser

def test_login_and_instances_page(browser, cloud, demo_session, artifacts):
    open_instances(browser, cloud)
    browser.save_screenshot(os.path.join(artifacts, "instances.png"))
    assert {"web-1", "db-1", "cache-1", "broken-1"} <= set(
        servers(demo_session))


def test_quick_backup_of_an_active_instance(browser, cloud, demo_session,
                                            artifacts):
    web = servers(demo_session)["web-1"]
    wait_idle(demo_session, web["id"])
    faults = cloud.info["faults"]["compute"]
    demo_session.delete(faults, authenticated=False)

    quick_backup(browser, cloud, web["id"], "web-1 nightly",
                 "before upgrade", artifacts, shot="quick_backup_modal.png")

    message, text = wait_message(browser, "success")
    # Auto mode on a Nova with the filter: one POST made the backup, and
    # learning that Nova serves backup_instance cost at most one GET.
    seen = demo_session.get(faults, authenticated=False).json()["requests"]
    backup_url = "/v2.1/servers/%s/backup_instance" % web["id"]
    assert [r for r in seen if r.startswith("POST")] == [
        "POST " + backup_url]
    assert seen.count("GET " + backup_url) <= 1
    browser.save_screenshot(os.path.join(artifacts,
                                         "quick_backup_success.png"))
    link = message.find_element(By.CSS_SELECTOR, "p a")
    image_id = link.get_attribute("textContent").strip()
    assert image_id and link.get_attribute("href").endswith(
        "/project/quick_backups/%s/" % image_id)
    assert 'Quick Backup "web-1 nightly" of instance "web-1"' in text
    # Glance has it, with our name and description, and it goes active.
    made = wait_image_active(demo_session, image_id)
    assert made["name"] == "web-1 nightly"
    assert made["description"] == "before upgrade"
    assert made["quick_backup"] == "true"
    assert made["status"] == "active"
    assert image(demo_session, image_id)["owner"] == web["tenant_id"]


def test_no_action_for_an_instance_in_error(browser, cloud, demo_session):
    all_servers = servers(demo_session)
    wait_idle(demo_session, all_servers["web-1"]["id"])
    open_instances(browser, cloud)
    broken = row_action_ids(browser, all_servers["broken-1"]["id"])
    active = row_action_ids(browser, all_servers["web-1"]["id"])
    assert not any(i and i.endswith("__action_quick_backup") for i in broken)
    assert any(i and i.endswith("__action_quick_backup") for i in active)


def test_conflict_from_nova_is_shown(browser, cloud, demo_session,
                                     artifacts):
    faults = cloud.info["faults"]["compute"]
    demo_session.post(faults, json={
        "method": "POST", "path_regex": "/backup_instance$", "status": 409,
        "count": 1}, authenticated=False)
    db = servers(demo_session)["db-1"]
    wait_idle(demo_session, db["id"])

    quick_backup(browser, cloud, db["id"], "db-1 busy", "", artifacts)

    _message, text = wait_message(browser, "danger")
    browser.save_screenshot(os.path.join(artifacts,
                                         "quick_backup_conflict.png"))
    assert 'Instance "db-1" cannot be backed up right now' in text


def test_markup_in_a_name_is_shown_as_text(browser, cloud, demo_session,
                                           artifacts):
    cache = servers(demo_session)["cache-1"]
    wait_idle(demo_session, cache["id"])
    name = '<script>alert("qb")</script><b>bold</b>'

    quick_backup(browser, cloud, cache["id"], name, "<i>desc</i>",
                 artifacts)

    message, text = wait_message(browser, "success")
    browser.save_screenshot(os.path.join(artifacts,
                                         "quick_backup_markup.png"))
    assert name in text  # shown as typed, not interpreted
    assert not message.find_elements(By.TAG_NAME, "b")
    assert not message.find_elements(By.TAG_NAME, "script")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
