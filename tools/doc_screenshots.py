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

"""The user guide's screenshots and command output, from the local cloud.

    .venv/bin/python -m tools.doc_screenshots   # about 2.5 minutes

Starts devcloud and Horizon in a temporary directory (nothing is left
behind), drives headless Chromium with the browser tests' helpers
(``tests/integration/browser.py``) as the ``demo`` user, and writes the
PNGs into ``doc/source/user/images/`` (palette PNGs, each under
``MAX_BYTES``; the Backup Plans one by ``tools/plan_screenshots.py``) and
the ``openstack`` command's output into
``doc/source/user/cli-session.txt``. Run it again after a change to what
the dashboard shows; it overwrites every file it writes.
"""

import contextlib
import io
import os
import pathlib
import subprocess
import sys
import tempfile
import time

from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec

from devcloud.bootstrap import login
from devcloud.cloud import Cloud
from devcloud import openrc
from tests.integration import browser as pages
from tests.integration import cloud as cloud_api
from tools import plan_screenshots

ROOT = pathlib.Path(__file__).resolve().parents[1]
IMAGES = ROOT / "doc" / "source" / "user" / "images"
CLI_SESSION = ROOT / "doc" / "source" / "user" / "cli-session.txt"
MAX_BYTES = 200 * 1024
# Bootstrap's fade of a modal lasts 0.3 s.
FADE_SECONDS = 0.6
WINDOW = (1280, 940)
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")


