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

"""``openstack server quick-backup copy <backup> --store S [--wait]`` and
``remove-copy <backup> --store S``: the dashboard's Copy to Store and
Remove Copy, with the same library (``copies``) and the same refusals.

Copy costs three requests (the backup, the stores this user may target,
the import) and, with ``--wait``, one GET every ``waiting.POLL_SECONDS``
until the copy is in place, with a progress line on stderr.
"""

from keystoneauth1 import exceptions as ks_exceptions
from osc_lib.command import command
from osc_lib import exceptions

from quick_backup_client import backup_images
from quick_backup_client import copies
from quick_backup_client import failures
from quick_backup_client.osc.i18n import _
from quick_backup_client.osc.i18n import N_
from quick_backup_client.osc import messages
from quick_backup_client.osc import waiting
from quick_backup_server import protocol

# Why a copy or a removal failed, by ``failures.copy_kind``.
FAILURES = {
    copies.SINGLE_STORE: N_("This cloud's Image service has one store "
                            "only: there is nowhere to copy to."),
    copies.VOLUME_BACKED: N_(
        "Backup %(backup)s is of a server booted from a volume: its data "
        "are volume snapshots in the Block Storage service, so a copy to "
        "another image store would move nothing."),
    copies.NOT_ACTIVE: N_("Backup %(backup)s is not active yet."),
    copies.COPYING: N_("The Image service is already copying backup "
                       "%(backup)s: wait until that copy is in place."),
    copies.UNKNOWN_STORE: N_('"%(store)s" is not a store of the Image '
                             'service that you may use.'),
    copies.ALREADY_THERE: N_('Backup %(backup)s is already in store '
                             '"%(store)s".'),
    copies.NOT_THERE: N_('Backup %(backup)s has no copy in store '
                         '"%(store)s".'),
    copies.LAST_COPY: N_('Store "%(store)s" holds the only copy of backup '
                         '%(backup)s: delete the backup instead.'),
    failures.COPY_FORBIDDEN: N_("The Image service's policy does not allow "
                                "you to do this (HTTP 403)."),
    failures.COPY_GONE: N_("No Quick Backup %(backup)s in this project."),
    failures.TIMEOUT: N_("The Image service did not answer in time: run "
                         '"openstack server quick-backup list --long" '
                         "before trying again."),
    failures.UNREACHABLE: N_("Unable to reach the Image service: nothing "
                             "was changed."),
    failures.SERVER_ERROR: N_("The Image service failed."),
    failures.UNKNOWN: N_("Unable to do this right now."),
}


def failure(exc, backup, store=None):
    common = messages.common_failure(exc)
    if common:
        return common
    store = getattr(exc, "store", None) or store
    return _(FAILURES[failures.copy_kind(exc)]) % {
        "backup": backup, "store": store}


def own_backup(clients, backup_id):
    """The project's Quick Backup ``backup_id`` (one GET), else a
    CommandError: never another project's image.
    """
    if not protocol.is_uuid(backup_id):
        raise exceptions.CommandError(_(FAILURES[failures.COPY_GONE]) % {
            "backup": backup_id})
    try:
        image = backup_images.image_get(clients.glance, backup_id)
    except ks_exceptions.ClientException as exc:
        raise exceptions.CommandError(failure(exc, backup_id)) from None
    if image.get("owner") != clients.project_id or \
            not protocol.is_quick_backup(image):
        raise exceptions.CommandError(_(FAILURES[failures.COPY_GONE]) % {
            "backup": backup_id})
    return image


class _StoreCommand(command.Command):

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("backup", metavar="<backup>",
                            help=_("The backup's image ID"))
        parser.add_argument("--store", metavar="<store>", required=True,
                            help=self.store_help)
        return parser


class CopyQuickBackup(_StoreCommand):
    """Copy a Quick Backup to another image store."""

    store_help = _("The Image service store to copy to")

    def get_description(self):
        return _("Copy a Quick Backup to another store of the Image service "
                 "(its copy-image import); not possible for a backup of a "
                 "server booted from a volume")

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            "--wait", action="store_true", default=False,
            help=_("Wait until the copy is in place, with a progress line "
                   "on stderr; fail if it fails"))
        return parser

    def take_action(self, parsed_args):
        clients = self.app.client_manager.quick_backup
        backup, store = parsed_args.backup, parsed_args.store
        image = own_backup(clients, backup)
        try:
            copies.check_copy(image, [store])  # before asking for stores
            available = copies.available_stores(clients.glance)
            copies.copy(clients.glance, image, [store], available)
        except (copies.CopyRefused, ks_exceptions.ClientException) as exc:
            raise exceptions.CommandError(failure(exc, backup, store)) \
                from None
        if parsed_args.wait:
            CopyWaiter(clients.glance, self.app.stderr).wait(backup, store)
            self.app.stdout.write(_('Backup %(backup)s is in store '
                                    '"%(store)s".\n') % {
                                        "backup": backup, "store": store})
        else:
            self.app.stdout.write(_('Backup %(backup)s is being copied to '
                                    'store "%(store)s".\n') % {
                                        "backup": backup, "store": store})


class RemoveQuickBackupCopy(_StoreCommand):
    """Remove a Quick Backup's copy from one image store."""

    store_help = _("The Image service store whose copy is removed (never "
                   "the backup's last one)")

    def get_description(self):
        return _("Remove a Quick Backup's copy from one store of the Image "
                 "service; its copies in other stores stay")

    def take_action(self, parsed_args):
        clients = self.app.client_manager.quick_backup
        backup, store = parsed_args.backup, parsed_args.store
        image = own_backup(clients, backup)
        try:
            copies.remove_copy(clients.glance, image, store)
        except (copies.CopyRefused, ks_exceptions.ClientException) as exc:
            raise exceptions.CommandError(failure(exc, backup, store)) \
                from None
        self.app.stdout.write(_('The copy of backup %(backup)s in store '
                                '"%(store)s" was removed.\n') % {
                                    "backup": backup, "store": store})


class CopyWaiter(waiting.Waiter):
    """Follows a copy until the image is in ``store`` (one GET every
    POLL_SECONDS), with a progress line as ``--wait`` of a backup.
    """

    def wait(self, backup, store):
        started, last = self.clock(), None
        while True:
            try:
                image = backup_images.image_get(self.glance, backup)
            except ks_exceptions.ClientException as exc:
                self._end(last)
                raise exceptions.CommandError(failure(exc, backup)) \
                    from None
            copying = copies.is_copying(image)
            if not copying and store in copies.stores(image):
                self._end(last)
                return image
            if not copying:
                self._end(last)
                raise exceptions.CommandError(_(
                    'The copy of backup %(backup)s to store "%(store)s" '
                    'failed.') % {"backup": backup, "store": store})
            last = self._show(backup, _("copying to %s") % store,
                              self.clock() - started, last)
            self.sleep(waiting.POLL_SECONDS)
