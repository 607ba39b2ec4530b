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


"""On a cloud without Mistral (the oldest series' local cloud), the Backup
Plans panel says so and gives the cron recipe; the Instances page offers
no Add to Backup Plan; the command says so too. Never an error page."""

import pytest

from tests.integration import horizon_http
from tests.integration import test_osc_cloud

PLANS = "project/backup_plans/"
INSTANCES = "project/instances/"


@pytest.fixture(scope="module")
def demo(cloud):
    if "workflowv2" in cloud.info["endpoints"]:
        pytest.skip("this series' local cloud runs Mistral (the unit tests "
                    "cover a catalog without it)")
    return horizon_http.Horizon(cloud.horizon_url, cloud.info["demo"])


def test_the_plans_panel_explains_and_gives_the_cron_recipe(demo):
    page = demo.get(PLANS, follow=True)
    assert page.status_code == 200
    assert "does not offer" in page.text
    assert "crontab" in page.text
    assert "Traceback" not in page.text


def test_the_instances_page_offers_no_add_to_backup_plan(demo):
    page = demo.get(INSTANCES, follow=True)
    assert page.status_code == 200
    assert "Quick Backup" in page.text
    assert "Add to Backup Plan" not in page.text


def test_the_plan_command_says_this_cloud_has_no_mistral(cloud, demo):
    answer = test_osc_cloud.openstack(cloud, "server", "quick-backup",
                                      "plan", "list")
    assert answer.returncode == 1
    assert "no workflow service (Mistral" in answer.stderr
    assert "Traceback" not in answer.stderr
