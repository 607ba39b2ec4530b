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

"""``openstack server quick-backup verify <backup>``: a test restore.

The library's steps (``quick_backup_client.verify``), as the dashboard's
Verify: the first call checks the quota and boots a throwaway instance
from the backup, isolated; a later call (or the Backups panel) finishes
it. ``--wait`` follows it to the end with a progress line on stderr: the
result recorded on the backup, the instance deleted with its volumes.
"""

import time

from keystoneauth1 import exceptions as ks_exceptions
from osc_lib.command import command
from osc_lib import exceptions

from quick_backup_client import backup_images
from quick_backup_client import failures
from quick_backup_client.osc.i18n import _
from quick_backup_client.osc import verify_messages
from quick_backup_client.osc import waiting
from quick_backup_client import verify
from quick_backup_client import verify_check
from quick_backup_client import verify_fit
from quick_backup_server import protocol

# How long --wait follows a test restore: the bound on the instance, then
# on its deletion, and a margin.
WAIT_SECONDS = verify_check.VERIFY_SECONDS + verify.DELETE_SECONDS + 60


class VerifyQuickBackup(command.ShowOne):
    """Test-restore a Quick Backup."""

    sleep = staticmethod(time.sleep)  # tests wait without waiting
    clock = staticmethod(time.monotonic)

    def get_description(self):
        return _("Test-restore a Quick Backup: boot a throwaway instance "
                 "from it with no network and the smallest flavor that "
                 "fits, check that it runs, then delete it and the volumes "
                 "it made; the result is kept on the backup")

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("backup", metavar="<backup>",
                            help=_("Backup to verify (image ID)"))
        parser.add_argument(
            "--wait", action="store_true",
            help=_("Wait until the test restore has ended and its instance "
                   "is deleted, showing progress on stderr; fail if the "
                   "backup does not verify"))
        return parser

    def take_action(self, parsed_args):
        clients = self.app.client_manager.quick_backup
        services = clients.services
        backup_id = parsed_args.backup
        image = self._own(clients, backup_id)
        try:
            if verify.is_running(image):
                image = verify.advance(services, image)
            else:
                image = verify.start(services, image)
            if parsed_args.wait:
                image = self._wait(services, image)
        except verify_fit.NoRoom as problem:
            raise exceptions.CommandError(
                verify_messages.no_room(problem)) from None
        except verify_fit.NoFlavor:
            raise exceptions.CommandError(_(
                "No flavor your project may use is large enough to boot "
                "backup %s.") % backup_id) from None
        except verify.NotVerifiable:
            raise exceptions.CommandError(_(
                "Backup %s is not active yet: only an active backup can be "
                "verified.") % backup_id) from None
        except ks_exceptions.ClientException as exc:
            raise exceptions.CommandError(verify_messages.failure(
                exc, backup_id)) from None
        except (ValueError, KeyError, TypeError, AttributeError):
            # A service's answer not of its API (never its text shown).
            raise exceptions.CommandError(verify_messages.failure(
                failures.BadAnswer(), backup_id)) from None
        if parsed_args.wait and image.get(protocol.VERIFIED_PROPERTY) == \
                protocol.VERIFIED_FAILED:
            raise exceptions.CommandError(_(
                "Backup %(backup)s did not verify: %(result)s.") % {
                    "backup": backup_id,
                    "result": verify_messages.result(image)})
        # The fields ``show`` has, with the same values, and the result in
        # words.
        info = {"id": image["id"], "name": image.get("name"),
                "verified": image.get(protocol.VERIFIED_PROPERTY) or "",
                "verified_at": image.get(protocol.VERIFIED_AT_PROPERTY) or "",
                "verified_reason": image.get(
                    protocol.VERIFIED_REASON_PROPERTY) or "",
                "result": verify_messages.result(image) or "",
                "test_instance": image.get(
                    protocol.VERIFY_SERVER_PROPERTY) or ""}
        return zip(*sorted(info.items()))

    def _own(self, clients, backup_id):
        """The project's Quick Backup ``backup_id`` (one GET)."""
        if not protocol.is_uuid(backup_id):
            raise exceptions.CommandError(_(
                "Give the backup's image ID (see \"openstack server "
                "quick-backup list\")."))
        try:
            image = backup_images.image_get(clients.glance, backup_id)
        except ks_exceptions.NotFound:
            image = None
        except ks_exceptions.ClientException as exc:
            raise exceptions.CommandError(verify_messages.failure(
                exc, backup_id)) from None
        if not image or image.get("owner") != clients.project_id or \
                not protocol.is_quick_backup(image):
            raise exceptions.CommandError(_(
                "Backup %s is not one of your project's Quick Backups.")
                % backup_id)
        return image

    def _wait(self, services, image):
        """Advance every POLL_SECONDS until the instance is gone."""
        began, stream = self.clock(), self.app.stderr
        tty = getattr(stream, "isatty", lambda: False)()
        last = None
        while verify.is_running(image):
            elapsed = int(self.clock() - began)
            if elapsed > WAIT_SECONDS:
                raise exceptions.CommandError(_(
                    "The test restore of backup %s has not ended in time; "
                    "run the command again to go on.") % image["id"])
            line = _("Verify %(backup)s: %(state)s, %(elapsed)s elapsed") % {
                "backup": image["id"], "elapsed": "%d:%02d" % divmod(
                    elapsed, 60), "state": _state(image)}
            if tty:
                stream.write("\r" + line)
            elif _state(image) != last:
                stream.write(line + "\n")
            last = _state(image)
            stream.flush()
            self.sleep(waiting.POLL_SECONDS)
            image = verify.advance(services, image)
        if tty and last is not None:
            stream.write("\n")
        return image


def _state(image):
    if image.get(protocol.VERIFIED_PROPERTY) == protocol.VERIFYING:
        return _("test instance booting")
    return _("deleting the test instance")
