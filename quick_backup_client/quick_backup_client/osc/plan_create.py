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

"""``openstack server quick-backup plan create``: a backup plan on Mistral.

The plan is checked by the library (``spec.make``) before anything is sent
to Mistral, and saved by it (``store.create``: the plan's environments and,
unless ``--paused``, its cron trigger, whose Keystone trust Mistral makes
from the user's token). Servers are found as ``quick-backup`` finds them.
"""

from osc_lib.command import command

from quick_backup_client.osc.i18n import _
from quick_backup_client.osc import plan_copy_option
from quick_backup_client.osc import plan_list
from quick_backup_client.osc import plan_support
from quick_backup_client.osc.server_facts import find_server
from quick_backup_client.plans import store


def add_servers(parser, option="--server", dest="servers", required=False,
                helps=None):
    parser.add_argument(
        option, metavar="<server>", action="append", dest=dest,
        required=required,
        help=helps or _("Server the plan backs up (name or ID); repeat for "
                        "several"))


def server_ids(clients, names_or_ids):
    """The servers' ids, each found as ``quick-backup`` finds a server."""
    return [find_server(clients, name_or_id).id
            for name_or_id in names_or_ids]


class CreatePlan(command.ShowOne):
    """Create a backup plan."""

    def get_description(self):
        return _("Create a backup plan: Quick Backups of servers on a "
                 "schedule, with retention, run by the workflow service "
                 "(Mistral) as you")

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("name", metavar="<name>",
                            help=_("Name of the plan"))
        add_servers(parser, required=True)
        plan_support.add_schedule(parser, required=True)
        plan_support.add_timezone(parser, for_schedule=True)
        plan_support.add_retention(parser, _(
            "Keep the newest N backups of each server (default: 7 when no "
            "--keep option is given)"))
        parser.add_argument(
            "--paused", action="store_true", default=False,
            help=_("Save the plan without scheduling it (plan set --resume "
                   "schedules it)"))
        plan_support.add_require_consistency(parser)
        plan_support.add_verify(parser)
        plan_copy_option.add(parser)
        return parser

    def take_action(self, parsed_args):
        tz_name = plan_support.zone_name(parsed_args)
        preset, time_text, weekday, option = \
            plan_support.schedule_given(parsed_args)
        retention = plan_support.retention_given(parsed_args)
        plan_support.make(option, name=parsed_args.name,
                          servers=[plan_support.UNCHECKED],
                          preset=preset, time_text=time_text,
                          weekday=weekday, timezone=tz_name,
                          retention=retention)
        clients = self.app.client_manager.quick_backup
        client = plan_support.mistral(self.app)
        plan = plan_support.make(
            option, name=parsed_args.name,
            servers=server_ids(clients, parsed_args.servers), preset=preset,
            time_text=time_text, weekday=weekday, timezone=tz_name,
            retention=retention, paused=parsed_args.paused,
            require_consistency=bool(parsed_args.require_consistency),
            verify=bool(parsed_args.verify),
            copy_to=plan_copy_option.given(clients, parsed_args))
        what = _('Unable to create backup plan "%s"') % plan.name
        plan_support.call(what, store.create, client, clients.project_id,
                          plan)
        listed = plan_support.call(what, store.get, client, plan.id)
        return plan_list.show(listed or store.Listed(plan, None, None),
                              tz_name)
