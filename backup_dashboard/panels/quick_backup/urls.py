from django.urls import re_path

from backup_dashboard.panels.quick_backup import views

urlpatterns = [
    # Horizon needs an "index" even for a panel that is not in the menu.
    re_path(r"^$", views.IndexView.as_view(), name="index"),
    re_path(r"^(?P<instance_id>[^/]+)/create/$",
            views.QuickBackupView.as_view(), name="create"),
]
