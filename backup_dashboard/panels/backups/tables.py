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

from horizon import tables
from horizon.utils import filters as horizon_filters
from openstack_dashboard.dashboards.project.instances import (
    tables as instance_tables)

from backup_dashboard.api import glance as glance_api
from backup_dashboard.panels.backups import backup as backup_model
from backup_dashboard.panels.backups import consistency as backup_consistency
from backup_dashboard.panels.backups import copying
from backup_dashboard.panels.backups import protection
from backup_dashboard.panels.backups import row_actions as own_actions
from backup_dashboard.panels.backups import verifying
from backup_dashboard.panels import columns
from backup_dashboard.panels.plans import links as plan_links
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
        row_class = own_actions.UpdateRow
        status_columns = ("status", "stores", "verified")
        table_actions = (own_actions.BackupsFilter, protection.ProtectBackup,
                         protection.UnprotectBackup, own_actions.DeleteBackup)
        row_actions = (own_actions.LaunchBackup, own_actions.RestoreBackup,
                       verifying.VerifyBackup, copying.CopyBackup,
                       copying.RemoveCopy, protection.ProtectBackup,
                       protection.UnprotectBackup, own_actions.DeleteBackup)
