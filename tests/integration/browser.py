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

"""Driving Horizon in Chromium: log in, open Quick Backup, read messages,
find a table's rows and cells and click their actions."""

import os

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.integration import logscan

WAIT = 60


def wait(browser, seconds=WAIT):
    return WebDriverWait(browser, seconds)


def login(browser, cloud):
    browser.get(cloud.horizon_url + "auth/login/")
    if "/auth/login/" not in browser.current_url:
        return  # already logged in
    browser.find_element(By.ID, "id_username").send_keys("demo")
    browser.find_element(By.ID, "id_password").send_keys("demo")
    browser.find_element(By.ID, "loginBtn").click()
    wait(browser).until(lambda b: "/auth/login/" not in b.current_url)
    logscan.remember("demo's Horizon session (Chromium)",
                     (browser.get_cookie("sessionid") or {}).get("value"))


def open_instances(browser, cloud):
    login(browser, cloud)
    browser.get(cloud.horizon_url + "project/instances/")
    wait(browser).until(ec.presence_of_element_located(
        (By.ID, "instances")))


def row_action_ids(browser, server_id):
    row = browser.find_element(By.CSS_SELECTOR,
                               'tr[data-object-id="%s"]' % server_id)
    return [a.get_attribute("id") for a in row.find_elements(
        By.CSS_SELECTOR, "a, button")]


def open_quick_backup(browser, cloud, server_id):
    """Open Quick Backup from the instance's row menu; returns the modal."""
    open_instances(browser, cloud)
    row = browser.find_element(By.CSS_SELECTOR,
                               'tr[data-object-id="%s"]' % server_id)
    row.find_element(By.CSS_SELECTOR, ".dropdown-toggle").click()
    action_id = "instances__row_%s__action_quick_backup" % server_id
    wait(browser).until(ec.element_to_be_clickable((By.ID, action_id))).click()
    wait(browser).until(ec.visibility_of_element_located(
        (By.CSS_SELECTOR, ".modal #id_name")))
    return browser.find_element(By.CSS_SELECTOR, ".modal")


def quick_backup(browser, cloud, server_id, name, description, artifacts,
                 shot=None):
    """Open Quick Backup from the instance's row menu and submit it."""
    open_quick_backup(browser, cloud, server_id)
    name_field = browser.find_element(By.CSS_SELECTOR, ".modal #id_name")
    assert name_field.get_attribute("value").endswith("Z")  # default name
    name_field.clear()
    name_field.send_keys(name)
    browser.find_element(By.CSS_SELECTOR, ".modal #id_description") \
        .send_keys(description)
    if shot:
        browser.save_screenshot(os.path.join(artifacts, shot))
    browser.find_element(
        By.CSS_SELECTOR, '.modal input[type="submit"]').click()


def wait_message(browser, kind):
    """The first message, once it shows; it must be of that kind."""
    message = wait(browser).until(ec.visibility_of_element_located(
        (By.CSS_SELECTOR, ".messages .alert")))
    text = " ".join(message.get_attribute("textContent").split())
    assert "alert-%s" % kind in message.get_attribute("class"), text
    return message, text


def text_of(element):
    """What a person reads in ``element``, whitespace collapsed."""
    return " ".join(element.get_attribute("textContent").split())


def open_backups(browser, cloud):
    """The Backups panel, logged in as demo."""
    login(browser, cloud)
    browser.get(cloud.horizon_url + "project/quick_backups/")
    wait(browser).until(ec.presence_of_element_located((By.ID, "backups")))


def cells(browser, table, object_id):
    """One row of a Horizon table: its cells by column title."""
    titles = [text_of(th) for th in browser.find_elements(
        By.CSS_SELECTOR, "#%s thead tr:last-child th" % table)]
    row = browser.find_element(By.ID, "%s__row__%s" % (table, object_id))
    return dict(zip(titles, row.find_elements(By.CSS_SELECTOR, ":scope > td")))


def wait_cells(browser, table, object_id, read, seconds=WAIT):
    """Wait until ``read(cells)`` of the row returns something true, and
    return that (Horizon replaces a row each time it refreshes it: read
    what you need in ``read``, the cells may be gone afterwards)."""
    return WebDriverWait(browser, seconds, ignored_exceptions=(
        StaleElementReferenceException,)).until(
        lambda b: read(cells(b, table, object_id)))


def click_row_action(browser, table, object_id, action):
    """Click a row's action, opening the row's menu first if it is in it."""
    action_id = "%s__row_%s__action_%s" % (table, object_id, action)
    if not browser.find_element(By.ID, action_id).is_displayed():
        browser.find_element(By.ID, "%s__row__%s" % (table, object_id)) \
            .find_element(By.CSS_SELECTOR, ".dropdown-toggle").click()
    wait(browser).until(ec.element_to_be_clickable((By.ID, action_id))).click()


def screenshot(browser, artifacts, name):
    browser.save_screenshot(os.path.join(artifacts, name))


def invalid_steps(browser):
    """The launch wizard's steps that still show the required marker."""
    return [text_of(step) for step in browser.find_elements(
        By.CSS_SELECTOR, ".modal .wizard-nav li.nav-item")
        if step.find_elements(By.CSS_SELECTOR,
                              ".hz-icon-required:not(.ng-hide)")]
