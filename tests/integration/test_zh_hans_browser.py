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

"""The dashboard in Simplified Chinese, as a user gets it: log in, pick
简体中文 on Horizon's settings page (Horizon 27's login page offers no
language), and back up an instance, reading the Chinese message."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select

from tests.integration.browser import login
from tests.integration.browser import quick_backup
from tests.integration.browser import screenshot
from tests.integration.browser import text_of
from tests.integration.browser import wait
from tests.integration.browser import wait_message
from tests.integration.cloud import servers
from tests.integration.cloud import wait_idle
from tests.integration.cloud import wait_image_active

pytestmark = pytest.mark.browser

LANGUAGE_COOKIE = "horizon_language"  # Horizon's LANGUAGE_COOKIE_NAME


@pytest.fixture
def chinese(browser, cloud):
    """Chinese picked on the settings page; English again afterwards (the
    browser is shared with the other tests)."""
    login(browser, cloud)
    browser.get(cloud.horizon_url + "settings/")
    field = wait(browser).until(ec.presence_of_element_located(
        (By.ID, "id_language")))
    Select(field).select_by_value("zh-hans")
    field.find_element(By.XPATH, "ancestor::form").find_element(
        By.CSS_SELECTOR, '[type="submit"]').click()
    wait(browser).until(lambda b: (b.get_cookie(LANGUAGE_COOKIE) or {}).get(
        "value") == "zh-hans")
    yield
    browser.delete_cookie(LANGUAGE_COOKIE)


def test_a_chinese_user_backs_up_an_instance(browser, cloud, demo_session,
                                             artifacts, chinese):
    db = servers(demo_session)["db-1"]
    wait_idle(demo_session, db["id"])

    quick_backup(browser, cloud, db["id"], "db-1 每日备份", "升级之前",
                 artifacts, shot="zh_hans_quick_backup_modal.png")

    message, text = wait_message(browser, "success")
    screenshot(browser, artifacts, "zh_hans_quick_backup_success.png")
    assert '实例“db-1”的快速备份“db-1 每日备份”已开始。镜像 ID：' in text
    image_id = text_of(message.find_element(By.CSS_SELECTOR, "p a"))
    made = wait_image_active(demo_session, image_id)
    assert made["name"] == "db-1 每日备份"
    assert made["description"] == "升级之前"

    browser.get(cloud.horizon_url + "project/quick_backups/")
    wait(browser).until(ec.presence_of_element_located((By.ID, "backups")))
    headers = [text_of(th) for th in browser.find_elements(
        By.CSS_SELECTOR, "#backups thead tr:last-child th")]
    assert {"名称", "实例", "描述", "状态", "进度"} <= set(headers)
    screenshot(browser, artifacts, "zh_hans_backups.png")
