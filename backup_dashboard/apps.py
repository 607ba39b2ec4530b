from django.apps import AppConfig


class BackupDashboardConfig(AppConfig):
    name = "backup_dashboard"
    verbose_name = "Quick Backup"

    def ready(self):
        # Horizon has no plugin hook for its Django tables: add the row
        # action to Project > Compute > Instances once all apps are loaded.
        from backup_dashboard.panels.quick_backup import actions
        actions.add_to_instances_table()
