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

"""The Backup Plans panel through Django's test client, on a fake Mistral:
the table and what it costs, without Mistral, Mistral failing, a plan's
page, and the table's actions."""

import json
from unittest import mock

from django.urls import reverse
import requests

from backup_dashboard.api import mistral as mistral_api
from backup_dashboard import urlnames
from quick_backup_client.plans import retention
from quick_backup_client.plans import spec
from tests import fake_mistral_client
from tests import helpers

GONE = "0d9b2c1e-3333-4b7a-9c51-7a1e2f3d4c66"


def make_plan(name, servers, **kwargs):
    kwargs.setdefault("retention", retention.Retention(keep_last=7))
    return spec.make(name, servers, kwargs.pop("preset", "daily"),
                     kwargs.pop("time_text", "02:00"), timezone="UTC",
                     **kwargs)


class PlansTestCase(helpers.QuickBackupTestCase):

    def setUp(self):
        super().setUp()
        self.mistral = fake_mistral_client.FakeMistral()
        for target, value in (("client", lambda request: self.mistral),
                              ("is_available", lambda request: True)):
            patcher = mock.patch.object(mistral_api, target, value)
            patcher.start()
            self.addCleanup(patcher.stop)
        self.index = reverse(urlnames.PLANS)

    def mock_servers(self, servers=None, **kwargs):
        servers = [self.server] if servers is None else servers
        kwargs.setdefault("json", {"servers": [server.to_dict()
                                               for server in servers]})
        return self.http.get(self.nova_url + "/servers/detail", **kwargs)

    def messages(self, res):
        return [(m.level_tag, str(m))
                for m in res.wsgi_request._messages._queued_messages]


class TableTests(PlansTestCase):

    def test_three_mistral_requests_and_one_nova_request_whatever_the_plans(
            self):
        for name in ("a", "b", "c"):
            self.mistral.add(make_plan(name, [self.server.id, GONE]))
        listing = self.mock_servers()

        res = self.client.get(self.index)

        self.assertEqual(["environments.list", "environments.list",
                          "cron_triggers.list"], self.mistral.calls)
        self.assertEqual(1, listing.call_count)
        self.assertEqual(1, self.http.call_count)
        self.assertEqual(3, len(res.context["table"].data))

    def test_a_plan_shows_its_instances_schedule_retention_and_next_run(
            self):
        plan = self.mistral.add(make_plan(
            "nightly", [self.server.id, GONE], retention=retention.Retention(
                keep_last=7, keep_weekly=4)))
        self.mock_servers()

        res = self.client.get(self.index)

        self.assertContains(res, reverse(urlnames.PLAN_DETAIL,
                                         args=[plan.id]))
        self.assertContains(res, '<a href="%s">%s</a>' % (reverse(
            urlnames.INSTANCE_DETAIL, args=[self.server.id]),
            self.server.name))
        self.assertContains(res, "%s <em>(deleted)</em>" % GONE)
        self.assertContains(res, "Daily at 02:00")
        self.assertContains(res, "Keep the newest 7, 4 weekly")
        self.assertContains(res, "2026-12-01 02:00 UTC")
        self.assertContains(res, "Not run yet")

    def test_schedule_and_next_run_are_in_the_users_time_zone(self):
        self.mistral.add(make_plan("nightly", [self.server.id]))
        self.mock_servers()
        self.client.cookies["django_timezone"] = "Asia/Tokyo"

        res = self.client.get(self.index)

        self.assertContains(res, "Daily at 11:00")
        self.assertContains(res, "2026-12-01 11:00 JST")

    def test_plan_and_instance_names_are_escaped(self):
        self.mistral.add(make_plan("<b>evil</b>", [self.server.id]))
        self.mock_servers([helpers.nova_server(
            self.server, id=self.server.id, name="<i>vm</i>")])

        res = self.client.get(self.index)

        self.assertNotContains(res, "<b>evil</b>")
        self.assertContains(res, "&lt;b&gt;evil&lt;/b&gt;")
        self.assertNotContains(res, "<i>vm</i>")

    def test_a_failed_last_run_links_to_its_reason_in_the_history(self):
        plan = self.mistral.add(make_plan("nightly", [self.server.id]),
                                last={"execution": "e1", "failed": True,
                                      "finished_at": "2026-11-30 02:03:00",
                                      "outcomes": [{"server": self.server.id,
                                                    "outcome": "busy"}]})
        self.mock_servers()

        res = self.client.get(self.index)

        self.assertContains(res, '<a href="%s#run-e1">Failed</a>' % reverse(
            urlnames.PLAN_DETAIL, args=[plan.id]))
        self.assertContains(res, "The instance stayed busy")

    def test_a_paused_plan_says_so_instead_of_a_next_run(self):
        self.mistral.add(make_plan("nightly", [self.server.id], paused=True))
        self.mock_servers()
        self.assertContains(self.client.get(self.index), "Paused")

    def test_no_plans_no_nova_request(self):
        res = self.client.get(self.index)
        self.assertEqual(200, res.status_code)
        self.assertEqual(0, self.http.call_count)

    def test_nova_down_shows_the_plans_with_instance_ids(self):
        self.mistral.add(make_plan("nightly", [self.server.id]))
        self.mock_servers(status_code=503, json={})

        res = self.client.get(self.index)

        self.assertEqual(1, len(res.context["table"].data))
        self.assertContains(res, self.server.id)
        self.assertContains(res, "Unable to retrieve the instances")


