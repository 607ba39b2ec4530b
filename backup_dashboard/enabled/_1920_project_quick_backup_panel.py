# Quick Backup for Project > Compute: the Backups panel, the "Quick Backup"
# action of the Instances table, and a Backups tab on each instance's page.
# Copy this file into openstack_dashboard/local/enabled/ and restart Horizon.

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
