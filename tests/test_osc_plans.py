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

"""`openstack server quick-backup plan ...` through OpenStackClient's shell,
on a fake Mistral whose requests are counted."""

import json

import pytest

from quick_backup_client.plans import retention
from quick_backup_client.plans import spec
from quick_backup_client.plans import workflow
from tests.fake_mistral import FakeMistral
from tests.osc_shell import http  # noqa: F401 (a fixture)
from tests.osc_shell import http_with_mistral  # noqa: F401 (a fixture)
from tests.osc_shell import MISTRAL_URL
from tests.osc_shell import NOVA_URL
from tests.osc_shell import openstack
from tests.osc_shell import sent
from tests.osc_shell import SERVER_ID

OTHER_SERVER = "7bf2a2d5-2222-4b4a-8e7f-1d3a7c2e3b22"
MISTRAL = "mistral.example.com"


@pytest.fixture
def mistral(http_with_mistral):
    workflow.forget()
    # Nova's listing that plan show names the servers from.
    http_with_mistral.get(NOVA_URL + "/servers", json={"servers": [
        {"id": SERVER_ID, "name": "web-1", "links": []}]})
    yield FakeMistral(http_with_mistral)
    workflow.forget()


def plan(name="nightly", servers=(SERVER_ID,), **changes):
    values = dict(name=name, servers=list(servers), preset="daily",
                  time_text="02:00", timezone="UTC",
                  retention=retention.Retention(keep_last=7))
    values.update(changes)
    return spec.make(**values)


def plan_command(capsys, *argv):
    return openstack(capsys, "server", "quick-backup", "plan", *argv)


def found_server(http, server_id=SERVER_ID, name="web-1"):
    http.get("%s/servers/%s" % (NOVA_URL, server_id), json={"server": {
        "id": server_id, "name": name}})


def test_list_is_two_mistral_requests_whatever_the_number_of_plans(
        mistral, http_with_mistral, capsys):
    for number in range(12):
        mistral.add_plan(plan("plan %02d" % number))

    code, out, err = plan_command(capsys, "list", "-f", "json")

    assert code == 0, err
    rows = json.loads(out)
    assert [row["Name"] for row in rows] == ["plan %02d" % n
                                             for n in range(12)]
    assert rows[0]["Schedule"] == "daily at 02:00 (UTC)"
    assert rows[0]["Retention"] == "newest 7"
    assert rows[0]["Next Run"] == "2026-11-24 02:00 UTC"
    assert rows[0]["Last Result"] == "not run yet"
    assert rows[0]["Servers"] == [SERVER_ID]
    assert sent(http_with_mistral, MISTRAL) == [
        "GET /v2/environments?limit=1000&sort_keys=name&sort_dirs=asc",
        "GET /v2/cron_triggers?limit=1000"]


def test_next_run_and_schedule_are_in_the_users_time_zone(
        mistral, capsys, monkeypatch):
    mistral.add_plan(plan(time_text="01:30", timezone="Europe/Paris"))
    monkeypatch.setenv("TZ", "Asia/Tokyo")

    code, out, err = plan_command(capsys, "list", "-f", "value", "-c",
                                  "Schedule", "-c", "Next Run")
    assert code == 0, err
    assert out.strip() == "daily at 09:30 (Asia/Tokyo) 2026-11-24 11:00 JST"

    code, out, err = plan_command(capsys, "show", "nightly", "--timezone",
                                  "Europe/Paris", "-f", "json")
    shown = json.loads(out)
    assert (shown["schedule"], shown["next_run"], shown["cron"]) == (
        "daily at 01:30 (Europe/Paris)", "2026-11-24 03:00 CET", "30 0 * * *")


def test_show_finds_a_plan_by_id_or_exact_name(mistral, capsys):
    mine = plan("nightly")
    mistral.add_plan(mine)
    mistral.add_plan(plan("nightly-2"))

    by_name = plan_command(capsys, "show", "nightly", "-f", "value", "-c",
                           "id")
    by_id = plan_command(capsys, "show", mine.id, "-f", "value", "-c", "name")

    assert by_name[:2] == (0, mine.id + "\n")
    assert by_id[:2] == (0, "nightly\n")


