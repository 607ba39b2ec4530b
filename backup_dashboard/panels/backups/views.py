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

"""The Backups panel's pages: the table, a backup's page, and Restore."""

from django.urls import reverse
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from novaclient import exceptions as nova_exceptions

from horizon import exceptions
from horizon import forms
from horizon import messages
from horizon import tables
from horizon.utils import memoized
from horizon import views as horizon_views
from openstack_dashboard import policy

from backup_dashboard.api import cinder as cinder_api
from backup_dashboard.api import glance as glance_api
from backup_dashboard.api import nova as nova_api
from backup_dashboard.panels.backups import backup as backup_model
from backup_dashboard.panels.backups import consistency as backup_consistency
from backup_dashboard.panels.backups import copying
from backup_dashboard.panels.backups import forms as backup_forms
from backup_dashboard.panels.backups import protection
from backup_dashboard.panels.backups import tables as backup_tables
from backup_dashboard.panels.backups import verifying
from backup_dashboard.panels.quick_backup import links
from backup_dashboard import policies
from backup_dashboard import urlnames
from quick_backup_server import protocol

# Server-side filters of the table: Glance filters on these properties.
FILTER_PROPERTIES = {
    "name": "name", "instance": protocol.INSTANCE_PROPERTY,
    backup_consistency.FILTER_FIELD: protocol.CONSISTENCY_PROPERTY}
# A filter's text -> the property value it asks for, where they differ.
FILTER_VALUES = {
    backup_consistency.FILTER_FIELD: backup_consistency.filter_value}
# When Nova cannot be asked, backups show the names they recorded, and no
# instance is called deleted.
INSTANCES_UNKNOWN = _("Unable to retrieve the instances right now: the "
                      "backups show the instance names they recorded.")


def _leave(request, message):
    """Back to the Backups page with ``message``."""
    messages.error(request, message)
    raise exceptions.Http302(reverse(urlnames.BACKUPS))


def _own_backup(request, image_id):
    """The project's Quick Backup ``image_id`` (one GET), or leave."""
    try:
        image = glance_api.image_get(request, image_id)
    except Exception:
        exceptions.handle(request, _("Unable to retrieve the backup."),
                          redirect=reverse(urlnames.BACKUPS), details="")
    if not backup_model.is_own_backup(request, image):
        _leave(request, _("This image is not one of your project's Quick "
                          "Backups."))
    return image


class IndexView(tables.DataTableView):
    table_class = backup_tables.BackupsTable
    template_name = "backups/index.html"
    page_title = _("Backups")

    def has_more_data(self, table):
        return self._more

    def has_prev_data(self, table):
        return self._prev

    def _filters(self):
        info = self.get_server_filter_info(self.request)
        if info["field"] in FILTER_PROPERTIES and info["value"]:
            value = FILTER_VALUES.get(info["field"], str)(info["value"])
            return {FILTER_PROPERTIES[info["field"]]: value}
        return {}

    def get_data(self):
        """One page: one Glance GET and one Nova GET, whatever the rows
        (more Nova GETs past 1,000 instances: see ``server_list``).
        """
        self._more = self._prev = False
        marker = self.request.GET.get(
            backup_tables.BackupsTable._meta.pagination_param)
        prev_marker = self.request.GET.get(
            backup_tables.BackupsTable._meta.prev_pagination_param)
        try:
            images, more = glance_api.backups_page(
                self.request, self._filters(), marker or prev_marker,
                backward=bool(prev_marker))
        except Exception:
            exceptions.handle(self.request, _("Unable to list backups."),
                              details="")
            return []
        if prev_marker:
            self._prev, self._more = more, True
        else:
            self._more, self._prev = more, bool(marker)
        try:
            servers = nova_api.server_list(self.request, {
                image.get(protocol.INSTANCE_PROPERTY) for image in images})
        except Exception:
            servers = None
            if images:
                messages.warning(self.request, INSTANCES_UNKNOWN)
        backups = [backup_model.Backup(image, (servers or {}).get(
            image.get(protocol.INSTANCE_PROPERTY))) for image in images]
        for backup in backups:
            backup.instance_unknown = servers is None
        verifying.attach(backups, servers)
        return backups


class DetailView(horizon_views.HorizonTemplateView):
    template_name = "backups/detail.html"
    page_title = "{{ backup.name }}"

    @memoized.memoized_method
    def get_backup(self):
        image = _own_backup(self.request, self.kwargs["image_id"])
        server, unknown = None, False
        try:
            server = nova_api.server_get(
                self.request, image[protocol.INSTANCE_PROPERTY]).to_dict()
        except nova_exceptions.NotFound:
            pass  # gone: the name kept on the backup shows
        except Exception:
            unknown = True
            messages.warning(self.request, INSTANCES_UNKNOWN)
        backup = backup_model.Backup(image, server)
        backup.instance_unknown = unknown
        return backup

    def _snapshots(self, backup):
        if not backup.volume_backed:
            return []
        try:
            known = cinder_api.snapshots(self.request,
                                         backup.volume_snapshot_ids)
        except Exception:
            return None
        return [known.get(snapshot_id, {"id": snapshot_id, "status": "-"})
                for snapshot_id in backup.volume_snapshot_ids]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A test restore goes on as the page is read (as its row would).
        backup = verifying.advance(self.request, self.get_backup())
        # The header's actions post to the table's page, like Horizon's.
        table = backup_tables.BackupsTable(self.request)
        context.update(backup=backup, snapshots=self._snapshots(backup),
                       status=backup_tables.status_label(backup),
                       task=backup_tables.task_label(backup),
                       stuck_help=backup.stuck and backup_tables.STUCK_HELP,
                       verified=verifying.badge(backup),
                       image_url=links.image_detail_url(backup.id),
                       protected=protection.is_protected(backup),
                       protected_help=protection.PROTECTED_HELP,
                       url=reverse(urlnames.BACKUPS),
                       actions=table.render_row_actions(backup))
        context.update(backup_consistency.page_context(backup))
        context.update(copying.detail_context(self.request, backup))
        return context


class RestoreView(forms.ModalFormView):
    form_class = backup_forms.RestoreForm
    template_name = "backups/restore.html"
    modal_id = "restore_backup_modal"
    submit_label = _("Restore")
    submit_url = urlnames.RESTORE
    success_url = reverse_lazy(urlnames.BACKUPS)
    page_title = _("Restore Instance from Backup")

    @memoized.memoized_method
    def get_backup(self):
        # As the table's Restore action: opened or sent by URL alone too.
        if not policy.check((policies.REBUILD,), self.request):
            _leave(self.request, _("You are not allowed to restore "
                                   "instances from backups."))
        image = _own_backup(self.request, self.kwargs["image_id"])
        try:
            server = nova_api.server_get(
                self.request, image[protocol.INSTANCE_PROPERTY]).to_dict()
        except Exception:
            exceptions.handle(self.request, _("Unable to retrieve the "
                                              "backup's instance."),
                              redirect=reverse(urlnames.BACKUPS), details="")
        # Again for the instance's own project and user (read on GET and
        # POST alike, so this costs nothing more).
        if not policy.check((policies.REBUILD,), self.request,
                            policies.instance_target(server)):
            _leave(self.request, _("You are not allowed to restore this "
                                   "instance."))
        return backup_model.Backup(image, server)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["backup"] = self.get_backup()
        context["submit_url"] = reverse(urlnames.RESTORE,
                                        args=[self.kwargs["image_id"]])
        return context

    def get_form_kwargs(self):
        return dict(super().get_form_kwargs(), backup=self.get_backup())
