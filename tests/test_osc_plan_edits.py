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

"""`plan set` when Mistral refuses the new trigger (the plan is put back,
or the command says once that it could not be), and a plan whose
definition was damaged by hand in `plan list`, `show`, `run` and `delete`;
`plan show` names the servers from one Nova listing."""

import json

from quick_backup_client.plans import workflow
from tests.osc_shell import http  # noqa: F401 (a fixture)
from tests.osc_shell import http_with_mistral  # noqa: F401 (a fixture)
from tests.osc_shell import MISTRAL_URL
from tests.osc_shell import NOVA_URL
from tests.osc_shell import sent
from tests.test_osc_plans import MISTRAL
from tests.test_osc_plans import OTHER_SERVER
from tests.test_osc_plans import mistral  # noqa: F401 (a fixture)
from tests.test_osc_plans import plan
from tests.test_osc_plans import plan_command
from tests.osc_shell import SERVER_ID


def refuse_triggers(http, mistral, times):
    """Mistral answering 503 to the next ``times`` trigger creations."""
    left = [times]

    def answer(request, context):
        if left[0]:
            left[0] -= 1
            context.status_code = 503
            return {"faultstring": "secret text"}
        return mistral._post_cron_triggers(request, context)
    http.post(MISTRAL_URL + "/cron_triggers", json=answer)


def test_a_set_whose_new_trigger_is_refused_puts_the_plan_back(
        mistral, http_with_mistral, capsys):
    mine = plan()
    mistral.add_plan(mine)
    before = json.loads(json.dumps(mistral.environments))
    refuse_triggers(http_with_mistral, mistral, 1)

    code, out, err = plan_command(capsys, "set", "nightly", "--daily",
                                  "05:00")

    assert code == 1
    assert "Unable to change backup plan" in err and "503" in err
    assert "secret" not in err
    assert json.loads(json.dumps(mistral.environments)) == before
    assert mistral.triggers[mine.env_name]["pattern"] == "0 2 * * *"
    changes = [line for line in sent(http_with_mistral, MISTRAL)
               if not line.startswith("GET") and "/workflows" not in line]
    assert changes == [
        "PUT /v2/environments", "DELETE /v2/cron_triggers/" + mine.env_name,
        "POST /v2/cron_triggers",  # refused
        "PUT /v2/environments", "DELETE /v2/cron_triggers/" + mine.env_name,
        "POST /v2/cron_triggers"]  # the old pattern again


def test_a_set_that_cannot_be_put_back_says_change_it_again(
        mistral, http_with_mistral, capsys):
    mistral.add_plan(plan())
    refuse_triggers(http_with_mistral, mistral, 2)

    code, out, err = plan_command(capsys, "set", "nightly", "--daily",
                                  "05:00")

    assert code == 1
    assert err.count("could not be put back") == 1
    assert "Change it again (plan set)" in err
    assert mistral.triggers == {}


def damage(mistral, saved):
    variables = json.loads(mistral.environments[saved.env_name]["variables"])
    variables[workflow.ENV_KEY]["servers"] = "web-1"
    mistral.environments[saved.env_name]["variables"] = json.dumps(variables)


def test_a_damaged_plan_is_listed_and_shown_as_damaged(mistral, capsys):
    mistral.add_plan(plan("good"))
    bad = plan("bad")
    mistral.add_plan(bad)
    damage(mistral, bad)

    code, out, err = plan_command(capsys, "list", "-f", "json")
    assert code == 0, err
    rows = {row["Name"]: row for row in json.loads(out)}
    assert rows["bad"]["Schedule"].startswith("damaged: ")
    assert "(servers)" in rows["bad"]["Schedule"]
    assert rows["good"]["Schedule"] == "daily at 02:00 (UTC)"

    code, out, err = plan_command(capsys, "show", "bad", "-f", "json")
    assert code == 0, err
    assert "plan delete" in json.loads(out)["schedule"]


def test_a_damaged_plan_is_not_run_but_can_be_deleted(mistral, capsys):
    bad = plan("bad")
    mistral.add_plan(bad)
    damage(mistral, bad)

    code, out, err = plan_command(capsys, "run", "bad")
    assert code == 1
    assert 'Backup plan "bad" is damaged' in err
    assert mistral.executions == []

    code, out, err = plan_command(capsys, "delete", "bad")
    assert code == 0, err
    assert mistral.environments == {}


def test_show_names_the_servers_from_one_nova_listing(
        mistral, http_with_mistral, capsys):
    mistral.add_plan(plan(servers=(SERVER_ID, OTHER_SERVER)))
    listing = http_with_mistral.get(NOVA_URL + "/servers", json={
        "servers": [{"id": SERVER_ID, "name": "web-1", "links": []}]})

    code, out, err = plan_command(capsys, "show", "nightly", "-f", "json")

    assert code == 0, err
    assert json.loads(out)["servers"] == [
        "web-1 (%s)" % SERVER_ID, "%s (deleted)" % OTHER_SERVER]
    assert listing.call_count == 1
    assert sent(http_with_mistral, NOVA_URL.split("/")[2]) == [
        "GET /v2.1/servers"]


def test_show_without_nova_gives_the_ids(mistral, http_with_mistral, capsys):
    mistral.add_plan(plan())
    http_with_mistral.get(NOVA_URL + "/servers", status_code=503, json={})

    code, out, err = plan_command(capsys, "show", "nightly", "-f", "json")

    assert code == 0, err
    assert json.loads(out)["servers"] == [SERVER_ID]
