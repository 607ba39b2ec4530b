# Quick Backup for Project > Compute > Instances.
# Copy this file into openstack_dashboard/local/enabled/ and restart Horizon.

# The panel serves the Quick Backup workflow; it is not shown in the menu.
PANEL = 'quick_backup'
PANEL_DASHBOARD = 'project'
PANEL_GROUP = 'compute'
ADD_PANEL = 'backup_dashboard.panels.quick_backup.panel.QuickBackup'

# The app adds the "Quick Backup" row action to the Instances table.
ADD_INSTALLED_APPS = ['backup_dashboard']
