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

"""A plan's "verify each new backup" from the command line (plan create
--verify-backups, plan set --verify-backups / --no-verify-backups, plan
show; not --verify, which is openstack's own TLS option) and the form (the
checkbox, shown again for editing, the Plans table and the plan's page),
and a run whose new backup failed its test restore in each one's words."""

import json

from django.urls import reverse

from backup_dashboard import urlnames
from backup_dashboard.panels.plans import words
from quick_backup_client import verify_check
from quick_backup_client import verify_fit
from quick_backup_client.osc import plan_messages
from quick_backup_client.plans import runs
from quick_backup_client.plans import spec
from quick_backup_client.plans import workflow
from tests.osc_shell import http_with_mistral  # noqa: F401 (a fixture)
from tests import test_plans_actions
from tests.test_osc_plans import _execution
from tests.test_osc_plans import found_server
from tests.test_osc_plans import mistral  # noqa: F401 (a fixture)
from tests.test_osc_plans import plan
from tests.test_osc_plans import plan_command
from tests.test_osc_plans import SERVER_ID
from tests.test_plans_actions import execution
from tests.test_plans_panel import make_plan
from tests.test_plans_panel import PlansTestCase


def _saved(mistral, mine):  # noqa: F811
    return spec.from_variables(json.loads(
        mistral.environments[mine.env_name]["variables"]))


def test_create_with_verify_saves_it_and_says_so(
        mistral, http_with_mistral, capsys):  # noqa: F811
    found_server(http_with_mistral)

    code, out, err = plan_command(
        capsys, "create", "nightly", "--server", SERVER_ID, "--daily",
        "02:00", "--verify-backups", "-f", "json")

    assert code == 0, err
    assert json.loads(out)["verify"] is True
    [saved] = [spec.from_variables(json.loads(env["variables"]))
               for env in mistral.environments.values()
               if spec.from_variables(json.loads(env["variables"]))]
    assert saved.verify is True


def test_create_without_verify_does_not_verify(
        mistral, http_with_mistral, capsys):  # noqa: F811
    found_server(http_with_mistral)
    code, out, err = plan_command(
        capsys, "create", "nightly", "--server", SERVER_ID, "--daily",
        "02:00", "-f", "json")
    assert code == 0, err
    assert json.loads(out)["verify"] is False


def test_set_turns_verify_on_and_off_and_leaves_it_alone_unless_asked(
        mistral, http_with_mistral, capsys):  # noqa: F811
    mine = plan()
    mistral.add_plan(mine)

    code, _out, err = plan_command(capsys, "set", "nightly",
                                   "--verify-backups")
    assert code == 0, err
    assert _saved(mistral, mine).verify is True
    code, _out, err = plan_command(capsys, "set", "nightly", "--keep", "3")
    assert code == 0, err
    assert _saved(mistral, mine).verify is True
    code, out, err = plan_command(capsys, "set", "nightly", "--no-verify-backups",
                                  "-f", "json")
    assert code == 0, err
    assert _saved(mistral, mine).verify is False
    assert json.loads(out)["verify"] is False


def test_show_says_whether_the_plan_verifies(
        mistral, http_with_mistral, capsys):  # noqa: F811
    mistral.add_plan(plan(verify=True))
    code, out, err = plan_command(capsys, "show", "nightly", "-f", "json")
    assert code == 0, err
    assert json.loads(out)["verify"] is True


def test_history_says_the_new_backup_failed_its_test_restore_and_why(
        mistral, http_with_mistral, capsys):  # noqa: F811
    mine = plan(verify=True)
    mistral.add_plan(mine)
    mistral.executions = [_execution(mine.id, "ERROR", [
        {"server": SERVER_ID, "server_name": "web-1",
         "outcome": workflow.VERIFY_FAILED, "step": "test_restore",
         "image": "img-1", "deleted": [],
         "verify_reason": verify_check.BOOT_ERROR}])]

    code, out, err = plan_command(capsys, "history", "nightly", "-f", "json")

    assert code == 0, err
    (row,) = json.loads(out)
    assert row["Result"] == (
        "backed up, but older backups kept: the new one failed its test "
        "restore (the test instance failed to boot)")
    assert (row["Image"], row["Deleted"]) == ("img-1", [])


def test_the_commands_words_say_why_older_backups_were_kept():
    failed = runs.Item("s", "vm", runs.VERIFY_FAILED, "i", [], [], 0,
                       verify_check.NO_OUTPUT)
    assert "older backups kept" in plan_messages.RESULTS[failed.kind]
    assert "wrote nothing" in plan_messages.verify_reason_words(
        failed.verify_reason)
    assert "RAM" in plan_messages.verify_reason_words(verify_fit.RAM)
    assert "flavor" in plan_messages.verify_reason_words(runs.NO_FLAVOR)
    assert "policy" in plan_messages.verify_reason_words(runs.FORBIDDEN)


class VerifyFormTests(PlansTestCase):

    form = test_plans_actions.FormTests.form

    def test_the_checkbox_is_saved_with_the_plan_and_shown_again(self):
        self.mock_servers()
        self.client.post(reverse(urlnames.PLAN_CREATE), self.form(
            verify="on"))
        (plan_id,) = {name.rsplit("_", 1)[-1] for name in self.mistral.envs}
        self.assertTrue(self.mistral.plan(plan_id).verify)

        res = self.client.get(reverse(urlnames.PLAN_EDIT, args=[plan_id]))
        self.assertTrue(res.context["form"].initial["verify"])
        self.assertContains(res, "Verify each new backup")
        self.assertContains(res, "counts against your quota")

    def test_unchecked_means_no_test_restore(self):
        self.mock_servers()
        self.client.post(reverse(urlnames.PLAN_CREATE), self.form())
        (plan_id,) = {name.rsplit("_", 1)[-1] for name in self.mistral.envs}
        self.assertFalse(self.mistral.plan(plan_id).verify)


class VerifyPageTests(PlansTestCase):

    def test_the_table_shows_which_plans_verify(self):
        self.mistral.add(make_plan("nightly", [self.server.id]).replace(
            verify=True))
        self.mistral.add(make_plan("weekly", [self.server.id]))
        self.mock_servers()
        res = self.client.get(reverse(urlnames.PLANS))
        table = res.context["table"]
        said = {row.plan.name: table.columns["verify"].get_data(row)
                for row in table.data}
        self.assertEqual({"nightly": "On", "weekly": "Off"},
                         {name: str(value) for name, value in said.items()})

    def test_the_page_says_it_and_why_older_backups_were_kept(self):
        plan_ = self.mistral.add(make_plan(
            "nightly", [self.server.id]).replace(verify=True))
        self.mistral.runs.append(execution(plan_, state="ERROR", results=[
            {"server": self.server.id, "server_name": "vm",
             "outcome": workflow.VERIFY_FAILED, "step": "test_restore",
             "image": "img", "verify_reason": verify_check.NO_OUTPUT}]))
        self.mock_servers()

        res = self.client.get(reverse(urlnames.PLAN_DETAIL, args=[plan_.id]))

        self.assertContains(res, "Each new backup is test-restored")
        self.assertContains(res, "Older backups kept: the new one failed "
                                 "its test restore.")
        self.assertContains(res, "wrote nothing to its console")
        self.assertEqual(1, self.http.call_count)
        self.assertIn(str(words.ITEM_FAILURES[runs.VERIFY_FAILED]),
                      res.content.decode())
