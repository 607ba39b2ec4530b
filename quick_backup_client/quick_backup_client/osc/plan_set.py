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

"""``openstack server quick-backup plan set``: edit, pause or resume a plan.

What is not given stays as it is; the edited plan is checked by the library
(``spec.make``) and saved by it (``store.update``: its cron trigger, and so
its trust, is replaced; none while paused). A schedule left alone keeps its
UTC pattern.
"""

from osc_lib.command import command
from osc_lib import exceptions

from quick_backup_client.osc.i18n import _
from quick_backup_client.osc import plan_copy_option
from quick_backup_client.osc import plan_create
from quick_backup_client.osc import plan_list
from quick_backup_client.osc import plan_support
from quick_backup_client.plans import schedule
from quick_backup_client.plans import store
from quick_backup_server import protocol


class SetPlan(command.ShowOne):
    """Change a backup plan."""

    def get_description(self):
        return _("Change a backup plan's name, servers, schedule or "
                 "retention, or pause or resume it")

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("plan", metavar="<plan>",
                            help=_("Plan to change (name or ID)"))
        parser.add_argument("--name", metavar="<name>",
                            help=_("New name of the plan"))
        plan_create.add_servers(parser, helps=_(
            "Server the plan backs up instead of its current ones (name or "
            "ID); repeat for several"))
        plan_create.add_servers(parser, "--add-server", "add_servers",
                                helps=_("Server to add (name or ID)"))
        plan_create.add_servers(parser, "--remove-server", "remove_servers",
                                helps=_("Server to remove (name or ID)"))
        plan_support.add_schedule(parser, required=False)
        plan_support.add_timezone(parser, for_schedule=True)
        plan_support.add_retention(parser)
        running = parser.add_mutually_exclusive_group()
        running.add_argument("--pause", action="store_true", default=False,
                             help=_("Stop running the plan (its trigger and "
                                    "trust are deleted)"))
        running.add_argument("--resume", action="store_true", default=False,
                             help=_("Run the plan on its schedule again"))
        plan_support.add_require_consistency(parser, with_off=True)
        plan_support.add_verify(parser, with_off=True)
        plan_copy_option.add(parser, with_off=True)
        return parser

    def take_action(self, parsed_args):
        tz_name = plan_support.zone_name(parsed_args)
        client = plan_support.mistral(self.app)
        listed = plan_support.readable(plan_support.find(
            client, parsed_args.plan))
        plan = listed.plan
        given = plan_support.schedule_given(parsed_args)
        if given is None and parsed_args.timezone and \
                plan.preset != schedule.CRON:
            given = plan.preset, plan.time, plan.weekday, "--timezone"
        if given is None:
            preset, time_text, weekday, option = (
                plan.preset, plan.cron if plan.preset == schedule.CRON
                else plan.time, plan.weekday, "--schedule")
            zone = plan.timezone
        else:
            preset, time_text, weekday, option = given
            zone = tz_name
        clients = self.app.client_manager.quick_backup
        edited = plan_support.make(
            option, name=plan.name if parsed_args.name is None
            else parsed_args.name,
            servers=self._servers(clients, plan, parsed_args),
            preset=preset, time_text=time_text, weekday=weekday,
            timezone=zone, plan_id=plan.id,
            retention=plan_support.retention_given(
                parsed_args, plan.retention) or plan.retention,
            paused=plan.paused if not (parsed_args.pause or
                                       parsed_args.resume)
            else parsed_args.pause,
            require_consistency=plan.require_consistency
            if parsed_args.require_consistency is None
            else parsed_args.require_consistency,
            verify=plan.verify if parsed_args.verify is None
            else parsed_args.verify,
            copy_to=plan_copy_option.given(clients, parsed_args,
                                           plan.copy_to))
        if given is None:
            edited = edited.replace(cron=plan.cron)
        if edited == plan and (plan.paused or listed.trigger is not None):
            return plan_list.show(listed, tz_name)
        what = _('Unable to change backup plan "%s"') % plan.name
        plan_support.call(what, store.update, client, clients.project_id,
                          edited, listed)
        saved = plan_support.call(what, store.get, client, plan.id)
        return plan_list.show(saved or store.Listed(edited, None, None),
                              tz_name)

    @staticmethod
    def _servers(clients, plan, parsed_args):
        servers = plan.servers
        if parsed_args.servers:
            servers = plan_create.server_ids(clients, parsed_args.servers)
        if parsed_args.add_servers:
            servers = servers + plan_create.server_ids(
                clients, parsed_args.add_servers)
        if parsed_args.remove_servers:
            gone = set(_ids(clients, parsed_args.remove_servers))
            servers = [server for server in servers if server not in gone]
        if not servers:
            raise exceptions.CommandError(_(
                "A plan backs up at least one server: it would have none "
                "left."))
        return servers


def _ids(clients, names_or_ids):
    """Ids as given, names found: a deleted server can still be removed."""
    return [name_or_id if protocol.is_uuid(name_or_id)
            else plan_create.server_ids(clients, [name_or_id])[0]
            for name_or_id in names_or_ids]