def test_an_ambiguous_or_unknown_name_is_a_clear_error(mistral, capsys):
    first, second = plan("nightly"), plan("nightly")
    mistral.add_plan(first)
    mistral.add_plan(second)

    code, out, err = plan_command(capsys, "show", "nightly")
    assert code == 1
    assert 'More than one backup plan is named "nightly": use its ID' in err
    assert first.id in err and second.id in err

    code, out, err = plan_command(capsys, "run", "weekly")
    assert code == 1
    assert 'No backup plan with a name or ID of "weekly" exists.' in err


def test_create_saves_the_plan_and_its_trigger_and_shows_it(
        mistral, http_with_mistral, capsys):
    found_server(http_with_mistral)

    code, out, err = plan_command(
        capsys, "create", "nightly", "--server", SERVER_ID, "--weekly",
        "tue", "23:30", "--timezone", "America/New_York", "--keep", "3",
        "--keep-monthly", "6", "-f", "json")

    assert code == 0, err
    shown = json.loads(out)
    assert shown["schedule"] == \
        "every Tuesday at 23:30 (America/New_York)"
    assert shown["retention"] == "newest 3, 6 monthly"
    assert shown["servers"] == [SERVER_ID]
    (trigger,) = mistral.triggers.values()
    assert trigger["pattern"] == "30 4 * * 3"  # Wednesday 04:30 UTC
    saved = spec.from_variables(json.loads(
        mistral.environments[trigger["name"]]["variables"]))
    assert (saved.name, saved.weekday, saved.retention) == (
        "nightly", 1, retention.Retention(3, 0, 0, 6))
    assert sent(http_with_mistral, "nova.example.com") == [
        "GET /v2.1/servers/" + SERVER_ID]


def test_create_paused_makes_no_trigger(mistral, http_with_mistral, capsys):
    found_server(http_with_mistral)

    code, out, err = plan_command(capsys, "create", "nightly", "--server",
                                  SERVER_ID, "--daily", "02:00", "--paused",
                                  "-f", "value", "-c", "next_run")

    assert (code, out) == (0, "paused\n"), err
    assert mistral.triggers == {}
    assert len(mistral.environments) == 2


@pytest.mark.parametrize("argv, words", [
    (("--schedule", "0 2 * *"), "--schedule is not a schedule"),
    (("--daily", "25:00"), "--daily is not a schedule"),
    (("--weekly", "someday", "02:00"), '"someday" is not a day of the week'),
    (("--daily", "02:00", "--keep", "0"), "The plan would keep no backups"),
    (("--daily", "02:00", "--keep-weekly", "1000"),
     "--keep-weekly must be a whole number from 0 to 365."),
    (("--daily", "02:00", "--timezone", "Mars/Olympus"),
     'Unknown time zone "Mars/Olympus"'),
])
def test_a_wrong_option_is_named_before_anything_is_sent(
        mistral, http_with_mistral, capsys, argv, words):
    code, out, err = plan_command(capsys, "create", "nightly", "--server",
                                  SERVER_ID, *argv)

    assert code == 1
    assert words in err and "Traceback" not in err
    assert sent(http_with_mistral, MISTRAL) == []
    assert sent(http_with_mistral, "nova.example.com") == []


def test_a_name_too_long_is_named(mistral, capsys):
    code, out, err = plan_command(capsys, "create", "x" * 101, "--server",
                                  SERVER_ID, "--daily", "02:00")

    assert code == 1
    assert "The plan name must have 1 to 100 characters." in err


def test_set_pauses_and_resumes_by_replacing_the_trigger(
        mistral, http_with_mistral, capsys):
    mine = plan()
    mistral.add_plan(mine)

    code, out, err = plan_command(capsys, "set", "nightly", "--pause",
                                  "-f", "value", "-c", "next_run")
    assert (code, out) == (0, "paused\n"), err
    assert mistral.triggers == {}

    code, out, err = plan_command(capsys, "set", mine.id, "--resume",
                                  "-f", "value", "-c", "next_run")
    assert (code, out) == (0, "2026-11-24 02:00 UTC\n"), err
    assert mistral.triggers[mine.env_name]["pattern"] == "0 2 * * *"


