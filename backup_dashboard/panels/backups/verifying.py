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

"""Verify (a test restore) on the Backups panel: the row action, the badge
column, and the step a verifying row's ajax update takes.

The badge comes from the backup's image properties, and a verifying row
shows its test instance's status from the server list the page already
makes: the listing costs no request more. A verifying row is not final, so
its update (``advance``) moves the test restore on: one server GET, and the
requests of a step (see ``quick_backup_client.verify``).
"""

import logging
import sys

from django.contrib import messages
from django.utils import html
from django.utils import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from oslo_utils import timeutils

from horizon import exceptions
from horizon import tables

from backup_dashboard.api import verify as verify_api
from backup_dashboard.panels import columns
from backup_dashboard.panels.quick_backup import errors
from backup_dashboard.panels.quick_backup import submissions
from backup_dashboard import policies
from quick_backup_client import verify
from quick_backup_client import verify_check
from quick_backup_client import verify_fit
from quick_backup_server import protocol

LOG = logging.getLogger(__name__)

REASONS = {
    verify_check.NO_HOST: _("the Compute service found no host for the "
                            "test instance"),
    verify_check.VOLUME_ERROR: _("the test instance's volumes could not be "
                                 "made from the backup's snapshots"),
    verify_check.BOOT_ERROR: _("the test instance failed to boot"),
    verify_check.TIMED_OUT: _("the test instance was not running in time"),
    verify_check.NO_OUTPUT: _("the test instance wrote nothing to its "
                              "console"),
    verify_check.GONE: _("the test instance was deleted before it could "
                         "be checked"),
    verify_check.NOT_BOOTED: _("the Compute service's answer to the boot "
                               "was lost, and no test instance appeared"),
    verify_check.NO_CONSOLE: _("it ran; this cloud keeps no console log "
                               "to read"),
}
NO_ROOM = {verify_fit.INSTANCES: _("instances"),
           verify_fit.CORES: _("vCPUs"),
           verify_fit.RAM: _("MiB of RAM"),
           verify_fit.VOLUMES: _("volumes"),
           verify_fit.GIGABYTES: _("GiB of volume storage")}
# The badge column's states: only a verifying row is updated.
STATUS_CHOICES = (("", True), (protocol.VERIFIED_PASSED, True),
                  (protocol.VERIFIED_FAILED, True),
                  (protocol.VERIFYING, None))


class Badge(str):
    """The verify state (what the status column compares), shown as its
    badge.
    """

    def __new__(cls, state, markup):
        badge = super().__new__(cls, state)
        badge.markup = markup
        return badge

    def __html__(self):
        return self.markup


def _ago(stamp):
    try:
        return timesince.timesince(timeutils.parse_isotime(stamp))
    except (TypeError, ValueError):
        return None


def badge_text(backup):
    """The badge's words and its label class, or None if never verified."""
    image = backup.image
    state = image.get(protocol.VERIFIED_PROPERTY)
    reason = image.get(protocol.VERIFIED_REASON_PROPERTY)
    if state == protocol.VERIFYING:
        server = getattr(backup, "verify_server", None)
        if server and server.get("status"):
            return _("Verifying (test instance %s)") % server["status"], \
                "label-info"
        return _("Verifying"), "label-info"
    if state == protocol.VERIFIED_PASSED:
        ago = _ago(image.get(protocol.VERIFIED_AT_PROPERTY))
        text = _("Verified %s ago") % ago if ago else _("Verified")
        if reason in REASONS:
            text = "%s (%s)" % (text, REASONS[reason])
        return text, "label-success"
    if state == protocol.VERIFIED_FAILED:
        return _("Verify failed: %s") % REASONS.get(
            reason, _("unknown reason")), "label-danger"
    return None


def badge(backup):
    """The badge; its state is ``VERIFYING`` until nothing of the test is
    left (the row updates until then), whatever the result shown.
    """
    found = badge_text(backup)
    state = backup.image.get(protocol.VERIFIED_PROPERTY) or ""
    if verify.is_running(backup.image):
        state = protocol.VERIFYING
    if found is None or state not in dict(STATUS_CHOICES):
        return Badge("", "-")
    return Badge(state, html.format_html(
        '<span class="label {}">{}</span>', found[1], found[0]))


def verified_column():
    return columns.Column(badge, verbose_name=_("Verified"), status=True,
                          status_choices=STATUS_CHOICES)


def attach(backups, servers):
    """Give each verifying backup its test instance from the page's own
    server list (``servers`` by id, or None when Nova could not say).
    """
    for backup in backups:
        server_id = backup.image.get(protocol.VERIFY_SERVER_PROPERTY)
        backup.verify_server = (servers or {}).get(server_id)


def advance(request, backup):
    """The row update's step of a running test restore; never fails the
    row (the next update tries again).
    """
    if not verify.is_running(backup.image):
        return backup
    try:
        backup.image = verify_api.advance(request, backup.image)
    except Exception:
        LOG.warning("Could not go on with the test restore of backup %s",
                    backup.id, exc_info=True)
    return backup


def no_room(problem):
    return _("There is no room in your project's quota for the test "
             "instance, so it was not started: it needs %(needed)d "
             "%(what)s, %(left)d left.") % {
                 "needed": problem.needed, "left": problem.left,
                 "what": NO_ROOM[problem.what]}


class VerifyBackup(tables.BatchAction):
    """Test-restore a backup: boot it, isolated, check it runs, delete it
    with what it made; the result shows in the Verified column.
    """
    name = "verify"
    icon = "check"
    help_text = _("A throwaway instance boots from the backup with no "
                  "network and the smallest flavor that fits, then is "
                  "deleted with the volumes it made. It counts against "
                  "your quota while it runs.")
    policy_rules = (policies.LAUNCH,)

    @staticmethod
    def action_present(count):
        return ngettext_lazy("Verify Backup", "Verify Backups", count)

    @staticmethod
    def action_past(count):
        return ngettext_lazy("Started a test restore of backup",
                             "Started test restores of backups", count)

    def allowed(self, request, backup=None):
        return backup is None or (
            backup.status == "active" and not backup.unverified and
            not verify.is_running(backup.image))

    def action(self, request, obj_id):
        backup = self.table.get_object_by_id(obj_id)
        if backup is None or backup.unverified:
            raise exceptions.NotFound()
        if not _claim(request, backup.id):
            return  # the same click, sent twice: its first send starts it
        try:
            verify_api.start(request, backup.image)
        except verify_fit.NoRoom as problem:
            messages.error(request, no_room(problem))
            raise exceptions.HandledException(sys.exc_info()) from None
        except verify_fit.NoFlavor:
            messages.error(request, _(
                'No flavor your project may use is large enough to boot '
                'backup "%s".') % backup.name)
            raise exceptions.HandledException(sys.exc_info()) from None
        except Exception as exc:
            messages.error(request, errors.verify_failure_message(exc) % {
                "backup": backup.name})
            raise exceptions.HandledException(sys.exc_info()) from None
        finally:
            submissions.release(request, backup.id, VERIFY_CLAIM)


# While one start of a backup's test restore runs, another of this user's
# is not sent (a double click); a start from elsewhere at the same moment is
# swept by the library (``verify_sweep``).
VERIFY_CLAIM = "verify"


def _claim(request, backup_id):
    try:
        return submissions.claim(request, backup_id, VERIFY_CLAIM)
    except Exception:
        LOG.warning("Could not claim the start of a test restore",
                    exc_info=True)
        return True  # the sweep still keeps one instance
