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

# Quick Backup for Project > Compute: the Backups panel, the "Quick Backup"
# action of the Instances table, and a Backups tab on each instance's page.
# Copy this file from the installed package into
# openstack_dashboard/local/enabled/ and restart Horizon.

PANEL = 'quick_backups'
PANEL_DASHBOARD = 'project'
PANEL_GROUP = 'compute'
ADD_PANEL = 'backup_dashboard.panels.backups.panel.Backups'

# The app adds the "Quick Backup" row action to the Instances table.
ADD_INSTALLED_APPS = ['backup_dashboard']

# Keeps the message that links to a new backup on screen.
ADD_JS_FILES = ['backup_dashboard/quick_backup.js']

EXTRA_TABS = {
    'openstack_dashboard.dashboards.project.instances.tabs.'
    'InstanceDetailTabs': (
        'backup_dashboard.panels.backups.tabs.BackupsTab',
    ),
}

# keystoneauth's errors (the plugin's Glance and Cinder calls), so that a
# 401 gets Horizon's "not authorized" page with a link to log in again, as
# Nova's does (backup_dashboard/exceptions.py).
from backup_dashboard import exceptions as _exceptions  # noqa: E402

ADD_EXCEPTIONS = _exceptions.ADD_EXCEPTIONS
