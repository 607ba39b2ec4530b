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

"""The Backups table's own actions and rows: Launch, Restore, Delete, the
filter and the row that follows a backup being made (``tables.py`` puts
them in the table; the other parts' actions have their own modules).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from novaclient import exceptions as nova_exceptions

from horizon import exceptions
from horizon import tables

from backup_dashboard.api import glance as glance_api
from backup_dashboard.api import nova as nova_api
from backup_dashboard.panels.backups import backup as backup_model
from backup_dashboard.panels.backups import consistency as backup_consistency
from backup_dashboard.panels.backups import deletion
from backup_dashboard.panels.backups import protection
from backup_dashboard.panels.backups import verifying
from backup_dashboard import policies
from backup_dashboard import urlnames
from quick_backup_server import protocol


class LaunchBackup(tables.LinkAction):
    """Horizon's launch wizard with the backup preselected (as the Images
    panel's LaunchImageNG).
    """
    name = "launch"
    verbose_name = _("Launch")
    url = urlnames.BACKUPS
    classes = ("btn-launch",)
    policy_rules = (policies.LAUNCH,)
    ajax = False

    def __init__(self, attrs=None, **kwargs):
        kwargs["preempt"] = True
        super().__init__(attrs, **kwargs)

    def get_link_url(self, datum):
        self.attrs.update({
            "ng-controller": "LaunchInstanceModalController as modal",
            "ng-click": "modal.openLaunchInstanceWizard({successUrl: '%s', "
                        "imageId: '%s'})" % (reverse(self.url), datum.id)})
        return "javascript:void(0);"

    def allowed(self, request, backup=None):
        return backup is not None and backup.status == "active"


class RestoreBackup(tables.LinkAction):
    name = "restore"
    verbose_name = _("Restore")
    url = urlnames.RESTORE
    classes = ("ajax-modal", "btn-danger")
    icon = "undo"
    policy_rules = (policies.REBUILD,)

    def get_policy_target(self, request, datum=None):
        # The instance as the page's one Nova listing showed it.
        return policies.instance_target(getattr(datum, "server", None) or {})

    def allowed(self, request, backup=None):
        return backup is not None and backup.status == "active" and \
            backup.server is not None


class DeleteBackup(protection.RefusesProtected, tables.DeleteAction):
    help_text = _("A deleted backup cannot be recovered. For a backup of "
                  "an instance booted from volumes, its volume snapshots "
                  "are deleted too.")
    default_message_level = "info"
    policy_rules = (policies.DELETE_IMAGE,)

    def get_policy_target(self, request, datum=None):
        return policies.image_target(getattr(datum, "image", None) or {})

    @staticmethod
    def action_present(count):
        return ngettext_lazy("Delete Backup", "Delete Backups", count)

    @staticmethod
    def action_past(count):
        return ngettext_lazy("Deleted Backup", "Deleted Backups", count)

    def allowed(self, request, backup=None):
        return backup is None or backup.status not in (
            "deleted", "pending_delete") and \
            not protection.is_protected(backup)

    def delete(self, request, obj_id):
        backup = self.table.get_object_by_id(obj_id)
        # Gone, not this project's, or Glance could not say: never touched.
        if backup is None or backup.unverified:
            raise exceptions.NotFound()
        deletion.delete_backup(request, backup)


class BackupsFilter(tables.FilterAction):
    filter_type = "server"
    filter_choices = (
        ("name", _("Name ="), True),
        ("instance", _("Instance ID ="), True, _("Backups of one instance")),
        backup_consistency.FILTER_CHOICE)


class UpdateRow(tables.Row):
    """Rows being made follow the backup without a page reload."""
    ajax = True

    def get_data(self, request, image_id):
        if not protocol.is_uuid(image_id):
            raise exceptions.NotFound()
        image = glance_api.image_get(request, image_id)
        if not backup_model.is_own_backup(request, image):
            raise exceptions.NotFound()
        backup = backup_model.Backup(image)
        # Also once it is active: the row shows the instance's link and
        # offers Restore only while the instance is known to exist.
        if backup.instance_id:
            try:
                backup.server = nova_api.server_get(
                    request, backup.instance_id).to_dict()
            except nova_exceptions.NotFound:
                pass  # gone: the name kept on the backup shows
            except Exception:
                # The name kept on the backup shows; status updates (but
                # not "stuck": the instance may have a task).
                backup.instance_unknown = True
        return verifying.advance(request, backup)
