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

"""``openstack server quick-backup <server>``: the dashboard's Quick Backup.

The same library code as the dashboard (``backup_paths.take``: our API
where the compute endpoint serves it, else createImage; createBackup when
chosen, never for an instance booted from a volume), the same image
properties and default name. Unlike the dashboard it keeps no memory of
what an endpoint serves: in ``auto`` mode it asks each time (one GET that
never makes an image). ``--wait`` follows the image in Glance until it is
active, with a progress line on stderr.

Nothing is sent while the server has a task (another backup, a reboot,
...: ``in_flight``): the command fails at once, saying so, or with
``--wait`` first waits up to ``in_flight.IDLE_WAIT_SECONDS`` for the task
to end (one GET every ``in_flight.IDLE_POLL_SECONDS``). A backup Nova
refused with a 500 because another one began at the same moment has its
queued image deleted (``lost_race``); with ``--wait`` it is then sent once
more, when the server's task has ended.
"""

import time

from keystoneauth1 import exceptions as ks_exceptions
from novaclient import exceptions as nova_exceptions
from osc_lib.command import command
from osc_lib import exceptions
from osc_lib import utils

from quick_backup_client import backup_images
from quick_backup_client import backup_paths
from quick_backup_client import consistency
from quick_backup_client import in_flight
from quick_backup_client import lost_race
from quick_backup_client.osc.i18n import _
from quick_backup_client.osc.i18n import ngettext
from quick_backup_client.osc import messages
from quick_backup_client.osc import server_facts
from quick_backup_client.osc import waiting
from quick_backup_server import protocol


def _env_setting(name):
    return utils.env("OS_QUICK_BACKUP_" + name) or None