def test_set_changes_only_what_is_given(mistral, http_with_mistral, capsys):
    mine = plan(preset="cron", time_text="*/5 * * * *")
    mistral.add_plan(mine)
    found_server(http_with_mistral, OTHER_SERVER, "db-1")

    code, out, err = plan_command(
        capsys, "set", "nightly", "--add-server", OTHER_SERVER,
        "--remove-server", SERVER_ID, "--keep-daily", "5", "--name",
        "often", "-f", "json")

    assert code == 0, err
    shown = json.loads(out)
    assert (shown["name"], shown["servers"], shown["schedule"],
            shown["retention"]) == ("often", [OTHER_SERVER],
                                    "every 5 minutes", "newest 7, 5 daily")
    saved = spec.from_variables(json.loads(
        mistral.environments[mine.env_name]["variables"]))
    assert (saved.id, saved.cron) == (mine.id, "*/5 * * * *")


def test_set_with_nothing_to_change_sends_nothing_to_mistral(
        mistral, http_with_mistral, capsys):
    mistral.add_plan(plan())

    code, out, err = plan_command(capsys, "set", "nightly")

    assert code == 0, err
    assert sent(http_with_mistral, MISTRAL) == [
        "GET /v2/environments?limit=1000&sort_keys=name&sort_dirs=asc",
        "GET /v2/cron_triggers?limit=1000"]


def test_delete_removes_the_trigger_and_both_environments(
        mistral, http_with_mistral, capsys):
    first, second = plan("a"), plan("b")
    mistral.add_plan(first)
    mistral.add_plan(second)

    code, out, err = plan_command(capsys, "delete", "a", second.id)

    assert code == 0, err
    assert (mistral.triggers, mistral.environments) == ({}, {})
    assert sent(http_with_mistral, MISTRAL)[2:] == [
        "DELETE /v2/cron_triggers/" + first.env_name,
        "DELETE /v2/environments/" + first.last_env_name,
        "DELETE /v2/environments/" + first.env_name,
        "DELETE /v2/cron_triggers/" + second.env_name,
        "DELETE /v2/environments/" + second.last_env_name,
        "DELETE /v2/environments/" + second.env_name]


def test_a_failed_delete_says_which_and_goes_on(
        mistral, http_with_mistral, capsys):
    first, second = plan("a"), plan("b")
    mistral.add_plan(first)
    mistral.add_plan(second)
    http_with_mistral.delete(
        MISTRAL_URL + "/cron_triggers/" + first.env_name, status_code=500,
        json={"faultstring": "secret internals"})

    code, out, err = plan_command(capsys, "delete", "a", "b")

    assert code == 1
    assert 'Unable to delete backup plan "a": the workflow service ' \
        '(Mistral) failed (HTTP 500).' in err
    assert "1 of 2 backup plans were not deleted." in err
    assert "secret internals" not in err
    assert second.env_name not in mistral.environments


def test_run_prints_the_execution_id(mistral, http_with_mistral, capsys):
    mine = plan()
    mistral.add_plan(mine)

    code, out, err = plan_command(capsys, "run", "nightly", "-f", "value",
                                  "-c", "execution")

    assert (code, out) == (0, "e0\n"), err
    (execution,) = mistral.executions
    assert execution["workflow_name"] == workflow.RUN_WORKFLOW
    assert json.loads(execution["input"]) == {"plan": mine.id}


def _execution(plan_id, state, results, created="2026-11-23 02:00:05",
               scheduled=True, state_info=None):
    return {"id": "run-%s" % state.lower(), "state": state,
            "state_info": state_info,
            "created_at": created, "updated_at": "2026-11-23 02:04:00",
            "input": json.dumps({"plan": plan_id}),
            "output": json.dumps({"results": results}),
            "description": json.dumps({"triggered_by": {
                "type": "cron_trigger" if scheduled else "user"}})}


def test_history_says_what_each_run_made_deleted_and_why_it_failed(
        mistral, http_with_mistral, capsys):
    mine = plan()
    mistral.add_plan(mine)
    mistral.executions = [
        _execution(mine.id, "SUCCESS", [
            {"server": SERVER_ID, "server_name": "web-1", "outcome": "made",
             "image": "img-1", "deleted": ["old-1", "old-2"]}]),
        _execution(mine.id, "ERROR", [
            {"server": OTHER_SERVER, "server_name": "db-1",
             "outcome": "error", "error": "Instance not found (HTTP 404)"}],
            scheduled=False)]

    code, out, err = plan_command(capsys, "history", "nightly",
                                  "--timezone", "Europe/Paris", "-f", "json")

    assert code == 0, err
    failed, succeeded = json.loads(out)
    assert succeeded == {
        "Run": "run-success", "Started": "2026-11-23 03:00:05 CET",
        "Finished": "2026-11-23 03:04:00 CET", "State": "succeeded",
        "Trigger": "schedule", "Server": "web-1", "Result": "backed up",
        "Image": "img-1", "Deleted": ["old-1", "old-2"]}
    assert (failed["State"], failed["Trigger"], failed["Server"],
            failed["Result"]) == (
        "failed", "run now", "db-1",
        "failed: the instance no longer exists")
    assert len(sent(http_with_mistral, MISTRAL)) == 3
    assert "did not start" not in err


