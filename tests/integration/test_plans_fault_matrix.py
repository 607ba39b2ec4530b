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

"""The fault matrix on the Backup Plans surfaces (Horizon over HTTP as the
demo user, and the ``openstack`` command): Mistral refusing connections,
slower than the dashboard's timeout, failing (5xx) and answering 200 with
a body that is not JSON or not of Mistral's shape. Each case: a normal page
(or a redirect to one) or the command's error and a non-zero exit, words
of the plugin's own and never Mistral's text nor a traceback, each
changing request sent at most once, and no half plan (an environment
without its trigger listed as scheduled, or a trigger without its plan).
"""

import collections
import itertools
import json
import re
import time
import uuid

import pytest
import requests

from devcloud import horizon as devcloud_horizon
from quick_backup_client.plans import spec
from quick_backup_client.plans import store
from quick_backup_client.plans import workflow
from tests.integration import horizon_http
from tests.integration.fault_matrix_cloud import BROKEN_PAGE
from tests.integration.fault_matrix_cloud import check_page
from tests.integration.fault_matrix_cloud import INJECTED
from tests.integration.fault_matrix_cloud import refusing
from tests.integration.plan_fault_surfaces import SURFACES

REFUSING = "RefusingWorkflow"
LATE = devcloud_horizon.API_TIMEOUT + 2
# The command sets no time limit of its own: a slow Mistral is waited for
# (seconds late enough to be slow, short enough to keep the matrix cheap).
CLI_LATE = 3
SLOW = "slower than the timeout"
FAULTS = {
    "connection refused": None,  # a region whose Mistral endpoint refuses
    SLOW: {"delay": LATE},
    # 5xx: the old matrix already tells 500 from 503 on the other services.
    "500": {"status": 500},
    # Both after Mistral has done the work.
    "malformed JSON": {"raw": "<html>%s" % INJECTED},
    "JSON not of Mistral's shape": {"raw": json.dumps([INJECTED])},
}


class PlanMatrix:
    def __init__(self, cloud, demo):
        self.cloud, self.demo = cloud, demo
        self.fault_url = cloud.info["faults"]["workflow"]
        self.http = requests.Session()
        self.mistral = store.connect(session=demo)
        self.names = itertools.count(1)
        self.ids = {"server": cloud.info["servers"]["web-1"]}
        # The standing plan: paused, of an instance that does not exist
        # (a run ends at once, as "instance gone", and makes nothing).
        self.ids["plan"], _last = self.make_plan()
        self.horizon = horizon_http.Horizon(cloud.horizon_url,
                                            cloud.info["demo"])

    def unique_name(self):
        return "fault-matrix-plan-%d" % next(self.names)

    def make_plan(self):
        plan = spec.make(self.unique_name(), [str(uuid.uuid4())], "daily",
                         "03:00", paused=True)
        store.create(self.mistral, self.demo.get_project_id(), plan)
        return plan.id, plan.last_env_name

    def delete_plan(self, plan_id):
        listed = store.get(self.mistral, plan_id)
        if listed is not None:
            store.delete(self.mistral, listed.plan)

    def delete_plans_named(self, name):
        for listed in self.named(name):
            store.delete(self.mistral, listed.plan)

    def named(self, name):
        return [listed for listed in store.plans(self.mistral)
                if listed.plan.name == name]

    def orphan_triggers(self):
        """The project's plan triggers whose plan is not there."""
        plans = {listed.plan.env_name for listed in
                 store.plans(self.mistral)}
        return [trigger.name for trigger in self.mistral.cron_triggers.list()
                if trigger.name.startswith(workflow.ENV_PREFIX) and
                trigger.name not in plans]

    # The fault port.
    def clear_faults(self):
        self.http.delete(self.fault_url, timeout=30).raise_for_status()

    def inject(self, surface, fault):
        rule = dict(fault, method=surface.method,
                    path_regex=surface.path.format(**self.ids))
        self.http.post(self.fault_url, json=rule,
                       timeout=30).raise_for_status()

    def requests_seen(self):
        return self.http.get(self.fault_url, timeout=30).json()["requests"]


@pytest.fixture(scope="module")
def matrix(cloud, demo_session, admin_session):
    if "workflowv2" not in cloud.info["endpoints"]:
        pytest.skip("this series' local cloud runs no Mistral (workflowv2)")
    with refusing(admin_session, {REFUSING: "workflowv2"}):
        made = PlanMatrix(cloud, demo_session)  # logs in once it exists
        try:
            yield made
        finally:
            made.clear_faults()
            made.delete_plan(made.ids["plan"])


def _cases():
    return [(surface, fault) for surface in SURFACES for fault in FAULTS
            if surface.faults is None or fault in surface.faults]


def _check_command(surface, fault, answer):
    said = answer.stdout + answer.stderr
    for broken in BROKEN_PAGE + (INJECTED, "<html>"):
        assert broken not in said, said
    if fault == SLOW:  # waited for, and done
        assert answer.returncode == 0, answer.stderr
        return ""
    assert answer.returncode != 0, answer.stdout
    assert any(phrase in answer.stderr for phrase in surface.expect), \
        answer.stderr
    return answer.stderr


def _check_no_half_plan(matrix, surface, fault, arranged, shown):
    saved = "Saved backup plan" in shown or (surface.cli and not shown)
    left = matrix.named(arranged["name"])
    if saved:
        assert len(left) == 1 and left[0].trigger is not None, left
    else:
        # Never listed as scheduled; a request that reached Mistral after
        # the dashboard gave up may leave the plan, as "not scheduled".
        assert all(listed.trigger is None for listed in left), left
        if fault != SLOW:
            assert not left, left
    assert not matrix.orphan_triggers()


@pytest.mark.parametrize("surface,fault", _cases(), ids=[
    "%s, %s" % (surface.name, fault) for surface, fault in _cases()])
def test_a_mistral_failure_gives_a_clear_message_and_never_a_500(
        matrix, surface, fault):
    arranged = surface.arrange(matrix)
    matrix.clear_faults()
    refused = FAULTS[fault] is None
    rule, late = FAULTS[fault], LATE
    if surface.cli and fault == SLOW:
        rule, late = {"delay": CLI_LATE}, CLI_LATE
    if refused and not surface.cli:
        matrix.horizon.switch_region(REFUSING)
    if not refused:
        matrix.inject(surface, rule)
    started = time.monotonic()
    try:
        answer = surface.act(matrix, arranged, REFUSING if refused else None)
        seen = matrix.requests_seen()
        matrix.clear_faults()
        if surface.cli:
            shown = _check_command(surface, fault, answer)
        else:
            messages = matrix.horizon.messages_after(answer)
            shown = check_page(fault, answer, messages, surface.expect)
        if surface.creates:
            creates = [line for line in seen
                       if re.search(surface.creates.format(
                           **matrix.ids), line)]
            for line, count in collections.Counter(creates).items():
                assert count <= surface.most.get(line, 1), creates
        if fault == SLOW and surface.creates:
            # Let the late request reach Mistral before looking.
            time.sleep(max(0, started + late + 1 - time.monotonic()))
        if surface.saves:
            _check_no_half_plan(matrix, surface, fault, arranged, shown)
    finally:
        if not surface.cli:
            matrix.horizon.back_home()
        surface.tidy(matrix, arranged)
