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

"""The Backup Plans surfaces for the fault matrix (Mistral's faults): each
names the one Mistral request a fault hits, what it needs made first, what
the user's browser (or the ``openstack`` command) sends, and the phrases
of which the answer must say one."""

import subprocess

from tests.integration import horizon_http
from tests.integration.test_osc_cloud import openstack

PLANS = "project/backup_plans/"
UNAVAILABLE = "not available right now"  # the dashboard's, errors.py


class PlanSurface:
    """``method`` on ``path`` (a regex, ``{...}`` from the matrix's ids)
    of Mistral fails; ``creates`` a regex of the requests that change
    something (each must be sent at most once); ``saves`` whether a plan
    named ``arranged["name"]`` may be left (checked for half plans)."""

    cli = False
    creates = None
    saves = False
    # How many of one changing request a success sends (else once).
    most = {}
    faults = None  # the matrix's faults that apply (None: every one)

    def __init__(self, name, method, path, expect):
        self.name, self.method, self.path = name, method, path
        self.expect = expect

    def arrange(self, matrix):
        return {}

    def act(self, matrix, arranged, region):
        raise NotImplementedError

    def tidy(self, matrix, arranged):
        """Leave the cloud as the next case needs it."""


class Page(PlanSurface):
    def __init__(self, name, method, path, expect, url):
        super().__init__(name, method, path, expect)
        self.url = url

    def act(self, matrix, arranged, region):
        return matrix.horizon.get(self.url.format(**matrix.ids))


class Create(PlanSurface):
    """The Create Backup Plan form (daily at 02:00), opened, then sent."""

    creates = r"^POST .*/(environments|cron_triggers)$"
    most = {"POST /v2/environments": 2}  # the plan's, its last run's
    saves = True

    def arrange(self, matrix):
        page = matrix.horizon.get(PLANS + "create/")
        assert page.status_code == 200, "the form did not open"
        fields = horizon_http.form_fields(page.text)
        name = matrix.unique_name()
        fields.update(name=name, instances=[matrix.ids["server"]],
                      preset="daily", time="02:00", weekday="0",
                      keep_last="3")
        return {"fields": fields, "name": name}

    def act(self, matrix, arranged, region):
        return matrix.horizon.post(PLANS + "create/", arranged["fields"])

    def tidy(self, matrix, arranged):
        matrix.delete_plans_named(arranged["name"])


class TableAction(PlanSurface):
    """A row's action of the Plans table on the standing plan (or, with
    ``fresh``, on a plan made for the case)."""

    def __init__(self, name, method, path, expect, action, creates,
                 fresh=False):
        super().__init__(name, method, path, expect)
        self.action, self.creates, self.fresh = action, creates, fresh

    def arrange(self, matrix):
        if self.fresh:
            matrix.ids["doomed"], matrix.ids["doomed_last"] = \
                matrix.make_plan()
        page = matrix.horizon.get(PLANS)
        assert page.status_code == 200
        plan_id = matrix.ids["doomed" if self.fresh else "plan"]
        return {"plan": plan_id, "fields": {
            "action": "plans__%s__%s" % (self.action, plan_id)}}

    def act(self, matrix, arranged, region):
        return matrix.horizon.post(PLANS, arranged["fields"])

    def tidy(self, matrix, arranged):
        if self.fresh:
            matrix.delete_plan(arranged["plan"])


class Command(PlanSurface):
    """``openstack server quick-backup plan ...`` with the demo's openrc."""

    cli = True

    def __init__(self, name, method, path, expect, argv, faults,
                 creates=None):
        super().__init__(name, method, path, expect)
        self.argv, self.creates, self.faults = argv, creates, faults
        self.saves = creates is not None
        if self.saves:
            self.most = Create.most

    def arrange(self, matrix):
        return {"name": matrix.unique_name()}

    def act(self, matrix, arranged, region):
        argv = [word.format(name=arranged["name"]) for word in self.argv]
        try:
            return openstack(matrix.cloud, "server", "quick-backup", "plan",
                             *argv, region=region)
        except subprocess.TimeoutExpired:
            raise AssertionError("the command never ended") from None

    def tidy(self, matrix, arranged):
        if self.saves:
            matrix.delete_plans_named(arranged["name"])


ANY_FAILURE = (UNAVAILABLE, "No match")
# Past the timeout costs seconds a case: the listing and the form (one
# read, one write) are tried slow; the others each kind of failure once.
QUICK = ("connection refused", "500", "malformed JSON")


def _only(surface, faults):
    surface.faults = faults
    return surface


SURFACES = [
    Page("Plans index", "GET", "/environments$",
         ("Unable to list backup plans",), PLANS),
    _only(Page("plan page history", "GET", "/executions$",
               ("Unable to read the plan's run history",
                "Unable to retrieve the backup plan"), PLANS + "{plan}/"),
          QUICK),
    Create("create", "POST", "/environments$",
           ("Unable to save backup plan", "Saved backup plan")),
    _only(TableAction("run now", "POST", "/executions$",
                      ("Started Plan", "Unable to run") + ANY_FAILURE,
                      "run_now", r"^POST .*/executions$"), QUICK),
    _only(TableAction("delete", "DELETE", "/environments/{doomed_last}$",
                      ("Deleted Plan", "Unable to delete") + ANY_FAILURE,
                      "delete", r"^DELETE .*/(cron_triggers|environments)/",
                      fresh=True), QUICK),
    Command("CLI plan list", "GET", "/environments$",
            ("Unable to list backup plans",), ["list"],
            # Each command costs seconds: the kinds of failure once each.
            ("connection refused", "500", "malformed JSON")),
    Command("CLI plan create", "POST", "/environments$",
            ("Unable to create backup plan",),
            ["create", "{name}", "--server", "web-1", "--daily", "02:00"],
            ("slower than the timeout", "500", "JSON not of Mistral's shape"),
            creates=r"^POST .*/(environments|cron_triggers)$"),
]

