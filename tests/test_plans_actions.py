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

"""A backup plan's page and what the Plans table and form do with a plan,
on a fake Mistral: create, edit, pause, resume, run now, delete."""

import json
import types

from django.urls import reverse

from backup_dashboard import urlnames
from quick_backup_client.plans import schedule
from tests import fake_mistral_client
from tests import helpers
from tests.test_plans_panel import make_plan
from tests.test_plans_panel import PlansTestCase

OTHER_PLAN = "5f1e2d3c-4b5a-4968-8776-655443322110"


def execution(plan, state="SUCCESS", results=(), scheduled=True,
              info=None, run_id="e1"):
    trigger = "cron_trigger" if scheduled else "user"
    return types.SimpleNamespace(
        id=run_id, state=state, state_info=info,
        created_at="2026-11-30 02:00:00", updated_at="2026-11-30 02:04:00",
        input=json.dumps({"plan": plan.id}),
        description=json.dumps({"triggered_by": {"type": trigger}}),
        output=json.dumps({"results": list(results)}))


class DetailTests(PlansTestCase):

    def test_the_plans_page_shows_its_runs_with_what_each_made_and_why(
            self):
        plan = self.mistral.add(make_plan("nightly", [self.server.id]))
        self.mistral.runs.append(execution(plan, results=[
            {"server": self.server.id, "server_name": "vm",
             "outcome": "made", "image": helpers.IMAGE_ID,
             "deleted": ["x", "y"]}]))
        self.mistral.runs.append(execution(
            plan, state="ERROR", scheduled=False, run_id="e2", results=[
                {"server": self.server.id, "step": "backup",
                 "error": "secret (HTTP 413)"}]))
        self.mock_servers()

        res = self.client.get(reverse(urlnames.PLAN_DETAIL, args=[plan.id]))

        self.assertEqual(["environments.get", "cron_triggers.get",
                          "environments.get", "executions.list"],
                         self.mistral.calls)
        self.assertEqual(1, self.http.call_count)
        self.assertContains(res, 'id="run-e1"')
        self.assertContains(res, reverse(urlnames.BACKUP_DETAIL,
                                         args=[helpers.IMAGE_ID]))
        self.assertContains(res, "2 backups")
        self.assertContains(res, "Run now")
        self.assertContains(res, "quota does not allow")
        self.assertNotContains(res, "secret")

    def test_a_run_that_kept_protected_backups_says_how_many(self):
        plan = self.mistral.add(make_plan("nightly", [self.server.id]))
        self.mistral.runs.append(execution(plan, results=[
            {"server": self.server.id, "server_name": "vm",
             "outcome": "made", "image": helpers.IMAGE_ID,
             "deleted": ["x"], "protected_kept": 2}]))
        self.mock_servers()

        res = self.client.get(reverse(urlnames.PLAN_DETAIL, args=[plan.id]))

        self.assertContains(res, "1 backup; kept 2 protected backups")

    def test_a_firing_that_started_no_run_is_shown_with_what_to_do(self):
        # Due at 02:00 on 30 November (before the next, 1 December): the
        # trust was refused, so Mistral started nothing.
        plan = self.mistral.add(make_plan("nightly", [self.server.id]))
        self.mock_servers()

        res = self.client.get(reverse(urlnames.PLAN_DETAIL, args=[plan.id]))

        self.assertContains(res, "did not start")
        self.assertContains(res, "edit and save the plan to renew it")

    def test_a_firing_whose_run_started_is_not_missed(self):
        plan = self.mistral.add(make_plan("nightly", [self.server.id]))
        self.mistral.runs.append(execution(plan))
        self.mock_servers()

        res = self.client.get(reverse(urlnames.PLAN_DETAIL, args=[plan.id]))

        self.assertNotContains(res, "did not start")

    def test_another_projects_plan_is_no_such_plan_and_back_to_the_list(
            self):
        res = self.client.get(reverse(urlnames.PLAN_DETAIL,
                                      args=[OTHER_PLAN]))
        self.assertRedirects(res, self.index, fetch_redirect_response=False)
        self.assertIn(("error", "There is no such backup plan in this "
                                "project."), self.messages(res))

    def test_mistral_down_on_the_plans_page_is_a_message_not_a_500(self):
        self.mistral.fail["*"] = fake_mistral_client.api_error(503)
        res = self.client.get(reverse(urlnames.PLAN_DETAIL,
                                      args=[OTHER_PLAN]))
        self.assertRedirects(res, self.index, fetch_redirect_response=False)


