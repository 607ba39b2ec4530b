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

"""``openstack server quick-backup list``: the Backups panel's listing.

The same Glance query as the panel (``backup_images``: the marker and the
project as property filters, newest first), one GET per thousand backups
and never one per row; images that merely inherited the marker are left
out. ``--server`` adds the panel's instance filter.

A backup that will never finish (``in_flight.is_stuck``: still queued or
saving past ``in_flight.STUCK_AFTER_SECONDS`` while its instance has no
task) is listed with the status ``failed``, as the panel shows it. Nova is
asked about the instances' tasks (one GET of the project's servers) only
when some backup is unfinished past that bound.
"""

from keystoneauth1 import exceptions as ks_exceptions
from novaclient import exceptions as nova_exceptions
from osc_lib.command import command
from osc_lib import exceptions

from quick_backup_client import backup_images
from quick_backup_client import backup_paths
from quick_backup_client import consistency
from quick_backup_client import in_flight
from quick_backup_client.osc.i18n import _
from quick_backup_client.osc import messages
from quick_backup_client.osc.server_facts import find_server
from quick_backup_server import protocol

COLUMNS = (("ID", "id"), ("Name", "name"),
           ("Instance", protocol.INSTANCE_PROPERTY), ("Status", "status"),
           ("Size", "size"), ("Created", "created_at"),
           ("Consistency", protocol.CONSISTENCY_PROPERTY))
# The status of a backup Nova will never finish.
STUCK_STATUS = "failed"
# Nova's largest page of servers (its default max_limit).
NOVA_PAGE = 1000
LONG_COLUMNS = (("Instance Name", protocol.INSTANCE_NAME_PROPERTY),
                ("Description", protocol.DESCRIPTION_PROPERTY),
                ("Volume Snapshots", None), ("Stores", "stores"),
                ("Protected", "protected"),
                ("Verified", protocol.VERIFIED_PROPERTY))


class ListQuickBackups(command.Lister):
    """List the project's Quick Backups."""

    def get_description(self):
        return _("List the project's Quick Backups, newest first")

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            "--server", metavar="<server>",
            help=_("Only the backups of this server (name or ID; an ID "
                   "also finds the backups of a deleted server)"))
        parser.add_argument(
            "--long", action="store_true", default=False,
            help=_("List additional fields in output"))
        return parser

    def take_action(self, parsed_args):
        clients = self.app.client_manager.quick_backup
        filters = {}
        if parsed_args.server:
            server_id = parsed_args.server
            if not protocol.is_uuid(server_id):
                server_id = find_server(clients, parsed_args.server).id
            filters[protocol.INSTANCE_PROPERTY] = server_id
        try:
            found = backup_images.backups(clients.glance, clients.project_id,
                                          filters)
        except backup_images.NoProject:
            raise exceptions.CommandError(_(
                "Quick Backups belong to a project: authenticate with a "
                "project-scoped token (set OS_PROJECT_NAME or "
                "OS_PROJECT_ID).")) from None
        except ks_exceptions.ClientException as exc:
            raise exceptions.CommandError(messages.image_failure(
                exc, _("Unable to list Quick Backups"))) from None
        found = _mark_stuck(clients, found)
        columns = COLUMNS + (LONG_COLUMNS if parsed_args.long else ())
        return ([title for title, _key in columns],
                [[_value(image, key) for _title, key in columns]
                 for image in found])


def _mark_stuck(clients, images):
    """``images``, those that are stuck with ``STUCK_STATUS``; as Glance
    has them when Nova cannot say which instances have a task.
    """
    now = in_flight.utcnow()
    if not any(in_flight.may_be_stuck(image, now) for image in images):
        return images
    try:
        servers = clients.nova.servers.list()  # one page, as Nova sizes it
    except (nova_exceptions.ClientException,
            ks_exceptions.ClientException):
        return images
    tasks = {server.id: in_flight.task_state(server) for server in servers}
    # Past a full page an instance not listed may exist: never call its
    # backups stuck.
    complete = len(servers) < NOVA_PAGE

    def stuck(image):
        instance_id = image.get(protocol.INSTANCE_PROPERTY)
        return (complete or instance_id in tasks) and in_flight.is_stuck(
            image, tasks.get(instance_id), now)
    return [dict(image, status=STUCK_STATUS) if stuck(image) else image
            for image in images]


def _value(image, key):
    if key is None:  # the volume snapshots of a volume-backed backup
        return len(backup_paths.volume_snapshot_ids(image))
    if key == protocol.CONSISTENCY_PROPERTY:  # unknown on older backups
        return consistency.of_image(image)
    if key == "protected":
        return bool(image.get(key))
    return image.get(key)
