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

"""``openstack server quick-backup plan list`` and ``plan show``.

The listing is the library's (``store.plans``): two Mistral requests
whatever the number of plans. Schedules are said in words and next runs
given in the user's time zone (--timezone, else TZ, else UTC). ``plan
show`` names the servers from one Nova listing.
"""

from keystoneauth1 import exceptions as ks_exceptions
from novaclient import exceptions as nova_exceptions
from osc_lib.cli import format_columns
from osc_lib.command import command

from quick_backup_client.osc.i18n import _
from quick_backup_client.osc import listing
from quick_backup_client.osc import plan_messages
from quick_backup_client.osc import plan_support
from quick_backup_client.plans import schedule
from quick_backup_client.plans import store

COLUMNS = (("ID", "id"), ("Name", "name"), ("Servers", "servers"),
           ("Schedule", "schedule"), ("Retention", "retention"),
           ("Next Run", "next_run"), ("Last Result", "last_result"))
LONG_COLUMNS = (("Cron (UTC)", "cron"), ("Paused", "paused"),
                ("Require Consistency", "require_consistency"),
                ("Verify", "verify"),
                ("Copy To", "copy_to"))


def next_run(listed, tz_name):
    """When the plan runs next, in ``tz_name``, or why it does not."""
    if listed.plan.paused:
        return _("paused")
    if listed.trigger is None:
        return _("not scheduled: run \"openstack server quick-backup plan "
                 "set %s --resume\" to schedule it again") % listed.plan.id
    when = schedule.in_zone(schedule.parse_mistral_time(getattr(
        listed.trigger, "next_execution_time", None)), tz_name)
    return when.strftime("%Y-%m-%d %H:%M %Z") if when else ""


def server_names(clients):
    """``(names, complete)``: the project's servers' names by id from one
    Nova listing (a page, as Nova sizes it), and whether that page holds
    every server; ``({}, False)`` when Nova cannot say.
    """
    try:
        servers = clients.nova.servers.list(detailed=False)
    except (nova_exceptions.ClientException, ks_exceptions.ClientException):
        return {}, False
    return ({server.id: server.name for server in servers},
            len(servers) < listing.NOVA_PAGE)


def _servers(plan, names):
    """The plan's servers: "name (id)" where Nova named them, "id
    (deleted)" where a whole listing lacks them, else the id.
    """
    if names is None:
        return format_columns.ListColumn(plan.servers)
    found, complete = names
    return format_columns.ListColumn([
        _("%(name)s (%(id)s)") % {"name": found[server], "id": server}
        if server in found else _("%s (deleted)") % server if complete
        else server for server in plan.servers])


def info(listed, tz_name, names=None):
    """A plan's fields, as shown; ``names`` as ``server_names`` gives them
    (the ids alone without).
    """
    plan = listed.plan
    if plan.damaged:
        return {"id": plan.id, "name": plan.name,
                "servers": _servers(plan, names),
                "schedule": _(plan_messages.DAMAGED) % plan.problem,
                "cron": "", "retention": "",
                "next_run": next_run(listed, tz_name),
                "last_result": plan_messages.last_words(listed.last, tz_name),
                "paused": plan.paused}
    return {"id": plan.id, "name": plan.name,
            "servers": _servers(plan, names),
            "schedule": plan_messages.schedule_words(plan.cron, tz_name),
            "cron": plan.cron,
            "retention": plan_messages.retention_words(plan.retention),
            "next_run": next_run(listed, tz_name),
            "last_result": plan_messages.last_words(listed.last, tz_name),
            "paused": plan.paused,
            "require_consistency": plan.require_consistency,
            "verify": plan.verify,
            "copy_to": plan.copy_to or ""}


def show(listed, tz_name, names=None):
    """What ShowOne returns for a plan."""
    return zip(*sorted(info(listed, tz_name, names).items()))


class ListPlans(command.Lister):
    """List the project's backup plans."""

    def get_description(self):
        return _("List the project's backup plans, by name")

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        plan_support.add_timezone(parser)
        parser.add_argument(
            "--long", action="store_true", default=False,
            help=_("List additional fields in output"))
        return parser

    def take_action(self, parsed_args):
        tz_name = plan_support.zone_name(parsed_args)
        client = plan_support.mistral(self.app)
        listed = plan_support.call(_("Unable to list backup plans"),
                                   store.plans, client)
        columns = COLUMNS + (LONG_COLUMNS if parsed_args.long else ())
        rows = [info(item, tz_name) for item in listed]
        return ([title for title, _key in columns],
                [[row[key] for _title, key in columns] for row in rows])


class ShowPlan(command.ShowOne):
    """Show a backup plan."""

    def get_description(self):
        return _("Show a backup plan: its servers, schedule in words, "
                 "retention, next run and last result")

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("plan", metavar="<plan>",
                            help=_("Plan to show (name or ID)"))
        plan_support.add_timezone(parser)
        return parser

    def take_action(self, parsed_args):
        tz_name = plan_support.zone_name(parsed_args)
        client = plan_support.mistral(self.app)
        listed = plan_support.find(client, parsed_args.plan)
        return show(listed, tz_name, server_names(
            self.app.client_manager.quick_backup))