class FormTests(PlansTestCase):

    def form(self, **changes):
        data = {"name": "nightly", "instances": [self.server.id],
                "preset": "weekly", "time": "02:30", "weekday": "0",
                "cron": "", "keep_last": "7", "keep_daily": "",
                "keep_weekly": "4", "keep_monthly": ""}
        data.update(changes)
        return data

    def test_create_saves_a_plan_in_utc_from_the_users_time_zone(self):
        self.mock_servers()
        self.client.cookies["django_timezone"] = "Asia/Tokyo"

        res = self.client.post(reverse(urlnames.PLAN_CREATE), self.form())

        self.assertRedirects(res, self.index, fetch_redirect_response=False)
        (plan_id,) = {name.rsplit("_", 1)[-1] for name in self.mistral.envs}
        plan = self.mistral.plan(plan_id)
        # Monday 02:30 in Tokyo is Sunday 17:30 UTC.
        self.assertEqual("30 17 * * 0", plan.cron)
        self.assertEqual(4, plan.retention.keep_weekly)
        self.assertIn(plan.env_name, self.mistral.triggers)

    def test_the_same_form_submitted_twice_saves_one_plan(self):
        self.mock_servers()
        page = self.client.get(reverse(urlnames.PLAN_CREATE))
        plan_id = page.context["form"].initial["plan_id"]
        form = self.form(plan_id=plan_id)

        first = self.client.post(reverse(urlnames.PLAN_CREATE), form)
        calls = len(self.mistral.calls)
        again = self.client.post(reverse(urlnames.PLAN_CREATE),
                                 self.form(plan_id=plan_id, name="other"))

        for res in (first, again):
            self.assertRedirects(res, self.index,
                                 fetch_redirect_response=False)
        self.assertIn(("info", 'Backup plan "other" was saved already.'),
                      self.messages(again))
        self.assertEqual({"quick_backup_plan_" + plan_id,
                          "quick_backup_plan_last_" + plan_id},
                         set(self.mistral.envs))
        self.assertEqual("nightly", self.mistral.plan(plan_id).name)
        # The repeat tried the plan once and undid nothing.
        self.assertEqual(["environments.create"],
                         [call for call in self.mistral.calls[calls:]
                          if not call.startswith("workflows")])

    def test_a_cron_pattern_is_taken_as_utc(self):
        self.mock_servers()
        self.client.post(reverse(urlnames.PLAN_CREATE), self.form(
            preset="cron", cron="*/10  * * * *"))
        (trigger,) = self.mistral.triggers.values()
        self.assertEqual("*/10 * * * *", trigger.pattern)

    def test_a_bad_time_or_pattern_is_a_field_error_and_saves_nothing(self):
        self.mock_servers()
        for changes in ({"time": "25:00"}, {"preset": "cron",
                                            "cron": "every day"}):
            res = self.client.post(reverse(urlnames.PLAN_CREATE),
                                   self.form(**changes))
            self.assertEqual(200, res.status_code)
            self.assertTrue(res.context["form"].errors)
        self.assertEqual({}, self.mistral.envs)

    def test_keeping_nothing_is_refused(self):
        self.mock_servers()
        res = self.client.post(reverse(urlnames.PLAN_CREATE), self.form(
            keep_last="0", keep_weekly=""))
        self.assertIn("keep_last", res.context["form"].errors)

    def test_mistral_refusing_the_save_is_a_message_not_a_500(self):
        self.mock_servers()
        self.mistral.fail["environments.create"] = \
            fake_mistral_client.api_error(403)
        res = self.client.post(reverse(urlnames.PLAN_CREATE), self.form())
        self.assertContains(res, "You are not allowed to do this with "
                            "backup plans in this project.")
        self.assertEqual({}, self.mistral.envs)

    def test_edit_shows_the_plan_in_the_users_zone_and_replaces_it(self):
        plan = self.mistral.add(make_plan("nightly", [self.server.id],
                                          time_text="23:00"))
        self.mock_servers()
        url = reverse(urlnames.PLAN_EDIT, args=[plan.id])
        self.client.cookies["django_timezone"] = "Asia/Tokyo"

        res = self.client.get(url)
        self.assertEqual("08:00", res.context["form"].initial["time"])

        self.client.post(url, self.form(name="renamed", preset="daily",
                                        time="08:00"))
        saved = self.mistral.plan(plan.id)
        self.assertEqual(("renamed", "0 23 * * *"), (saved.name, saved.cron))
        self.assertIn("cron_triggers.delete", self.mistral.calls)


class ActionTests(PlansTestCase):

    def act(self, action, plan):
        self.mock_servers()
        return self.client.post(self.index, {
            "action": "plans__%s__%s" % (action, plan.id)})

    def test_pause_removes_the_trigger_and_resume_brings_it_back(self):
        plan = self.mistral.add(make_plan("nightly", [self.server.id]))
        self.act("pause", plan)
        self.assertTrue(self.mistral.plan(plan.id).paused)
        self.assertEqual({}, self.mistral.triggers)
        self.act("resume", self.mistral.plan(plan.id))
        self.assertFalse(self.mistral.plan(plan.id).paused)
        self.assertIn(plan.env_name, self.mistral.triggers)

    def test_run_now_starts_one_execution_of_the_plan(self):
        plan = self.mistral.add(make_plan("nightly", [self.server.id]))
        self.act("run_now", plan)
        (started,) = self.mistral.runs
        self.assertEqual({"plan": plan.id}, json.loads(started.input))

    def test_delete_removes_the_plan_its_trigger_and_its_record(self):
        plan = self.mistral.add(make_plan("nightly", [self.server.id]))
        self.act("delete", plan)
        self.assertEqual(({}, {}), (self.mistral.envs, self.mistral.triggers))

    def test_a_403_on_delete_says_not_allowed_and_keeps_the_plan(self):
        plan = self.mistral.add(make_plan("nightly", [self.server.id]))
        self.mistral.fail["cron_triggers.delete"] = \
            fake_mistral_client.api_error(403)
        res = self.act("delete", plan)
        self.assertEqual(302, res.status_code)
        self.assertIn("not allowed", str(self.messages(res)))
        self.assertIsNotNone(self.mistral.plan(plan.id))


class ScheduleWordsTests(PlansTestCase):

    def test_each_kind_of_schedule_has_words(self):
        from backup_dashboard.panels.plans import words
        for pattern, expected in (
                ("0 2 * * *", "Daily at 02:00"),
                ("0 2 * * 1", "Every Monday at 02:00"),
                ("0 2 5 * *", "Monthly on day 5 at 02:00"),
                ("15 * * * *", "Every hour at minute 15"),
                ("*/5 * * * *", "Every 5 minutes"),
                ("* * * * *", "Every minute"),
                ("0 2 * 1 *", "Cron 0 2 * 1 * (UTC)")):
            self.assertEqual(expected, str(words.schedule_words(
                schedule.check_cron(pattern), "UTC")))
