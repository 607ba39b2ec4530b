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

"""Protect and Unprotect (Glance's ``protected``), the Protected column,
and what Delete says of a protected backup."""

import sys

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from horizon import exceptions
from horizon import messages
from horizon import tables

from backup_dashboard.api import glance as glance_api
from backup_dashboard import policies
from quick_backup_client import backup_actions

# What Delete says of a protected backup (``%s``: its name).
PROTECTED_MESSAGE = _('Backup "%s" is protected: unprotect it first.')
PROTECTED_HELP = _("Protected: nobody can delete it (nor can plan "
                   "retention or Nova's rotation) until it is unprotected.")


def is_protected(backup):
    """Glance's ``protected`` of the backup's image, as listed."""
    return bool((getattr(backup, "image", None) or {}).get("protected"))


def refuse_protected(request, backup):
    """Say that ``backup`` is protected and cannot be deleted."""
    messages.error(request, PROTECTED_MESSAGE % backup.name)


class RefusesProtected(object):
    """Delete's refusal of a protected backup, by name: one in a crafted
    post (the action is not offered for it), or one Glance refuses with its
    403 (protected since the page was read), never reported as a failure.
    """

    def handle(self, table, request, obj_ids):
        kept = []
        for obj_id in obj_ids:
            backup = table.get_object_by_id(obj_id)
            if backup is not None and is_protected(backup):
                refuse_protected(request, backup)
            else:
                kept.append(obj_id)
        return super().handle(table, request, kept)

    def action(self, request, obj_id):
        try:
            return super().action(request, obj_id)
        except backup_actions.Protected:
            refuse_protected(request, self.table.get_object_by_id(obj_id))
            raise exceptions.HandledException(sys.exc_info()) from None


def protected_cell(backup):
    """A lock and "Yes" for a protected backup, from Glance's listing."""
    if is_protected(backup):
        return format_html(
            '<span class="fa fa-lock" title="{}"></span> {}',
            PROTECTED_HELP, _("Yes"))
    return _("No")


class _ProtectionAction(tables.BatchAction):
    """Set ``protected`` to ``value`` on the chosen backups (one PATCH
    each), for active backups of this project that Glance's policy lets
    the user modify.
    """
    value = None
    policy_rules = (policies.MODIFY_IMAGE,)

    def get_policy_target(self, request, datum=None):
        return policies.image_target(getattr(datum, "image", None) or {})

    def allowed(self, request, backup=None):
        # A batch; or a backup Glance could not show (a post's stand-in,
        # never a row): action() refuses it, said as "Unable to", as Delete.
        if backup is None or getattr(backup, "unverified", False):
            return True
        return backup.status == "active" and \
            is_protected(backup) != self.value

    def action(self, request, obj_id):
        backup = self.table.get_object_by_id(obj_id)
        # Gone, not this project's, or Glance could not say: never touched.
        if backup is None or backup.unverified:
            raise exceptions.NotFound()
        glance_api.image_set_protected(request, backup.id, self.value)


class ProtectBackup(_ProtectionAction):
    name = "protect"
    icon = "lock"
    value = True
    help_text = _("A protected backup cannot be deleted until it is "
                  "unprotected.")

    @staticmethod
    def action_present(count):
        return ngettext_lazy("Protect Backup", "Protect Backups", count)

    @staticmethod
    def action_past(count):
        return ngettext_lazy("Protected Backup", "Protected Backups", count)


class UnprotectBackup(_ProtectionAction):
    name = "unprotect"
    icon = "unlock"
    value = False

    @staticmethod
    def action_present(count):
        return ngettext_lazy("Unprotect Backup", "Unprotect Backups", count)

    @staticmethod
    def action_past(count):
        return ngettext_lazy("Unprotected Backup", "Unprotected Backups",
                             count)
