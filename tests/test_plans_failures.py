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

"""The Plans panel when Mistral fails a step: an edit whose new trigger is
refused leaves the plan as it was (or says, once, that it could not), and
Mistral's 401 gets Horizon's answer to an expired login, as Nova's does;
and when a plan's definition was damaged by hand."""

from django.urls import reverse
from django.utils.html import escape
from openstack_dashboard.test import helpers as horizon_helpers

from backup_dashboard.panels.plans import errors
from backup_dashboard.panels.plans import words
from backup_dashboard import urlnames
from quick_backup_client.plans import workflow
from tests import fake_mistral_client
from tests import helpers
from tests.test_exceptions import assert_logged_out
from tests.test_plans_panel import make_plan
from tests.test_plans_panel import PlansTestCase

EDIT = {"name": "renamed", "preset": "cron", "cron": "0 * * * *",
        "time": "", "weekday": "0", "keep_last": "7", "keep_daily": "",
        "keep_weekly": "", "keep_monthly": ""}


class FailedEditTests(PlansTestCase):

    def edit(self, plan, *failures):
        self.mock_servers()
        self.mistral.fail_at["cron_triggers.create"] = {
            n: fake_mistral_client.api_error(503)
            for n in range(1, 1 + len(failures))}
        return self.client.post(reverse(urlnames.PLAN_EDIT, args=[plan.id]),
                                dict(EDIT, instances=[self.server.id]))

    def test_an_edit_whose_new_trigger_is_refused_leaves_the_plan_as_it_was(
            self):
        plan = self.mistral.add(make_plan("nightly", [self.server.id]))

        res = self.edit(plan, "the edit's trigger")

        self.assertContains(res, escape('Unable to save backup plan '
                                        '"renamed". %s' % errors.UNAVAILABLE))
        self.assertEqual(plan, self.mistral.plan(plan.id))
        trigger = self.mistral.triggers[plan.env_name]
        self.assertEqual(plan.cron, trigger.pattern)
        self.assertEqual(2, self.mistral.calls.count("cron_triggers.create"))

    def test_an_edit_that_cannot_be_put_back_says_edit_it_again(self):
        plan = self.mistral.add(make_plan("nightly", [self.server.id]))

        res = self.edit(plan, "the edit's trigger", "the old one again")

        self.assertContains(res, escape('Unable to save backup plan '
                                        '"renamed". %s' % errors.NOT_RESTORED),
                            count=1)
        self.assertNotContains(res, "secret")
        self.assertEqual({}, self.mistral.triggers)


class MistralUnauthorizedTests(PlansTestCase):

    def setUp(self):
        super().setUp()
        self.plan = self.mistral.add(make_plan("nightly", [self.server.id]))
        self.mock_servers()

    def refuse_the_token(self):
        self.mistral.fail["*"] = fake_mistral_client.api_error(401)

    def test_a_401_on_the_plans_page_asks_for_a_new_login(self):
        self.refuse_the_token()
        assert_logged_out(self, self.client.get(self.index),
                          "Unable to list backup plans.")

    def test_a_401_on_a_plans_page_asks_for_a_new_login(self):
        self.refuse_the_token()
        assert_logged_out(self, self.client.get(reverse(
            urlnames.PLAN_DETAIL, args=[self.plan.id])),
            "Unable to retrieve the backup plan.")

    def test_a_401_saving_the_form_asks_for_a_new_login(self):
        url = reverse(urlnames.PLAN_EDIT, args=[self.plan.id])
        self.client.get(url)
        self.mistral.fail["environments.update"] = \
            fake_mistral_client.api_error(401)
        assert_logged_out(self, self.client.post(url, dict(
            EDIT, instances=[self.server.id])),
            'Unable to save backup plan "renamed".')

    @horizon_helpers.create_mocks(helpers.INSTANCE_PAGE_MOCKS)
    def test_a_401_in_the_instances_plans_tab_asks_for_a_new_login(self):
        helpers.answer_instance_page(self)
        self.refuse_the_token()
        res = self.client.get(reverse(
            urlnames.INSTANCE_DETAIL, args=[self.server.id]) +
            "?tab=instance_details__backup_plans")
        # Horizon's tab group and tab view each handle it (a second, empty
        # "Unauthorized:" of Horizon's own, as for any service's 401).
        self.assertEqual(403, res.status_code)
        self.assertTemplateUsed(res, "not_authorized.html")
        page = res.content.decode()
        self.assertEqual(1, page.count("Unauthorized: Unable to list backup "
                                       "plans."))
        self.assertNotIn("secret", page)

    def test_a_401_on_a_table_action_asks_for_a_new_login(self):
        self.mistral.fail["executions.create"] = \
            fake_mistral_client.api_error(401)
        res = self.client.post(self.index, {
            "action": "plans__run_now__%s" % self.plan.id})
        self.assertEqual(302, res.status_code)
        self.assertEqual([("error", "Unauthorized: %s" %
                           errors.LOGIN_EXPIRED)], self.messages(res))
        self.assertEqual([], self.mistral.runs)


class DamagedPlanTests(PlansTestCase):

    def setUp(self):
        super().setUp()
        self.good = self.mistral.add(make_plan("good", [self.server.id]))
        self.bad = self.mistral.add(make_plan("bad", [self.server.id]))
        self.mistral.envs[self.bad.env_name][workflow.ENV_KEY][
            "retention"] = {"keep_last": "seven"}
        self.mock_servers()
        self.said = escape(words.DAMAGED % "retention")

    def test_a_damaged_plan_is_one_row_that_says_so_beside_the_others(self):
        res = self.client.get(self.index)

        self.assertEqual(200, res.status_code)
        self.assertEqual(sorted([self.bad.id, self.good.id]), [
            row.id for row in res.context["table"].data])
        self.assertContains(res, self.said, count=1)
        self.assertContains(res, "Daily at 02:00")
        self.assertNotContains(res, reverse(urlnames.PLAN_EDIT,
                                            args=[self.bad.id]))
        self.assertContains(res, reverse(urlnames.PLAN_EDIT,
                                         args=[self.good.id]))
        for action in ("run_now", "pause"):
            self.assertNotContains(res, "plans__%s__%s" % (action,
                                                           self.bad.id))
        self.assertContains(res, "plans__delete__%s" % self.bad.id)

    def test_a_damaged_plans_page_says_so(self):
        res = self.client.get(reverse(urlnames.PLAN_DETAIL,
                                      args=[self.bad.id]))
        self.assertContains(res, self.said, count=1)

    def test_a_damaged_plan_is_not_edited_but_explained(self):
        res = self.client.get(reverse(urlnames.PLAN_EDIT,
                                      args=[self.bad.id]))
        self.assertRedirects(res, self.index, fetch_redirect_response=False)
        self.assertIn(("error", str(words.DAMAGED % "retention")),
                      self.messages(res))

    def test_a_damaged_plan_can_be_deleted(self):
        self.client.post(self.index, {
            "action": "plans__delete__%s" % self.bad.id})
        self.assertEqual({self.good.env_name, self.good.last_env_name},
                         set(self.mistral.envs))
