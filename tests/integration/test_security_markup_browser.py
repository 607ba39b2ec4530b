"""Markup, script and template syntax in an instance's name and in a
backup's name and description render as text on every page and message of
the plugin, in Chromium against the real Horizon and cloud: the Quick Backup
form and its success and error messages, the Backups table, the backup's
page, the instance's Backups tab, Restore (form, error and success) and
Delete (confirmation and message). Nothing of it runs (window.qbXss stays
unset) and it adds no element."""

import html

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec

from tests.integration import cloud as cloud_api
from tests.integration.browser import click_row_action
from tests.integration.browser import open_backups
from tests.integration.browser import open_quick_backup
from tests.integration.browser import screenshot
from tests.integration.browser import text_of
from tests.integration.browser import wait
from tests.integration.browser import wait_cells
from tests.integration.browser import wait_message
from tests.integration.security import CONFIRM_ESCAPES_AGAIN
from tests.integration.security import PAYLOAD
from tests.integration.security import shows_text

pytestmark = pytest.mark.browser

NAME = "B" + PAYLOAD
DESCRIPTION = "D" + PAYLOAD


def assert_inert(browser, artifacts, shot):
    """Nothing of the payload ran or became an element (the page, its
    modals and its messages alike)."""
    screenshot(browser, artifacts, "security_markup_%s.png" % shot)
    assert browser.execute_script("return window.qbXss;") is None, shot
    assert not browser.find_elements(By.CSS_SELECTOR, 'img[src="x"]'), shot


def fault(session, cloud, path_regex, status=409):
    """Nova answers the next POST to ``path_regex`` with ``status``."""
    session.post(cloud.info["faults"]["compute"], authenticated=False,
                 json={"method": "POST", "path_regex": path_regex,
                       "status": status, "count": 1})


@pytest.fixture
def marked_server(cloud, demo_session):
    """demo's server named with the payload, deleted afterwards."""
    server_id = cloud_api.boot_server(demo_session, PAYLOAD,
                                      cloud.info["image_id"],
                                      cloud.info["flavor_id"])
    yield server_id
    cloud_api.delete_server(demo_session, server_id)


def submit_form(browser, name, description):
    browser.find_element(By.CSS_SELECTOR, ".modal #id_name").clear()
    browser.find_element(By.CSS_SELECTOR, ".modal #id_name").send_keys(name)
    browser.find_element(By.CSS_SELECTOR, ".modal #id_description") \
        .send_keys(description)
    browser.find_element(By.CSS_SELECTOR,
                         '.modal input[type="submit"]').click()


def test_markup_in_names_and_descriptions_is_text_on_every_page_and_message(
        browser, cloud, demo_session, artifacts, marked_server):
    server = marked_server
    # The form, and its error message (Nova refuses once).
    modal = open_quick_backup(browser, cloud, server)
    # The instance's name is in the default backup name (an attribute;
    # Horizon's escaping turns "{$" into "{%" there too).
    assert shows_text(modal.find_element(By.ID, "id_name").get_attribute(
        "value"), PAYLOAD + "-backup-")
    assert_inert(browser, artifacts, "form")
    fault(demo_session, cloud, r"/servers/%s/backup_instance$" % server)
    submit_form(browser, NAME, DESCRIPTION)
    _message, text = wait_message(browser, "danger")
    assert shows_text(text, PAYLOAD), text
    assert_inert(browser, artifacts, "form_error")

    # Its success message, with the link to the backup.
    open_quick_backup(browser, cloud, server)
    submit_form(browser, NAME, DESCRIPTION)
    message, text = wait_message(browser, "success")
    assert shows_text(text, NAME) and shows_text(text, PAYLOAD), text
    image_id = text.rsplit("Image ID:", 1)[1].strip()
    assert message.find_elements(By.CSS_SELECTOR, "a.quick-backup-link")
    assert_inert(browser, artifacts, "form_success")
    try:
        cloud_api.wait_image_active(demo_session, image_id)
        cloud_api.wait_idle(demo_session, server)
        check_panel_pages(browser, cloud, demo_session, artifacts, server,
                          image_id)
    finally:
        cloud_api.delete_backup(demo_session, image_id)


def check_panel_pages(browser, cloud, demo_session, artifacts, server,
                      image_id):
    open_backups(browser, cloud)
    row = wait_cells(browser, "backups", image_id, lambda cells: {
        title: text_of(cell) for title, cell in cells.items()}
        if text_of(cells["Status"]) == "Active" else None)
    assert shows_text(row["Name"], NAME)
    assert shows_text(row["Instance"], PAYLOAD)
    assert row["Description"].startswith("Dx'\"><script>")  # truncated
    assert_inert(browser, artifacts, "table")

    browser.get(cloud.horizon_url + "project/quick_backups/%s/" % image_id)
    page = wait(browser).until(ec.visibility_of_element_located(
        (By.CSS_SELECTOR, ".quick-backup-detail")))
    assert shows_text(text_of(browser.find_element(
        By.CSS_SELECTOR, ".detail-header .h1")), NAME)
    for shown in (PAYLOAD, DESCRIPTION):
        assert shows_text(text_of(page), shown)
    assert_inert(browser, artifacts, "detail")

    browser.get(cloud.horizon_url + "project/instances/%s/?tab=instance_"
                "details__quick_backups" % server)
    tab = wait(browser).until(ec.visibility_of_element_located(
        (By.ID, "instance_backups")))
    assert shows_text(text_of(tab), NAME)
    assert_inert(browser, artifacts, "instance_tab")

    # Restore: its form, an error (Nova refuses once), then success.
    for outcome in ("danger", "success"):
        open_backups(browser, cloud)
        click_row_action(browser, "backups", image_id, "restore")
        warning = wait(browser).until(ec.visibility_of_element_located(
            (By.CSS_SELECTOR, ".modal .quick-backup-restore-warning")))
        assert shows_text(text_of(warning), PAYLOAD)
        assert shows_text(text_of(warning), NAME)
        assert_inert(browser, artifacts, "restore_form")
        if outcome == "danger":
            fault(demo_session, cloud, r"/servers/%s/action$" % server)
        browser.find_element(By.CSS_SELECTOR,
                             '.modal input[type="submit"]').click()
        _message, text = wait_message(browser, outcome)
        assert shows_text(text, PAYLOAD), text
        assert_inert(browser, artifacts, "restore_" + outcome)
    cloud_api.wait_idle(demo_session, server)

    # Delete: the confirmation names the backup, then the message.
    open_backups(browser, cloud)
    click_row_action(browser, "backups", image_id, "delete")
    confirm = wait(browser).until(ec.element_to_be_clickable(
        (By.CSS_SELECTOR, ".modal .modal-footer .btn-danger")))
    assert shows_text(text_of(browser.find_element(
        By.CSS_SELECTOR, ".modal .modal-body")),
        html.escape(NAME) if CONFIRM_ESCAPES_AGAIN else NAME)
    assert_inert(browser, artifacts, "delete_confirm")
    confirm.click()
    _message, text = wait_message(browser, "info")
    assert shows_text(text, NAME), text
    assert_inert(browser, artifacts, "deleted")
    assert cloud_api.image_gone(demo_session, image_id)
