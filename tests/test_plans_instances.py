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

"""Backup plans from the Instances side, on a fake Mistral: "Add to
Backup Plan" on the Instances table and its form, and the Backup Plans tab
of an instance's page (requests counted)."""

from unittest import mock
import uuid

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from openstack_dashboard.test import helpers as horizon_helpers

from backup_dashboard.api import mistral as mistral_api
from backup_dashboard.panels.plans import instances_action
from backup_dashboard import urlnames
from quick_backup_client.plans import spec
from tests import fake_mistral_client
from tests import helpers
from tests.test_plans_panel import make_plan
from tests.test_plans_panel import PlansTestCase

LISTING = ["environments.list", "cron_triggers.list"]
TAB = 'data-target="#instance_details__backup_plans"'


def add_url(*instance_ids):
    return instances_action.form_url(urlnames.PLAN_ADD, instance_ids)


def no_mistral():
    return mock.patch.object(mistral_api, "is_available",
                             lambda request: False)


class AddActionTests(PlansTestCase):

    def test_registered_once_before_delete_instances(self):
        from openstack_dashboard.dashboards.project.instances import tables
        instances_action.add_to_instances_table()  # again: no change
        names = [a.name for a in tables.InstancesTable._meta.table_actions]
        self.assertEqual(1, names.count("add_to_plan"))
        self.assertEqual(names.index("delete") - 1,
                         names.index("add_to_plan"))

    @horizon_helpers.create_mocks(helpers.INSTANCES_PAGE_MOCKS)
    def test_the_selected_rows_open_the_form_without_loading_the_table(
            self):
        helpers.answer_instances_page(self, [self.server])
        other = str(uuid.uuid4())

        res = self.client.post(reverse(urlnames.INSTANCES), {
            "action": "instances__add_to_plan",
            "object_ids": [self.server.id, other, "not-an-id"]})

        self.assertRedirects(res, add_url(self.server.id, other),
                             fetch_redirect_response=False)
        self.assertEqual(0, self.mock_server_list_paged.call_count)
        self.assertEqual([], self.mistral.calls)
        self.assertEqual(0, self.http.call_count)


