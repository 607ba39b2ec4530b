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

"""The Backup Plans panel clicked in Chromium against real Mistral, Nova
and Glance (devcloud): a plan created in the modal form, run now until its
history links the backup, paused, resumed and deleted."""

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select

from quick_backup_client.plans import store
from quick_backup_server import protocol
from tests.integration.browser import cells
from tests.integration.browser import click_row_action
from tests.integration.browser import login
from tests.integration.browser import screenshot
from tests.integration.browser import text_of
from tests.integration.browser import wait
from tests.integration import cloud as cloud_api

pytestmark = pytest.mark.browser

PLANS = "project/backup_plans/"
# Markup in the plan's name, shown as text wherever the name is.
NAME = "nightly <b>markup</b>"
# How long a run now may take to make its backup and apply retention.
RUN_SECONDS = 180


@pytest.fixture
def plan_server(cloud, demo_session):
    """A server of the test's own; afterwards the plan (if the test left
    it), every backup a plan made of the server, and the server go.
    """
    if "workflowv2" not in cloud.info["endpoints"]:
        pytest.skip("this series' local cloud runs no Mistral")
    server_id = cloud_api.boot_server(demo_session, "plan-browser",
                                      cloud.info["image_id"],
                                      cloud.info["flavor_id"])
    yield server_id
    mistral = store.connect(session=demo_session)
    for listed in store.plans(mistral):
        if server_id in listed.plan.servers:
            store.delete(mistral, listed.plan)
    for image in plan_images(demo_session, server_id):
        cloud_api.delete_backup(demo_session, image["id"])
    cloud_api.delete_server(demo_session, server_id)


def plan_images(session, server_id):
    """The backups plans made of ``server_id``."""
    return [image for image in session.get(
        "/v2/images", endpoint_filter=cloud_api.IMAGE,
        params={protocol.INSTANCE_PROPERTY: server_id}).json()["images"]
        if image.get(protocol.PLAN_PROPERTY)]


def open_plans(browser, cloud):
    login(browser, cloud)
    browser.get(cloud.horizon_url + PLANS)
    wait(browser).until(ec.presence_of_element_located((By.ID, "plans")))


def row_texts(browser, plan_id):
    return {title: text_of(cell)
            for title, cell in cells(browser, "plans", plan_id).items()}


def wait_alert(browser, kind, words):
    """The text of the message of that kind that says ``words``, once a
    page shows it (the page before may still show an earlier one).
    """
    def said(b):
        for alert in b.find_elements(By.CSS_SELECTOR,
                                     ".messages .alert-%s" % kind):
            try:
                if words in text_of(alert) and alert.is_displayed():
                    return text_of(alert)
            except StaleElementReferenceException:
                pass
        return None
    return wait(browser).until(said)


def plan_id_named(browser, name):
    """The id of the table's row whose Name reads ``name``."""
    for row in browser.find_elements(By.CSS_SELECTOR,
                                     "#plans tbody tr[data-object-id]"):
        if name in text_of(row):
            return row.get_attribute("data-object-id")
    return None


def create_plan(browser, cloud, server_id, artifacts):
    """Fill in Create Plan: daily at 03:30, one instance, keep 2."""
    browser.find_element(By.ID, "plans__action_create").click()
    modal = wait(browser).until(ec.visibility_of_element_located(
        (By.CSS_SELECTOR, ".modal #id_name")))
    modal.send_keys(NAME)
    Select(browser.find_element(By.CSS_SELECTOR, ".modal #id_instances")) \
        .select_by_value(server_id)
    # Daily is the preset the form opens with.
    assert browser.find_element(By.CSS_SELECTOR, ".modal #id_preset") \
        .get_attribute("value") == "daily"
    time_field = browser.find_element(By.CSS_SELECTOR, ".modal #id_time")
    time_field.clear()
    time_field.send_keys("03:30")
    keep = browser.find_element(By.CSS_SELECTOR, ".modal #id_keep_last")
    keep.clear()
    keep.send_keys("2")
    screenshot(browser, artifacts, "plans_create_form.png")
    browser.find_element(By.CSS_SELECTOR,
                         '.modal input[type="submit"]').click()


