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

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupDashboardConfig(AppConfig):
    name = "backup_dashboard"
    verbose_name = _("Quick Backup")

    def ready(self):
        # Horizon has no plugin hook for its Django tables: add the row
        # action and "Add to Backup Plan" to Project > Compute > Instances
        # once all apps are loaded.
        from backup_dashboard.panels.plans import instances_action
        from backup_dashboard.panels.quick_backup import actions
        actions.add_to_instances_table()
        instances_action.add_to_instances_table()
