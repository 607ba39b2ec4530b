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

"""The user guide's Backup Plans screenshot, for tools/doc_screenshots.py:
the panel with three plans of the demo project, one of them run.

The plans are made as the command makes them (the plans library, with the
``demo`` user's token, on the cloud's real Mistral); the run is a real one
(Run now), waited for until the list shows its result.
"""

import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec

from quick_backup_client.plans import retention
from quick_backup_client.plans import schedule
from quick_backup_client.plans import spec
from quick_backup_client.plans import store
from tests.integration import browser as pages

PLANS = "project/backup_plans/"
# How long the run may take to make its backup and apply retention.
RUN_SECONDS = 180


def make_plans(demo, servers):
    """Three plans as a user would keep them; returns the one run now."""
    mistral = store.connect(session=demo)
    project_id = demo.get_project_id()
    nightly, weekly, monthly = (
        spec.make("web nightly", [servers["web-1"]], schedule.DAILY,
                  "02:00", timezone="UTC",
                  retention=retention.Retention(keep_last=7)),
        spec.make("databases weekly", [servers["db-1"], servers["vol-1"]],
                  schedule.WEEKLY, "03:30", weekday=6, timezone="UTC",
                  retention=retention.Retention(keep_last=2, keep_weekly=4)),
        spec.make("archive monthly", [servers["vol-1"]], schedule.CRON,
                  "0 4 1 * *", paused=True,
                  retention=retention.Retention(keep_monthly=12)))
    for plan in (nightly, weekly, monthly):
        store.create(mistral, project_id, plan)
    store.run_now(mistral, project_id, nightly)
    return nightly


def last_result(browser, plan_id):
    """The row's Last Result, as read."""
    return pages.wait_cells(browser, "plans", plan_id,
                            lambda row: pages.text_of(row["Last Result"]))


def plans_shots(browser, cloud, demo, page):
    """The panel, once the plan run now shows its result (``page`` saves
    the window).
    """
    if "workflowv2" not in cloud.info["endpoints"]:
        raise SystemExit("this local cloud runs no Mistral: no plans shot")
    ran = make_plans(demo, cloud.info["servers"])
    deadline = time.monotonic() + RUN_SECONDS
    while True:
        browser.get(cloud.horizon_url + PLANS)
        pages.wait(browser).until(ec.presence_of_element_located(
            (By.ID, "plans")))
        result = last_result(browser, ran.id)
        if result.startswith(("Succeeded", "Failed")):
            break
        if time.monotonic() > deadline:
            raise SystemExit("the plan's run showed no result in %d s: %s"
                             % (RUN_SECONDS, result))
        time.sleep(5)
    if not result.startswith("Succeeded"):
        raise SystemExit("the plan's run failed: %s" % result)
    page(browser, "plans-panel.png")