def test_history_says_how_many_protected_backups_a_run_kept(
        mistral, http_with_mistral, capsys):
    mine = plan()
    mistral.add_plan(mine)
    mistral.executions = [_execution(mine.id, "SUCCESS", [
        {"server": SERVER_ID, "server_name": "web-1", "outcome": "made",
         "image": "img-1", "deleted": [], "protected_kept": 1}])]

    code, out, err = plan_command(capsys, "history", "nightly", "-f", "json")

    assert code == 0, err
    (row,) = json.loads(out)
    assert row["Result"] == "backed up; kept 1 protected backup"


def test_history_warns_of_a_firing_that_started_no_run(
        mistral, http_with_mistral, capsys):
    # Due at 02:00 on 23 November, the one before the next firing: the
    # plan's trust was refused, so Mistral started nothing.
    mistral.add_plan(plan())

    code, out, err = plan_command(capsys, "history", "nightly")

    assert code == 0, err
    assert "the run due at 2026-11-23 02:00:00 UTC did not start" in err
    assert "plan set" in err and "--resume" in err


def test_a_cloud_without_mistral_says_so_with_the_cron_recipe(http, capsys):
    for argv in (("list",), ("show", "nightly"), ("run", "nightly"),
                 ("create", "nightly", "--server", SERVER_ID, "--daily",
                  "02:00")):
        code, out, err = plan_command(capsys, *argv)

        assert code == 1, argv
        assert "This cloud has no workflow service (Mistral" in err
        assert "from cron with an application credential" in err
        assert "Traceback" not in err
    assert sent(http, "nova.example.com") == []


@pytest.mark.parametrize("answer, words", [
    ({"status_code": 503, "text": "<html>down</html>"},
     "the workflow service (Mistral) failed (HTTP 503)"),
    ({"status_code": 403, "json": {"faultstring": "policy"}},
     "you are not allowed to (HTTP 403)"),
    ({"status_code": 200, "text": "<html>not json</html>"},
     "the workflow service (Mistral) sent an answer that could not be "
     "read"),
    ({"status_code": 200, "json": {"unexpected": []}},
     "the workflow service (Mistral) sent an answer that could not be "
     "read"),
    ({"status_code": 200, "json": {"environments": ["not", "dicts"]}},
     "the workflow service (Mistral) sent an answer that could not be "
     "read"),
])
def test_mistral_failures_are_sentences_never_tracebacks(
        mistral, http_with_mistral, capsys, answer, words):
    http_with_mistral.get(MISTRAL_URL + "/environments", **answer)

    code, out, err = plan_command(capsys, "list")

    assert code == 1
    assert "Unable to list backup plans: " + words in err
    assert "Traceback" not in err and "html" not in err
    assert "policy" not in err


def test_mistral_down_is_a_sentence(mistral, http_with_mistral, capsys):
    from keystoneauth1 import exceptions as ks_exceptions
    http_with_mistral.get(MISTRAL_URL + "/environments",
                          exc=ks_exceptions.ConnectFailure("refused"))

    code, out, err = plan_command(capsys, "list")

    assert code == 1
    assert "Unable to list backup plans: the workflow service (Mistral) " \
        "could not be reached or did not answer in time." in err
    assert "refused" not in err and "Traceback" not in err


def test_plans_show_in_simplified_chinese(mistral, capsys, monkeypatch):
    mistral.add_plan(plan())
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")

    code, out, err = plan_command(capsys, "show", "nightly", "-f", "json")

    assert code == 0, err
    shown = json.loads(out)
    assert (shown["retention"], shown["schedule"]) == (
        "最新 7 个", "每天 02:00（UTC）")


def test_the_first_run_puts_the_workflows_into_the_project(mistral,
                                                            capsys):
    mistral.add_plan(plan())
    code, out, err = plan_command(capsys, "run", "nightly")
    assert code == 0, err
    assert set(mistral.workflows) == set(workflow.WORKFLOWS)