class AddFormTests(PlansTestCase):

    def setUp(self):
        super().setUp()
        self.other = helpers.nova_server(self.servers.list()[1])
        self.plan = self.mistral.add(make_plan("nightly", [self.server.id]))
        self.url = add_url(self.server.id, self.other.id)

    def post(self, plan_id=None, instances=None):
        return self.client.post(self.url, {
            "plan": plan_id or self.plan.id,
            "instances": instances or [self.server.id, self.other.id]})

    def test_opening_costs_two_mistral_requests_and_one_nova_request(self):
        self.mistral.add(make_plan("weekly", [self.other.id]))
        listing = self.mock_servers([self.server, self.other])

        res = self.client.get(self.url)

        self.assertEqual(LISTING, self.mistral.calls)
        self.assertEqual(1, listing.call_count)
        self.assertEqual(1, self.http.call_count)
        self.assertContains(res, "nightly")
        self.assertContains(res, "weekly")
        self.assertContains(res, self.other.name)
        self.assertRegex(res.content.decode(), r'href="%s"\s+class="btn '
                         r'btn-default cancel"' % reverse(urlnames.INSTANCES))
        self.assertContains(res, instances_action.form_url(
            urlnames.PLAN_CREATE, [self.server.id, self.other.id]).replace(
                "&", "&amp;"))

    def test_saving_adds_the_new_instances_and_replaces_the_trigger(self):
        self.mock_servers([self.server, self.other])

        res = self.post()

        self.assertRedirects(res, reverse(urlnames.PLAN_DETAIL,
                                          args=[self.plan.id]),
                             fetch_redirect_response=False)
        self.assertEqual([self.server.id, self.other.id],
                         self.mistral.plan(self.plan.id).servers)
        self.assertEqual(LISTING, self.mistral.calls[:2])
        self.assertEqual(["environments.update", "cron_triggers.delete",
                          "cron_triggers.create"],
                         [call for call in self.mistral.calls[2:]
                          if not call.startswith("workflows.")])
        self.assertIn(("success", 'Added 1 instance to backup plan '
                                  '"nightly".'), self.messages(res))

    def test_an_instance_nova_does_not_list_here_is_never_added(self):
        # Another project's instance id, crafted into the URL and the POST:
        # Nova lists only this project's, so it is not offered nor saved.
        self.mock_servers([self.server])

        res = self.post()

        self.assertEqual(200, res.status_code)
        self.assertTrue(res.context["form"].errors)
        self.assertEqual([self.server.id],
                         self.mistral.plan(self.plan.id).servers)
        self.assertNotIn("environments.update", self.mistral.calls)

    def test_a_paused_plan_stays_paused_without_a_trigger(self):
        paused = self.mistral.add(make_plan("paused", [self.server.id],
                                            paused=True))
        self.mock_servers([self.server, self.other])
        self.post(paused.id)
        self.assertTrue(self.mistral.plan(paused.id).paused)
        self.assertEqual([self.server.id, self.other.id],
                         self.mistral.plan(paused.id).servers)
        self.assertNotIn(paused.env_name, self.mistral.triggers)

    def test_more_than_the_plans_limit_is_refused_and_nothing_saved(self):
        full = self.mistral.add(make_plan("full", [
            str(uuid.uuid4()) for _n in range(spec.SERVERS_MAX - 1)]))
        self.mock_servers([self.server, self.other])

        res = self.post(full.id)

        self.assertEqual(200, res.status_code)
        self.assertContains(res, 'A plan covers at most %d instances: '
                                 '&quot;full&quot; has %d, and with these '
                                 'it would have %d.' % (
                                     spec.SERVERS_MAX, spec.SERVERS_MAX - 1,
                                     spec.SERVERS_MAX + 1))
        self.assertNotIn("environments.update", self.mistral.calls)
        self.assertEqual(spec.SERVERS_MAX - 1,
                         len(self.mistral.plan(full.id).servers))

    def test_instances_the_plan_covers_already_are_no_update(self):
        self.mock_servers([self.server, self.other])
        res = self.post(instances=[self.server.id])
        self.assertEqual(LISTING, self.mistral.calls)
        self.assertIn(("info", 'Backup plan "nightly" already covers these '
                               'instances.'), self.messages(res))

    def test_mistrals_refusal_on_save_is_a_message_not_a_500(self):
        self.mock_servers([self.server, self.other])
        self.mistral.fail["environments.update"] = \
            fake_mistral_client.api_error(403)

        res = self.post()

        self.assertEqual(200, res.status_code)
        self.assertNotContains(res, "secret")
        self.assertContains(res, "Unable to add the instances to backup "
                                 "plan &quot;nightly&quot;. You are not "
                                 "allowed to do this with backup plans in "
                                 "this project.")

    def test_no_plans_yet_leads_to_create_with_the_instances(self):
        self.mistral.envs.clear()
        res = self.client.get(self.url)
        self.assertRedirects(res, instances_action.form_url(
            urlnames.PLAN_CREATE, [self.server.id, self.other.id]),
            fetch_redirect_response=False)
        self.assertEqual(LISTING, self.mistral.calls)

    def test_mistral_down_is_a_message_back_on_the_instances_page(self):
        self.mistral.fail["*"] = fake_mistral_client.api_error(503)
        res = self.client.get(self.url)
        self.assertRedirects(res, reverse(urlnames.INSTANCES),
                             fetch_redirect_response=False)
        self.assertIn(("error", "Unable to list backup plans. The workflow "
                                "service (Mistral) that runs backup plans "
                                "is not available right now. Try again "
                                "later."), self.messages(res))

    def test_without_mistral_or_instances_back_to_the_instances_page(self):
        for url, patcher in ((self.url, no_mistral()),
                             (add_url("not-an-id"), mock.patch.object(
                                 mistral_api, "is_available",
                                 lambda request: True))):
            with patcher:
                res = self.client.get(url)
            self.assertRedirects(res, reverse(urlnames.INSTANCES),
                                 fetch_redirect_response=False)
        self.assertEqual([], self.mistral.calls)
        self.assertEqual(0, self.http.call_count)


