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

"""A plan's "Also copy each backup to": the form (offered from Glance's
stores where the policy allows a copy, one request), the Plans table, the
plan page and its run history, and the command line's --copy-to and
--no-copy."""

import json

from django.test.utils import override_settings
from django.urls import reverse

from backup_dashboard import policies
from backup_dashboard import urlnames
from quick_backup_client.plans import spec
from tests.osc_shell import GLANCE_URL
from tests.osc_shell import http_with_mistral  # noqa: F401 (a fixture)
from tests.osc_shell import sent
from tests.test_backups_actions import deny
from tests.test_copy_panel import STORES
from tests.test_osc_plans import _execution
from tests.test_osc_plans import found_server
from tests.test_osc_plans import mistral  # noqa: F401 (a fixture)
from tests.test_osc_plans import plan
from tests.test_osc_plans import plan_command
from tests.test_osc_plans import SERVER_ID
from tests import test_plans_actions
from tests.test_plans_actions import execution
from tests.test_plans_panel import make_plan
from tests.test_plans_panel import PlansTestCase

THREE_STORES = {"stores": STORES["stores"] + [
    {"id": "archive", "description": "Archive", "read-only": True}]}


class CopyFormTests(PlansTestCase):

    form = test_plans_actions.FormTests.form

    def mock_stores(self, **kwargs):
        kwargs.setdefault("json", THREE_STORES)
        return self.http.get(self.glance_url + "/v2/info/stores", **kwargs)

    def saved(self):
        (plan_id,) = {name.rsplit("_", 1)[-1] for name in self.mistral.envs}
        return self.mistral.plan(plan_id)

    def test_the_form_offers_the_other_stores_with_one_glance_request(self):
        stores = self.mock_stores()
        self.mock_servers()
        res = self.client.get(reverse(urlnames.PLAN_CREATE))
        field = res.context["form"].fields["copy_to"]
        # Not the default store (backups land there), nor a read-only one.
        self.assertEqual([("", "No copy"), ("offsite", "Off-site (offsite)")],
                         [(value, str(label))
                          for value, label in field.choices])
        self.assertContains(res, "Also copy each backup to")
        self.assertEqual(1, stores.call_count)
        self.assertEqual(2, self.http.call_count)  # the stores, the servers

    def test_the_store_is_saved_and_shown_again_for_editing(self):
        self.mock_stores()
        self.mock_servers()
        self.client.post(reverse(urlnames.PLAN_CREATE),
                         self.form(copy_to="offsite"))
        saved = self.saved()
        self.assertEqual("offsite", saved.copy_to)
        res = self.client.get(reverse(urlnames.PLAN_EDIT, args=[saved.id]))
        self.assertEqual("offsite", res.context["form"].initial["copy_to"])

    def test_no_copy_is_the_default_and_a_forged_store_is_refused(self):
        self.mock_stores()
        self.mock_servers()
        self.client.post(reverse(urlnames.PLAN_CREATE), self.form())
        self.assertIsNone(self.saved().copy_to)
        res = self.client.post(reverse(urlnames.PLAN_CREATE),
                               self.form(copy_to="local"))
        self.assertIn("copy_to", res.context["form"].errors)
        self.assertIsNone(self.saved().copy_to)  # still the one plan

    def test_a_single_store_glance_offers_no_copy(self):
        self.mock_stores(status_code=404, json={"error": "no multistore"})
        self.mock_servers()
        res = self.client.get(reverse(urlnames.PLAN_CREATE))
        self.assertNotIn("copy_to", res.context["form"].fields)
        self.assertNotContains(res, "Also copy each backup to")

    @override_settings(POLICY_CHECK_FUNCTION=deny(policies.COPY_IMAGE))
    def test_no_copy_where_horizons_image_policy_denies_it_nor_a_request(
            self):
        stores = self.mock_stores()
        self.mock_servers()
        res = self.client.get(reverse(urlnames.PLAN_CREATE))
        self.assertNotIn("copy_to", res.context["form"].fields)
        self.assertEqual(0, stores.call_count)

    @override_settings(POLICY_CHECK_FUNCTION=deny(policies.COPY_IMAGE))
    def test_an_edit_where_copies_are_not_offered_keeps_the_plans_store(
            self):
        mine = self.mistral.add(make_plan("nightly", [self.server.id])
                                .replace(copy_to="offsite"))
        self.mock_servers()
        res = self.client.get(reverse(urlnames.PLAN_EDIT, args=[mine.id]))
        self.assertEqual([("", "No copy"), ("offsite", "offsite")],
                         [(value, str(label)) for value, label in
                          res.context["form"].fields["copy_to"].choices])