def made_in_history(browser):
    """The history's first "Backup made" cell and its link's target, or
    None while the run has not made it.
    """
    for cell in browser.find_elements(
            By.CSS_SELECTOR, ".quick-backup-plan-runs td"):
        if text_of(cell).startswith("Backup made"):
            links = cell.find_elements(By.TAG_NAME, "a")
            if links:
                return text_of(cell), links[0].get_attribute("href")
    return None


def wait_history_made(browser, cloud, plan_id):
    """Reload the plan's page until its history shows the backup made."""
    url = cloud.horizon_url + PLANS + "%s/" % plan_id

    def shown(b):
        b.get(url)
        try:
            return made_in_history(b)
        except StaleElementReferenceException:
            return None
    return wait(browser, RUN_SECONDS).until(shown)


def test_a_plan_is_created_run_paused_resumed_and_deleted_in_the_panel(
        browser, cloud, demo_session, artifacts, plan_server):
    open_plans(browser, cloud)
    create_plan(browser, cloud, plan_server, artifacts)
    wait_alert(browser, "success", 'Saved backup plan "%s".' % NAME)
    plan_id = wait(browser).until(lambda b: plan_id_named(b, NAME))
    row = row_texts(browser, plan_id)
    screenshot(browser, artifacts, "plans_created.png")
    assert row["Name"] == NAME
    name_cell = cells(browser, "plans", plan_id)["Name"]
    assert not name_cell.find_elements(By.CSS_SELECTOR, "b")
    assert row["Instances"] == "plan-browser"
    assert row["Schedule"] == "Daily at 03:30"
    assert row["Retention"] == "Keep the newest 2"
    assert row["Next Run"].endswith(" 03:30 UTC"), row["Next Run"]
    assert row["Last Result"] == "Not run yet"

    click_row_action(browser, "plans", plan_id, "run_now")
    wait_alert(browser, "success", "Started Plan: %s" % NAME)
    made, href = wait_history_made(browser, cloud, plan_id)
    screenshot(browser, artifacts, "plans_history_made.png")
    images = plan_images(demo_session, plan_server)
    assert [image["id"] for image in images] == [made.rsplit(": ", 1)[1]]
    assert images[0][protocol.PLAN_PROPERTY] == plan_id
    assert href.endswith("/project/quick_backups/%s/" % images[0]["id"])
    name_shown = browser.find_element(
        By.CSS_SELECTOR, ".quick-backup-plan-detail dd")
    assert text_of(name_shown) == NAME
    assert not name_shown.find_elements(By.CSS_SELECTOR, "b")

    open_plans(browser, cloud)
    click_row_action(browser, "plans", plan_id, "pause")
    wait_alert(browser, "success", "Paused Plan: %s" % NAME)
    assert row_texts(browser, plan_id)["Next Run"] == "Paused"
    screenshot(browser, artifacts, "plans_paused.png")
    click_row_action(browser, "plans", plan_id, "resume")
    wait_alert(browser, "success", "Resumed Plan: %s" % NAME)
    assert row_texts(browser, plan_id)["Next Run"].endswith(" 03:30 UTC")

    click_row_action(browser, "plans", plan_id, "delete")
    confirm = wait(browser).until(ec.element_to_be_clickable(
        (By.CSS_SELECTOR, ".modal .modal-footer .btn-danger")))
    screenshot(browser, artifacts, "plans_delete_confirm.png")
    confirm.click()
    wait_alert(browser, "info", "Deleted Plan: %s" % NAME)
    assert not browser.find_elements(By.ID, "plans__row__" + plan_id)
    assert store.get(store.connect(session=demo_session), plan_id) is None
