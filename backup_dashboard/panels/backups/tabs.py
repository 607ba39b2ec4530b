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

"""The Backups tab of an instance's page: its Quick Backups (one Glance
call)."""

from django.utils.translation import gettext_lazy as _

from horizon import exceptions
from horizon import tabs

from backup_dashboard.api import glance as glance_api
from backup_dashboard.panels.backups import backup as backup_model
from backup_dashboard.panels.backups import row_actions as own_actions
from backup_dashboard.panels.backups import tables as backup_tables
from quick_backup_server import protocol


class InstanceBackupsTable(backup_tables.BackupsTable):
    """The instance page answers no table requests (it is a plain TabView):
    no row updates and no delete here; the Backups panel has both.
    """

    class Meta(object):
        name = "instance_backups"
        verbose_name = _("Backups")
        columns = ("name", "description", "plan", "status", "progress",
                   "size", "created")
        row_actions = (own_actions.LaunchBackup,
                       own_actions.RestoreBackup)


class BackupsTab(tabs.TableTab):
    name = _("Backups")
    slug = "quick_backups"
    table_classes = (InstanceBackupsTable,)
    template_name = "horizon/common/_detail_table.html"
    preload = False

    def get_instance_backups_data(self):
        instance = self.tab_group.kwargs["instance"]
        try:
            images = glance_api.images(self.request, {
                protocol.MARKER_PROPERTY: protocol.MARKER_VALUE,
                protocol.INSTANCE_PROPERTY: instance.id,
                "owner": self.request.user.project_id})
        except Exception:
            exceptions.handle(self.request,
                              _("Unable to list the instance's backups."),
                              details="")
            return []
        server = instance.to_dict()
        return [backup_model.Backup(image, server) for image in images
                if backup_model.is_own_backup(self.request, image)]