@contextlib.contextmanager
def chromium(home):
    """Headless Chromium in English, its profile under ``home``."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-sync",
                 "--disable-component-update", "--hide-scrollbars",
                 "--force-device-scale-factor=1", "--lang=en-US",
                 "--window-size=%d,%d" % WINDOW,
                 "--user-data-dir=%s/profile" % home):
        options.add_argument(flag)
    service = Service(CHROMEDRIVER, env=dict(os.environ, TMPDIR=home))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()


def save(png, name):
    """Write a screenshot as a palette PNG (screens have few colours)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    path = IMAGES / name
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(
        path, optimize=True)
    size = path.stat().st_size
    print("%s: %d x %d, %d KB" % (
        path.relative_to(ROOT), image.width, image.height, size // 1024),
        flush=True)
    if size > MAX_BYTES:
        raise SystemExit("%s is over %d KB" % (name, MAX_BYTES // 1024))


# The bottom of what the page shows (its sidebar, content and open menus),
# in CSS pixels: screenshots stop there rather than at the window's end.
CONTENT_BOTTOM = """
return Math.max.apply(null, Array.from(document.querySelectorAll(
    "#content_body *, #sidebar *")).filter(function (e) {
        return e.offsetParent !== null;
    }).map(function (e) { return e.getBoundingClientRect().bottom; }));
"""


def page(browser, name):
    """The window, cut below what the page shows."""
    png = browser.get_screenshot_as_png()
    bottom = int(browser.execute_script(CONTENT_BOTTOM)) + 16
    image = Image.open(io.BytesIO(png))
    if bottom < image.height:
        cropped = io.BytesIO()
        image.crop((0, 0, image.width, bottom)).save(cropped, "PNG")
        png = cropped.getvalue()
    save(png, name)


def modal(browser, name, ready=".modal .modal-footer"):
    """Only the open modal dialog, once ``ready`` shows in it and its fade
    has ended (Horizon shows a "Loading" modal first).
    """
    pages.wait(browser).until(ec.visibility_of_element_located(
        (By.CSS_SELECTOR, ready)))
    time.sleep(FADE_SECONDS)
    dialogs = [d for d in browser.find_elements(
        By.CSS_SELECTOR, ".modal .modal-content") if d.is_displayed()]
    save(dialogs[-1].screenshot_as_png, name)


def quick_backup_shots(browser, cloud, demo):
    """The row menu, the form (also for a volume-backed instance) and the
    message; returns the new backup's image id.
    """
    servers = cloud.info["servers"]
    cloud_api.wait_idle(demo, servers["web-1"])
    pages.open_instances(browser, cloud)
    row = browser.find_element(
        By.CSS_SELECTOR, 'tr[data-object-id="%s"]' % servers["web-1"])
    row.find_element(By.CSS_SELECTOR, ".dropdown-toggle").click()
    pages.wait(browser).until(ec.visibility_of_element_located(
        (By.ID, "instances__row_%s__action_quick_backup" % servers["web-1"])))
    page(browser, "instances-row-menu.png")

    pages.open_quick_backup(browser, cloud, servers["vol-1"])
    modal(browser, "quick-backup-form-volume.png")
    pages.open_instances(browser, cloud)  # leaves the form unsent

    pages.open_quick_backup(browser, cloud, servers["web-1"])
    name = browser.find_element(By.CSS_SELECTOR, ".modal #id_name")
    name.clear()
    name.send_keys("web-1 nightly")
    browser.find_element(By.CSS_SELECTOR, ".modal #id_description") \
        .send_keys("before the upgrade")
    modal(browser, "quick-backup-form.png")
    browser.find_element(
        By.CSS_SELECTOR, '.modal input[type="submit"]').click()
    _message, text = pages.wait_message(browser, "success")
    page(browser, "quick-backup-success.png")
    return text.rsplit("Image ID:", 1)[1].strip()


def backups_shots(browser, cloud, demo, web_backup):
    """The panel, a backup's page, the instance's tab, Restore and Delete
    (both cancelled).
    """
    servers = cloud.info["servers"]
    cloud_api.wait_image_active(demo, web_backup)
    cloud_api.make_backup(demo, servers["db-1"], "db-1 weekly",
                          "kept four weeks")
    cloud_api.make_backup(demo, servers["vol-1"], "vol-1 before resize")
    pages.open_backups(browser, cloud)
    pages.wait_cells(browser, "backups", web_backup,
                     lambda row: pages.text_of(row["Status"]) == "Active")
    page(browser, "backups-panel.png")

    pages.click_row_action(browser, "backups", web_backup, "restore")
    modal(browser, "backups-restore.png",
          ready=".modal .quick-backup-restore-warning")
    pages.open_backups(browser, cloud)  # leaves the dialog unsent
    pages.click_row_action(browser, "backups", web_backup, "delete")
    modal(browser, "backups-delete.png",
          ready=".modal .modal-footer .btn-danger")

    browser.get(cloud.horizon_url + "project/quick_backups/%s/" % web_backup)
    pages.wait(browser).until(ec.visibility_of_element_located(
        (By.CSS_SELECTOR, ".quick-backup-detail")))
    page(browser, "backup-detail.png")

    browser.get(cloud.horizon_url + "project/instances/%s/"
                "?tab=instance_details__quick_backups" % servers["web-1"])
    pages.wait(browser).until(ec.visibility_of_element_located(
        (By.CSS_SELECTOR, "#instance_details__quick_backups")))
    page(browser, "instance-backups-tab.png")


def cli_session(cloud, demo):
    """Run the two openstack commands as a user would, and keep what they
    printed (image ids and times change from run to run).
    """
    env = dict(os.environ, **openrc.environment(cloud.info))
    for name in openrc.UNSET:
        env.pop(name, None)
    openstack = os.path.join(os.path.dirname(sys.executable), "openstack")
    cloud_api.wait_idle(demo, cloud.info["servers"]["web-1"])
    lines = []
    for args in (["server", "quick-backup", "web-1", "--name",
                  "web-1 before patching", "--wait"],
                 ["server", "quick-backup", "list"]):
        done = subprocess.run([openstack] + args, env=env, check=True,
                              capture_output=True, text=True, timeout=300)
        shown = ["'%s'" % a if " " in a else a for a in args]
        lines.append("$ openstack " + " ".join(shown))
        lines.append(done.stdout.rstrip())
    CLI_SESSION.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("%s written" % CLI_SESSION.relative_to(ROOT))


def main():
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="doc-screenshots-") as home:
        os.environ["TMPDIR"] = home
        with Cloud(os.path.join(home, "cloud")) as cloud:
            demo = login(cloud.info["auth_url"], cloud.info["demo"])
            with chromium(home) as browser:
                web_backup = quick_backup_shots(browser, cloud, demo)
                backups_shots(browser, cloud, demo, web_backup)
                plan_screenshots.plans_shots(browser, cloud, demo, page)
            cli_session(cloud, demo)
    return 0


if __name__ == "__main__":
    sys.exit(main())
