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

"""The plan form's "Require consistency": saved, shown again for editing,
said on the plan's page, and a refused instance's reason in the run
history."""

from django.urls import reverse

from backup_dashboard import urlnames
from tests import test_plans_actions
from tests.test_plans_actions import execution
from tests.test_plans_panel import make_plan
from tests.test_plans_panel import PlansTestCase


class RequireConsistencyFormTests(PlansTestCase):

    form = test_plans_actions.FormTests.form

    def test_the_checkbox_is_saved_with_the_plan_and_shown_again(self):
        self.mock_servers()
        self.client.post(reverse(urlnames.PLAN_CREATE),
                         self.form(require_consistency="on"))
        (plan_id,) = {name.rsplit("_", 1)[-1] for name in self.mistral.envs}
        self.assertTrue(self.mistral.plan(plan_id).require_consistency)

        res = self.client.get(reverse(urlnames.PLAN_EDIT, args=[plan_id]))
        self.assertTrue(res.context["form"].initial["require_consistency"])
        self.assertContains(res, "enforces the freeze only where")

    def test_unchecked_means_not_required(self):
        self.mock_servers()
        self.client.post(reverse(urlnames.PLAN_CREATE), self.form())
        (plan_id,) = {name.rsplit("_", 1)[-1] for name in self.mistral.envs}
        self.assertFalse(self.mistral.plan(plan_id).require_consistency)


class RequireConsistencyPageTests(PlansTestCase):

    def test_the_page_says_it_and_why_an_instance_was_not_backed_up(self):
        plan = self.mistral.add(make_plan(
            "nightly", [self.server.id]).replace(require_consistency=True))
        self.mistral.runs.append(execution(plan, state="ERROR", results=[
            {"server": self.server.id, "server_name": "vm",
             "outcome": "not_consistent", "step": "get_server",
             "error": "crash"}]))
        self.mock_servers()

        res = self.client.get(reverse(urlnames.PLAN_DETAIL, args=[plan.id]))

        self.assertContains(res, "Required: only instances expected")
        self.assertContains(res, "has no guest agent")
        self.assertEqual(1, self.http.call_count)
