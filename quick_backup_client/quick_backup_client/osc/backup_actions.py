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

"""``openstack server quick-backup show``, ``protect``, ``unprotect`` and
``delete``: one of the project's Quick Backups by id, with the library's
calls (``backup_actions``) the Backups panel makes too.

Only the project's own Quick Backups, as ``list`` shows them: another
project's image, or an image that is no Quick Backup, is "no such backup".
A protected backup is never deleted (nor its volume snapshots), and
``delete`` then exits non-zero. A backup deleted while it is verified takes
its test instance along (``verify.discard``, as the panel's Delete does).
"""

import logging

from keystoneauth1 import exceptions as ks_exceptions
from osc_lib.command import command
from osc_lib import exceptions

from quick_backup_client import backup_actions
from quick_backup_client import backup_images
from quick_backup_client import backup_paths
from quick_backup_client.osc.i18n import _
from quick_backup_client.osc.i18n import ngettext
from quick_backup_client.osc import messages
from quick_backup_client import verify

LOG = logging.getLogger(__name__)


def _no_project():
    return exceptions.CommandError(_(
        "Quick Backups belong to a project: authenticate with a "
        "project-scoped token (set OS_PROJECT_NAME or OS_PROJECT_ID)."))


def _call(what, function, *args):
    """``function(*args)``; a CommandError that says ``what`` failed."""
    try:
        return function(*args)
    except backup_images.NoProject:
        raise _no_project() from None
    except backup_actions.NoSuchBackup as missing:
        raise exceptions.CommandError(
            _("No such Quick Backup in this project: %s") %
            missing.args[0]) from None
    except ks_exceptions.ClientException as exc:
        raise exceptions.CommandError(
            messages.image_failure(exc, what)) from None


def own_backup(clients, image_id):
    """The project's Quick Backup ``image_id`` (one GET), or CommandError."""
    if not clients.project_id:
        raise _no_project()
    return _call(_("Unable to show Quick Backup %s") % image_id,
                 backup_actions.own_backup, clients.glance,
                 clients.project_id, image_id)


def _backup_argument(parser, helps, many=False):
    parser.add_argument("backups" if many else "backup", metavar="<backup>",
                        nargs="+" if many else None, help=helps)


class ShowQuickBackup(command.ShowOne):
    """Show one Quick Backup."""

    def get_description(self):
        return _("Show one of the project's Quick Backups")

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        _backup_argument(parser, _("Backup to show (image ID)"))
        return parser

    def take_action(self, parsed_args):
        clients = self.app.client_manager.quick_backup
        rows = backup_actions.show_rows(own_backup(clients,
                                                   parsed_args.backup))
        return tuple(name for name, _value in rows), tuple(
            value for _name, value in rows)


class _SetProtected(command.ShowOne):
    value = None

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        _backup_argument(parser, self.argument_help())
        return parser

    def take_action(self, parsed_args):
        clients = self.app.client_manager.quick_backup
        image = own_backup(clients, parsed_args.backup)
        image = _call(self.failure() % image["id"],
                      backup_actions.set_protected, clients.glance,
                      image["id"], self.value)
        rows = backup_actions.show_rows(image)
        return tuple(name for name, _value in rows), tuple(
            value for _name, value in rows)


class ProtectQuickBackup(_SetProtected):
    """Protect a Quick Backup against deletion."""
    value = True

    def get_description(self):
        return _("Protect a Quick Backup: nobody can delete it (nor can "
                 "plan retention or Nova's rotation) until it is "
                 "unprotected")

    def argument_help(self):
        return _("Backup to protect (image ID)")

    def failure(self):
        return _("Unable to protect Quick Backup %s")


class UnprotectQuickBackup(_SetProtected):
    """Unprotect a Quick Backup."""
    value = False

    def get_description(self):
        return _("Unprotect a Quick Backup, so that it can be deleted")

    def argument_help(self):
        return _("Backup to unprotect (image ID)")

    def failure(self):
        return _("Unable to unprotect Quick Backup %s")


class DeleteQuickBackup(command.Command):
    """Delete Quick Backups."""

    def get_description(self):
        return _("Delete Quick Backups, and the volume snapshots of a "
                 "backup of a volume-backed server that no other image "
                 "points to; a protected backup is refused")

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        _backup_argument(parser, _("Backup to delete (image ID)"),
                         many=True)
        return parser

    def take_action(self, parsed_args):
        clients = self.app.client_manager.quick_backup
        failed = 0
        for image_id in parsed_args.backups:
            try:
                self._delete(clients, own_backup(clients, image_id))
            except exceptions.CommandError as problem:
                LOG.error(problem)
                failed += 1
        if failed:
            total = len(parsed_args.backups)
            raise exceptions.CommandError(ngettext(
                "%(failed)d of %(total)d Quick Backup was not deleted.",
                "%(failed)d of %(total)d Quick Backups were not deleted.",
                total) % {"failed": failed, "total": total})

    def _delete(self, clients, image):
        try:
            gone = _call(_("Unable to delete Quick Backup %s") % image["id"],
                         backup_actions.delete_image, clients.glance, image)
        except backup_actions.Protected:
            raise exceptions.CommandError(_(
                "Quick Backup %s is protected: unprotect it first "
                "(openstack server quick-backup unprotect ID).")
                % image["id"]) from None
        if not gone:
            return
        # Its test instance first: its volumes are made from the snapshots.
        problems = [self._discard_test_instance(clients, image),
                    self._delete_snapshots(clients, image)]
        problems = [problem for problem in problems if problem]
        if problems:
            raise exceptions.CommandError(" ".join(problems))

    def _discard_test_instance(self, clients, image):
        """Delete the instance testing the backup (one DELETE), if any;
        what went wrong, or None.
        """
        if not verify.is_running(image):
            return None
        try:
            verify.discard(clients.services, image)
        except ks_exceptions.ClientException:
            LOG.debug("Test instance of %s not deleted", image["id"],
                      exc_info=True)
            return _("Quick Backup %s was deleted, but not the instance "
                     "that was testing it: delete it with openstack server "
                     "delete.") % image["id"]
        return None

    def _delete_snapshots(self, clients, image):
        """Delete the snapshots no other image points to; what went
        wrong, or None.
        """
        snapshot_ids = backup_paths.volume_snapshot_ids(image)
        if not snapshot_ids:
            return None
        try:
            keep = backup_actions.still_pointed_to(
                clients.glance, clients.project_id, snapshot_ids)
            failed = backup_actions.delete_snapshots(
                clients.cinder, [snapshot_id for snapshot_id in snapshot_ids
                                 if snapshot_id not in keep])
        except ks_exceptions.ClientException:
            LOG.debug("Volume snapshots of %s not deleted", image["id"],
                      exc_info=True)
            failed = [snapshot_id for snapshot_id in snapshot_ids]
        if not failed:
            return None
        return _(
            "Quick Backup %(backup)s was deleted, but not its volume "
            "snapshots %(snapshots)s: delete them with openstack volume "
            "snapshot delete.") % {"backup": image["id"],
                                   "snapshots": ", ".join(failed)}