class CopyPageTests(PlansTestCase):

    def test_the_table_and_the_page_show_the_store(self):
        mine = self.mistral.add(make_plan("nightly", [self.server.id])
                                .replace(copy_to="offsite"))
        self.mistral.add(make_plan("other", [self.server.id]))
        self.mock_servers()
        res = self.client.get(self.index)
        table = res.context["table"]
        self.assertEqual(["-", "offsite"], sorted(
            table.columns["copy_to"].get_data(row) for row in table.data))
        res = self.client.get(reverse(urlnames.PLAN_DETAIL, args=[mine.id]))
        self.assertContains(res, "Each backup is also copied to store "
                                 "offsite")

    def test_the_history_says_what_became_of_each_copy(self):
        mine = self.mistral.add(make_plan(
            "nightly", [self.server.id]).replace(copy_to="offsite"))
        self.mistral.runs.append(execution(mine, state="ERROR", results=[
            {"server": self.server.id, "server_name": "vm", "outcome":
             "copy_failed", "image": "b1", "copy": "copy_failed",
             "copy_error": "(HTTP 503) Service Unavailable",
             "copy_to": "offsite"},
            {"server": "vol", "server_name": "vol", "outcome": "made",
             "image": "b2", "copy": "not_copied", "copy_to": "offsite"}]))
        self.mock_servers()

        res = self.client.get(reverse(urlnames.PLAN_DETAIL, args=[mine.id]))

        self.assertContains(res, "made and kept, but it could not be copied")
        self.assertContains(res, "Not copied to store offsite: the image "
                                 "service did not answer.")
        self.assertContains(res, "Not copied to store offsite: this "
                                 "backup&#x27;s data are volume snapshots")
        self.assertNotContains(res, "Service Unavailable")
        self.assertEqual(1, self.http.call_count)


def _saved(mistral_fake, plan_id=None):  # noqa: F811
    plans = [spec.from_variables(json.loads(env["variables"]))
             for env in mistral_fake.environments.values()]
    return [one for one in plans if one and (
        plan_id is None or one.id == plan_id)]


def test_create_with_copy_to_checks_the_store_with_one_glance_request(
        mistral, http_with_mistral, capsys):  # noqa: F811
    found_server(http_with_mistral)
    http_with_mistral.get(GLANCE_URL + "/v2/info/stores", json=THREE_STORES)

    code, out, err = plan_command(
        capsys, "create", "nightly", "--server", SERVER_ID, "--daily",
        "02:00", "--copy-to", "offsite", "-f", "json")

    assert code == 0, err
    assert json.loads(out)["copy_to"] == "offsite"
    [saved] = _saved(mistral)
    assert saved.copy_to == "offsite"
    assert sent(http_with_mistral, "glance.example.com") == [
        "GET /v2/info/stores"]


def test_create_refuses_the_default_store_and_names_the_others(
        mistral, http_with_mistral, capsys):  # noqa: F811
    found_server(http_with_mistral)
    http_with_mistral.get(GLANCE_URL + "/v2/info/stores", json=THREE_STORES)

    code, _out, err = plan_command(
        capsys, "create", "nightly", "--server", SERVER_ID, "--daily",
        "02:00", "--copy-to", "local")

    assert code == 1
    assert "--copy-to local: not a store" in err and "offsite." in err
    assert not _saved(mistral)


def test_create_on_a_single_store_glance_says_a_copy_is_not_possible(
        mistral, http_with_mistral, capsys):  # noqa: F811
    found_server(http_with_mistral)
    http_with_mistral.get(GLANCE_URL + "/v2/info/stores", status_code=404)

    code, _out, err = plan_command(
        capsys, "create", "nightly", "--server", SERVER_ID, "--daily",
        "02:00", "--copy-to", "offsite")

    assert code == 1 and "a single store" in err
    assert "404" not in err


def test_set_no_copy_stops_copying_and_leaves_it_alone_unless_asked(
        mistral, http_with_mistral, capsys):  # noqa: F811
    mine = plan(copy_to="offsite")
    mistral.add_plan(mine)

    code, out, err = plan_command(capsys, "set", "nightly", "--keep", "3")
    assert code == 0, err
    assert _saved(mistral, mine.id)[0].copy_to == "offsite"

    code, out, err = plan_command(capsys, "set", "nightly", "--no-copy",
                                  "-f", "json")
    assert code == 0, err
    assert _saved(mistral, mine.id)[0].copy_to is None
    assert json.loads(out)["copy_to"] == ""
    # Neither asked Glance anything.
    assert sent(http_with_mistral, "glance.example.com") == []


def test_history_says_what_became_of_each_copy(
        mistral, http_with_mistral, capsys):  # noqa: F811
    mine = plan(copy_to="offsite")
    mistral.add_plan(mine)
    mistral.executions = [_execution(mine.id, "ERROR", [
        {"server": SERVER_ID, "server_name": "web-1", "outcome": "made",
         "image": "img-1", "deleted": [], "copy": "copied",
         "copy_to": "offsite"},
        {"server": "vol", "server_name": "vol-1", "outcome": "made",
         "image": "img-2", "deleted": [], "copy": "not_copied",
         "copy_to": "offsite"},
        {"server": "db", "server_name": "db-1", "outcome": "copy_failed",
         "image": "img-3", "deleted": [], "copy": "copy_failed",
         "copy_error": "copy_slow", "copy_to": "offsite"}])]

    code, out, err = plan_command(capsys, "history", "nightly", "-f", "json")

    assert code == 0, err
    results = [row["Result"] for row in json.loads(out)]
    assert results == [
        "backed up; copied to store offsite",
        "backed up; not copied to store offsite: its data are volume "
        "snapshots in the Block Storage service, which a copy between "
        "image stores would not move",
        "backed up and kept, but not copied to the plan's other store; its "
        "copy to store offsite was not in place in time"]
    assert [row["Image"] for row in json.loads(out)] == [
        "img-1", "img-2", "img-3"]