class CreateQuickBackup(command.ShowOne):
    """Make a Quick Backup of a server."""

    sleep = staticmethod(time.sleep)  # tests wait without waiting

    def get_description(self):
        return _("Make a Quick Backup of a server: an image with the "
                 "dashboard's Quick Backup properties, taken the same way")

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("server", metavar="<server>",
                            help=_("Server to back up (name or ID)"))
        parser.add_argument(
            "--name", metavar="<name>",
            help=_("Name of the backup image (default: "
                   "<server name>-backup-<UTC time>, as in the dashboard)"))
        parser.add_argument(
            "--description", metavar="<description>", default="",
            help=_("Description kept with the backup (at most 255 "
                   "characters)"))
        parser.add_argument(
            "--method", metavar="<method>",
            default=_env_setting("METHOD") or backup_paths.AUTO,
            help=_("How the backup is taken: auto (backup_instance where "
                   "the Compute service serves it, else create_image), "
                   "backup_instance, create_image or create_backup; the "
                   "dashboard's QUICK_BACKUP_METHOD (default: auto; Env: "
                   "OS_QUICK_BACKUP_METHOD)"))
        parser.add_argument(
            "--backup-type", metavar="<backup-type>",
            default=_env_setting("BACKUP_TYPE"),
            help=_("For create_backup: Nova's backup type, such as daily "
                   "(Env: OS_QUICK_BACKUP_BACKUP_TYPE)"))
        parser.add_argument(
            "--rotation", metavar="<count>", type=int,
            default=_env_setting("ROTATION"),
            help=_("For create_backup: how many backups of the type Nova "
                   "keeps for the server; older ones are deleted (Env: "
                   "OS_QUICK_BACKUP_ROTATION)"))
        parser.add_argument(
            "--wait", action="store_true",
            help=_("Wait until the backup image is active, showing progress "
                   "on stderr; fail if it fails or is deleted. A server "
                   "busy with a task (such as another backup) is first "
                   "waited for, up to %d minutes, instead of failing")
            % (in_flight.IDLE_WAIT_SECONDS // 60))
        return parser

    def take_action(self, parsed_args):
        setup = backup_paths.Setup(parsed_args.method,
                                   parsed_args.backup_type,
                                   parsed_args.rotation)
        problem = setup.problem()
        if problem:
            raise exceptions.CommandError(_(
                "Quick Backup options are not usable: %s.") % problem)
        _check_text(parsed_args)
        clients = self.app.client_manager.quick_backup
        server = server_facts.find_server(clients, parsed_args.server)
        # As first read (a server read again while waiting is at 2.1).
        embedded = consistency.image_properties(server)
        try:
            server = self._idle(clients, server, parsed_args.wait)
        except (in_flight.InstanceBusy, nova_exceptions.ClientException,
                ks_exceptions.ClientException) as exc:
            raise exceptions.CommandError(messages.backup_failure(
                exc, server.name or server.id)) from None
        name = parsed_args.name or backup_paths.default_backup_name(
            server.name)
        volume_backed = backup_paths.is_volume_backed(server)
        if backup_paths.path_for(setup, volume_backed, False) == \
                backup_paths.CREATE_BACKUP:
            self._warn_of_rotation(clients, server, setup)
        # From the server as read (2.98+), else its base image in Glance;
        # unknown where unseen (nova-api's filter reads them itself).
        label = server_facts.expected(clients.glance, server, embedded)
        try:
            made = self._send(clients, server, name, parsed_args.wait,
                              lambda: backup_paths.take(
                                  clients.backups, setup, server.id, name,
                                  parsed_args.description, volume_backed,
                                  server.name, serves=lambda relearn:
                                  clients.backups.serves(server.id),
                                  consistency=label))
        except (backup_paths.NotSent, in_flight.InstanceBusy,
                in_flight.LostRace, nova_exceptions.ClientException,
                ks_exceptions.ClientException) as exc:
            raise exceptions.CommandError(messages.backup_failure(
                exc, server.name or server.id)) from None
        info = {"id": str(made.image_id), "name": name,
                "description": parsed_args.description,
                "server": server.id, "server_name": server.name,
                "method": made.path, "volume_backed": volume_backed}
        snapshots = len(getattr(
            server, backup_paths.VOLUMES_ATTACHED, None) or [])
        if parsed_args.wait:
            image = waiting.Waiter(clients.glance, self.app.stderr).wait(
                info["id"], server.name or server.id)
            # What the image records (the filter may have known more).
            info.update(status=image.get("status"), size=image.get("size"),
                        consistency=consistency.of_image(image))
            snapshots = len(backup_paths.volume_snapshot_ids(image))
        info["made"] = _made(volume_backed, snapshots)
        return zip(*sorted(info.items()))

    def _idle(self, clients, server, wait):
        """``server`` when it has no task; with ``wait``, the server read
        again once its task ended; else ``InstanceBusy``, nothing sent.
        """
        if not wait or not in_flight.task_state(server):
            return in_flight.check_idle(server)
        self.app.stderr.write(_(
            'Server "%(server)s" is busy (%(task)s): waiting for it to end '
            'before the backup is sent.') % {
                "server": server.name or server.id,
                "task": in_flight.task_state(server)} + "\n")
        return in_flight.wait_idle(
            lambda: clients.nova.servers.get(server.id), server=server,
            sleep=self.sleep)

    def _send(self, clients, server, name, wait, send):
        """``send()``, through ``lost_race``; when Nova refused it for a
        backup that began at the same moment (its image deleted), with
        ``wait`` once more after the server's task ended.
        """
        def attempt():
            return lost_race.take(clients.glance, clients.project_id,
                                  server.id, name, send)
        try:
            return attempt()
        except in_flight.LostRace:
            if not wait:
                raise
        self.app.stderr.write(_(
            'Another backup of server "%(server)s" began at the same '
            'moment, and the Compute service refused this one (its image '
            'was removed): waiting for that backup to end, then sending '
            'this one again.') % {"server": server.name or server.id} +
            "\n")
        in_flight.wait_idle(lambda: clients.nova.servers.get(server.id),
                            sleep=self.sleep)
        return attempt()

    def _warn_of_rotation(self, clients, server, setup):
        """Name on stderr the backups that Nova's rotation deletes once this
        one exists, as the dashboard's form does (one Glance GET); send
        nothing when they cannot be listed.
        """
        values = {"server": server.name or server.id,
                  "type": setup.backup_type, "rotation": setup.rotation}
        try:
            earlier = backup_images.images(
                clients.glance, backup_paths.rotation_filters(
                    server.id, setup.backup_type))
        except ks_exceptions.ClientException as exc:
            raise exceptions.CommandError(messages.image_failure(exc, _(
                'Unable to list the earlier %(type)s backups of server '
                '"%(server)s", of which the oldest are deleted after this '
                'one, so nothing was sent') % values)) from None
        doomed = backup_paths.rotated_out(earlier, setup.rotation)
        if not doomed:
            return
        values["count"] = len(doomed)
        lines = [ngettext(
            "Once this backup exists, Nova deletes %(count)d older "
            "%(type)s backup of server \"%(server)s\" (rotation "
            "%(rotation)d):",
            "Once this backup exists, Nova deletes %(count)d older "
            "%(type)s backups of server \"%(server)s\" (rotation "
            "%(rotation)d):", len(doomed)) % values]
        lines += ["  %s  %s  %s" % (image.get("id"), image.get("created_at"),
                                    image.get("name")) for image in doomed]
        self.app.stderr.write("\n".join(lines) + "\n")


def _check_text(parsed_args):
    """What Nova would refuse anyway, said before anything is sent."""
    if parsed_args.name is not None and not (
            0 < len(parsed_args.name.strip()) and
            len(parsed_args.name) <= protocol.NAME_MAX_LENGTH):
        raise exceptions.CommandError(_(
            "The backup name must have 1 to %d characters.")
            % protocol.NAME_MAX_LENGTH)
    if len(parsed_args.description) > protocol.DESCRIPTION_MAX_LENGTH:
        raise exceptions.CommandError(_(
            "The description must have at most %d characters.")
            % protocol.DESCRIPTION_MAX_LENGTH)


def _made(volume_backed, snapshots):
    if not volume_backed:
        return _("an image")
    return ngettext("an image that points to %d volume snapshot",
                    "an image that points to %d volume snapshots",
                    snapshots) % snapshots
