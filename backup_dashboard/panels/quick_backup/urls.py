from django.urls import re_path
from quick_backup_server import protocol

from backup_dashboard.panels.quick_backup import views

urlpatterns = [
    # Horizon needs an "index" even for a panel that is not in the menu.
    re_path(r"^$", views.IndexView.as_view(), name="index"),
    # Only an id shaped like Nova's reaches the view: anything else is a 404.
    re_path(r"^(?P<instance_id>%s)/create/$" % protocol.UUID_PATTERN,
            views.QuickBackupView.as_view(), name="create"),
]