class WithoutMistralTests(PlansTestCase):

    def test_without_workflowv2_the_page_explains_cron_and_asks_nobody(
            self):
        with mock.patch.object(mistral_api, "is_available",
                               lambda request: False):
            res = self.client.get(self.index)
        self.assertEqual(200, res.status_code)
        self.assertContains(res, "does not offer")
        self.assertContains(res, "openstack server quick-backup")
        self.assertContains(res, "--wait")
        self.assertContains(res, "application credential")
        self.assertEqual([], self.mistral.calls)
        self.assertEqual(0, self.http.call_count)

    def test_without_workflowv2_create_leaves_for_the_plans_page(self):
        with mock.patch.object(mistral_api, "is_available",
                               lambda request: False):
            res = self.client.get(reverse(urlnames.PLAN_CREATE))
        self.assertRedirects(res, self.index)


class MistralFailureTests(PlansTestCase):

    def assert_error_on_an_empty_table(self, failure):
        self.mistral.fail["*"] = failure
        res = self.client.get(self.index)
        self.assertEqual(200, res.status_code)
        self.assertEqual([], res.context["table"].data)
        self.assertContains(res, "Unable to list backup plans.", count=1)
        self.assertNotContains(res, "secret")
        return res.content.decode()

    def test_a_5xx_is_a_message_on_an_empty_table(self):
        text = self.assert_error_on_an_empty_table(
            fake_mistral_client.api_error(500))
        self.assertIn("not available right now", text)

    def test_no_answer_or_a_slow_one_is_a_message(self):
        for failure in (requests.ConnectionError("secret"),
                        requests.Timeout("secret")):
            self.assert_error_on_an_empty_table(failure)

    def test_a_malformed_answer_is_a_message(self):
        self.assert_error_on_an_empty_table(ValueError("secret"))

    def test_mistrals_403_says_not_allowed(self):
        text = self.assert_error_on_an_empty_table(
            fake_mistral_client.api_error(403))
        self.assertIn("not allowed", text)


class AvailabilityTests(helpers.QuickBackupAPITestCase):

    def test_available_only_with_workflowv2_in_the_catalog(self):
        self.assertFalse(mistral_api.is_available(self.request))
        catalog = self.request.user.service_catalog
        compute = next(s for s in catalog if s["type"] == "compute")
        catalog.append(dict(json.loads(json.dumps(compute)),
                            type="workflowv2", name="mistral"))
        self.assertTrue(mistral_api.is_available(self.request))
        self.assertEqual(0, self.http.call_count)