class InstanceTabTests(PlansTestCase):

    def setUp(self):
        super().setUp()
        self.url = reverse(urlnames.INSTANCE_DETAIL, args=[self.server.id])
        self.tab_url = self.url + "?tab=instance_details__backup_plans"

    @horizon_helpers.create_mocks(helpers.INSTANCE_PAGE_MOCKS)
    def get(self, url):
        helpers.answer_instance_page(self)
        return self.client.get(url)

    def test_the_overview_asks_mistral_nothing_and_offers_the_tab(self):
        res = self.get(self.url)
        self.assertContains(res, TAB)
        self.assertEqual([], self.mistral.calls)
        self.assertEqual(0, self.http.call_count)

    def test_without_mistral_there_is_no_tab(self):
        with no_mistral():
            res = self.get(self.url)
        self.assertNotContains(res, TAB)
        self.assertEqual([], self.mistral.calls)

    def test_the_tab_lists_the_plans_that_cover_the_instance(self):
        other = str(uuid.uuid4())
        covering = self.mistral.add(
            make_plan("nightly", [self.server.id, other]),
            last={"execution": "e1", "failed": True,
                  "finished_at": "2026-11-30 02:03:00",
                  "outcomes": [{"server": self.server.id, "outcome": "made"},
                               {"server": other, "outcome": "busy"}]})
        self.mistral.add(make_plan("elsewhere", [other]))

        res = self.get(self.tab_url)

        self.assertEqual(LISTING, self.mistral.calls)
        self.assertEqual(0, self.http.call_count)
        self.assertContains(res, '<a href="%s" >nightly</a>' % reverse(
            urlnames.PLAN_DETAIL, args=[covering.id]))
        self.assertNotContains(res, "elsewhere")
        self.assertContains(res, "Daily at 02:00")
        self.assertContains(res, "2026-12-01 02:00 UTC")
        self.assertContains(res, "Backup made 2026-11-30 02:03 UTC")
        self.assertNotContains(res, "stayed busy")  # another instance's
        self.assertContains(res, add_url(self.server.id))

    def test_a_failure_for_this_instance_links_to_its_run_and_says_why(
            self):
        plan = self.mistral.add(
            make_plan("nightly", [self.server.id]),
            last={"execution": "e2", "failed": True,
                  "finished_at": "2026-11-30 02:03:00",
                  # As the workflow records it: the step, and its error.
                  "outcomes": [{"server": self.server.id,
                                "outcome": "error", "step": "create_image",
                                "error": "NovaAction.servers_create_image "
                                         "failed: Quota exceeded (HTTP "
                                         "403)"}]})
        self.mistral.add(make_plan("new", [self.server.id]))

        res = self.get(self.tab_url)

        self.assertContains(res, '<a href="%s#run-e2">Failed</a>' % reverse(
            urlnames.PLAN_DETAIL, args=[plan.id]))
        self.assertContains(res, "quota does not allow")
        self.assertContains(res, "Not run yet")

    def test_no_plan_covers_the_instance(self):
        res = self.get(self.tab_url)
        self.assertContains(res, "No backup plan covers this instance.")

    def test_mistral_failing_is_said_in_the_tab_never_a_500(self):
        for failure in (fake_mistral_client.api_error(500),
                        ValueError("secret")):
            self.mistral.fail["*"] = failure
            res = self.get(self.tab_url)
            self.assertEqual(200, res.status_code)
            self.assertContains(res, "Unable to list the backup plans that "
                                     "cover this instance.")
            self.assertContains(res, "not available right now")
            self.assertNotContains(res, "secret")


class ChineseTests(PlansTestCase):

    def setUp(self):
        super().setUp()
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"

    def tearDown(self):
        translation.activate(settings.LANGUAGE_CODE)
        super().tearDown()

    def test_the_add_form_and_its_limit_are_in_chinese(self):
        other = helpers.nova_server(self.servers.list()[1])
        full = self.mistral.add(make_plan("full", [
            str(uuid.uuid4()) for _n in range(spec.SERVERS_MAX)]))
        self.mock_servers([self.server, other])

        res = self.client.post(add_url(self.server.id), {
            "plan": full.id, "instances": [self.server.id]})

        for text in ("加入备份计划", "加入计划", "改为用这些实例创建新的备份计划",
                     "一个计划最多包含 %d 个实例" % spec.SERVERS_MAX):
            self.assertContains(res, text)
        self.assertNotContains(res, "Add to Plan")
