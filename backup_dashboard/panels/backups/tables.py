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

"""The Backups table: the project's Quick Backups, newest first."""

from django.template import defaultfilters as filters
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.utils.translation import ngettext_lazy
from novaclient import exceptions as nova_exceptions

from horizon import exceptions
from horizon import tables
from horizon.utils import filters as horizon_filters
from openstack_dashboard.dashboards.project.instances import (
    tables as instance_tables)

from backup_dashboard.api import glance as glance_api
from backup_dashboard.api import nova as nova_api
from backup_dashboard.panels.backups import backup as backup_model
from backup_dashboard.panels.backups import consistency as backup_consistency
from backup_dashboard.panels.backups import copying
from backup_dashboard.panels.backups import deletion
from backup_dashboard.panels.backups import protection
from backup_dashboard.panels.backups import verifying
from backup_dashboard.panels import columns
from backup_dashboard.panels.plans import links as plan_links
from backup_dashboard import policies
from backup_dashboard import urlnames
from quick_backup_server import protocol

STATUS_CHOICES = (
    ("active", True), ("killed", False), ("deleted", False),
    ("pending_delete", False), ("deactivated", False),
    ("queued", None), ("saving", None), ("uploading", None),
    ("importing", None), (backup_model.STUCK, False))
# Its own object, so that the cell can tell it from Glance's "killed".
STUCK_LABEL = _("Failed")
STATUS_DISPLAY = (
    ("active", _("Active")), ("saving", _("Saving")),
    ("queued", _("Queued")), ("uploading", _("Uploading")),
    ("importing", _("Importing")), ("killed", _("Failed")),
    ("deleted", _("Deleted")), ("pending_delete", _("Pending Delete")),
    ("deactivated", _("Deactivated")), (backup_model.STUCK, STUCK_LABEL))
# Why a backup still queued or saving shows as failed (on hover).
STUCK_HELP = _("Nova stopped making this backup: it is still unfinished "
               "long after it was asked for, and its instance has no task "
               "any more. Delete it, then back up the instance again.")
# Nova's task names as Horizon's Instances table shows them, translated.
TASK_DISPLAY = dict(instance_tables.TASK_DISPLAY_CHOICES)


def status_label(backup):
    """The backup's status as the table shows it."""
    return dict(STATUS_DISPLAY).get(backup.shown_status, backup.status)


def _status_attributes(shown):
    """The cell's hover text for a stuck backup (Horizon passes the label
    it shows).
    """
    return {"title": STUCK_HELP} if shown is STUCK_LABEL else {}


def task_label(backup):
    """The instance's task while Nova makes the backup, as Horizon names
    it; None when there is none.
    """
    task = backup.task_state
    return TASK_DISPLAY.get(task, task) if task else None


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


def instance_link(backup):
    if backup.server:
        return format_html('<a href="{}">{}</a>', reverse(
            urlnames.INSTANCE_DETAIL, args=[backup.instance_id]),
            backup.instance_name)
    if backup.instance_unknown:
        return backup.instance_name
    return format_html("{} <em>{}</em>", backup.instance_name,
                       _("(deleted)"))


def size(backup):
    if backup.volume_backed:
        count = len(backup.volume_snapshot_ids)
        return ngettext("%d volume snapshot", "%d volume snapshots",
                        count) % count
    return filters.filesizeformat(backup.size) if backup.size else "-"


def progress(backup):
    if not backup.in_progress:
        return "-"
    elapsed = backup.elapsed
    minutes = int(elapsed.total_seconds() // 60) if elapsed else 0
    phase = task_label(backup) or _("waiting")
    return ngettext("%(phase)s, %(minutes)d minute",
                    "%(phase)s, %(minutes)d minutes",
                    minutes) % {"phase": phase, "minutes": minutes}


class BackupsTable(tables.DataTable):
    name = columns.WrappingColumn(
        "name", verbose_name=_("Name"), link=urlnames.BACKUP_DETAIL)
    instance = columns.Column(instance_link, verbose_name=_("Instance"))
    description = columns.Column(
        "description", verbose_name=_("Description"), truncate=60)
    plan = columns.Column(plan_links.plan_link, verbose_name=_("Plan"))
    protected = columns.Column(protection.protected_cell,
                               verbose_name=_("Protected"))
    status = columns.Column("shown_status", verbose_name=_("Status"),
                            status=True, status_choices=STATUS_CHOICES,
                            display_choices=STATUS_DISPLAY,
                            cell_attributes_getter=_status_attributes)
    progress = columns.Column(progress, verbose_name=_("Progress"))
    size = columns.Column(size, verbose_name=_("Size"))
    stores = copying.StoresColumn()
    verified = verifying.verified_column()
    consistency = backup_consistency.column()
    created = columns.Column("created_at", verbose_name=_("Created"),
                             filters=(horizon_filters.parse_isotime,
                                      horizon_filters.timesince_sortable),
                             attrs={"data-type": "timesince"})

    def get_object_display(self, datum):
        return getattr(datum, "name", None)

    def get_object_by_id(self, lookup):
        """A backup of this page, or else this project's backup ``lookup``
        read from Glance (a backup's own page, or one past the first page,
        posts here too); None for anything else (Horizon's own raises a
        redirect that would hide what a batch already did).
        """
        for datum in self.data:
            if self.get_object_id(datum) == lookup:
                return datum
        if not protocol.is_uuid(lookup):
            return None
        try:
            image = glance_api.image_get(self.request, lookup)
        except Exception:
            # Glance could not say: a stand-in that is never deleted, so
            # that Horizon reports "unable to delete", not "not allowed"
            # (which it says of a missing object when the page is empty).
            return backup_model.Backup.unverified_stand_in(lookup)
        if not backup_model.is_own_backup(self.request, image):
            return None
        return backup_model.Backup(image)

    class Meta(object):
        name = "backups"
        verbose_name = _("Backups")
        row_class = UpdateRow
        status_columns = ("status", "stores", "verified")
        table_actions = (BackupsFilter, protection.ProtectBackup,
                         protection.UnprotectBackup, DeleteBackup)
        row_actions = (LaunchBackup, RestoreBackup, verifying.VerifyBackup,
                       copying.CopyBackup, copying.RemoveCopy,
                       protection.ProtectBackup, protection.UnprotectBackup,
                       DeleteBackup)
