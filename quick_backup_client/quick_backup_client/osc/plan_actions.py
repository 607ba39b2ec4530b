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

"""``openstack server quick-backup plan delete``, ``plan run`` and ``plan
history``, with the library's calls (``store.delete``, ``store.run_now``,
``executions.history`` and ``runs.read``).
"""

import logging

from osc_lib.cli import format_columns
from osc_lib.command import command
from osc_lib import exceptions

from quick_backup_client.osc.i18n import _
from quick_backup_client.osc.i18n import ngettext
from quick_backup_client.osc import plan_messages
from quick_backup_client.osc import plan_support
from quick_backup_client.plans import executions as plan_executions
from quick_backup_client.plans import firings
from quick_backup_client.plans import runs
from quick_backup_client.plans import schedule
from quick_backup_client.plans import store

LOG = logging.getLogger(__name__)
HISTORY_COLUMNS = ("Run", "Started", "Finished", "State", "Trigger",
                   "Server", "Result", "Image", "Deleted")


def _plan_argument(parser, helps):
    parser.add_argument("plan", metavar="<plan>", help=helps)


class DeletePlan(command.Command):
    """Delete backup plans."""

    def get_description(self):
        return _("Delete backup plans: their schedules and trusts too; the "
                 "backups they made stay")

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("plans", metavar="<plan>", nargs="+",
                            help=_("Plan to delete (name or ID)"))
        return parser

    def take_action(self, parsed_args):
        client = plan_support.mistral(self.app)
        failed = 0
        for listed in plan_support.find_all(client, parsed_args.plans):
            try:
                plan_support.call(
                    _('Unable to delete backup plan "%s"') %
                    listed.plan.name, store.delete, client, listed.plan)
            except exceptions.CommandError as problem:
                LOG.error(problem)
                failed += 1
        if failed:
            raise exceptions.CommandError(ngettext(
                "%(failed)d of %(total)d backup plan was not deleted.",
                "%(failed)d of %(total)d backup plans were not deleted.",
                len(parsed_args.plans)) % {"failed": failed,
                                           "total": len(parsed_args.plans)})


class RunPlan(command.ShowOne):
    """Run a backup plan now."""

    def get_description(self):
        return _("Run a backup plan now, as you, whether or not it is "
                 "paused; prints the run's ID (see plan history)")

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        _plan_argument(parser, _("Plan to run (name or ID)"))
        return parser

    def take_action(self, parsed_args):
        client = plan_support.mistral(self.app)
        plan = plan_support.readable(plan_support.find(
            client, parsed_args.plan)).plan
        clients = self.app.client_manager.quick_backup
        execution = plan_support.call(
            _('Unable to run backup plan "%s"') % plan.name, store.run_now,
            client, clients.project_id, plan)
        return ("execution", "plan", "plan_name"), (execution, plan.id,
                                                    plan.name)


class PlanHistory(command.Lister):
    """List a backup plan's runs."""

    def get_description(self):
        return _("List a backup plan's newest runs, newest first: one row "
                 "per server, with what each run made and deleted, and why "
                 "it failed")

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        _plan_argument(parser, _("Plan whose runs to list (name or ID)"))
        plan_support.add_timezone(parser)
        return parser

    def take_action(self, parsed_args):
        tz_name = plan_support.zone_name(parsed_args)
        client = plan_support.mistral(self.app)
        listed = plan_support.find(client, parsed_args.plan)
        plan = listed.plan
        executions = plan_support.call(
            _('Unable to list the runs of backup plan "%s"') % plan.name,
            plan_executions.history, client, plan.id)
        read = [runs.read(execution) for execution in executions]
        rows = []
        for run in read:
            rows += [_row(run, item, tz_name)
                     for item in run.items or [None]]
        due = firings.missed(listed.trigger, read,
                             reaches=getattr(executions, "reaches", None))
        if due:
            self.app.stderr.write(_(plan_messages.MISSED) % {
                "due": _when(due, tz_name), "plan": plan.id} + "\n")
        return HISTORY_COLUMNS, rows


def _when(moment, tz_name):
    moment = schedule.in_zone(moment, tz_name)
    return moment.strftime("%Y-%m-%d %H:%M:%S %Z") if moment else ""


def _row(run, item, tz_name):
    trigger = _("schedule") if run.scheduled else _("run now")
    start = [run.id, _when(run.started, tz_name),
             _when(run.finished, tz_name), _(plan_messages.STATES[run.state]),
             trigger]
    if item is None:
        return start + ["", "", "", format_columns.ListColumn([])]
    result = _(plan_messages.RESULTS.get(item.kind,
                                         plan_messages.RESULTS[runs.UNKNOWN]))
    if item.kind in (runs.VERIFY_FAILED, runs.VERIFY_NOT_RUN):
        result += " (%s)" % plan_messages.verify_reason_words(
            item.verify_reason)
    if item.protected_kept:
        result += "; " + ngettext(
            "kept %d protected backup", "kept %d protected backups",
            item.protected_kept) % item.protected_kept
    if item.copy:
        result += "; " + _(plan_messages.COPY_RESULTS.get(
            item.copy, plan_messages.COPY_RESULTS[runs.UNKNOWN])) % {
                "store": item.copy_to or "-"}
    return start + [item.server_name or item.server or "", result,
                    item.image or "",
                    format_columns.ListColumn(item.deleted)]
