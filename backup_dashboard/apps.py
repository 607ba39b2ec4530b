from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupDashboardConfig(AppConfig):
    name = "backup_dashboard"
    verbose_name = _("Quick Backup")

    def ready(self):
        # Horizon has no plugin hook for its Django tables: add the row
        # action to Project > Compute > Instances once all apps are loaded.
        from backup_dashboard.panels.quick_backup import actions
        actions.add_to_instances_table()
