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

"""URLs of the Backups panel: Nova's and Glance's ids only (404 otherwise)."""

from django.urls import re_path

from backup_dashboard.panels.backups import copy_views
from backup_dashboard.panels.backups import views
from backup_dashboard.panels.quick_backup import views as quick_backup_views
from quick_backup_server import protocol

ID = protocol.UUID_PATTERN

urlpatterns = [
    re_path(r"^$", views.IndexView.as_view(), name="index"),
    re_path(r"^(?P<instance_id>%s)/create/$" % ID,
            quick_backup_views.QuickBackupView.as_view(), name="create"),
    re_path(r"^(?P<image_id>%s)/$" % ID, views.DetailView.as_view(),
            name="detail"),
    re_path(r"^(?P<image_id>%s)/restore/$" % ID, views.RestoreView.as_view(),
            name="restore"),
    re_path(r"^(?P<image_id>%s)/copy/$" % ID, copy_views.CopyView.as_view(),
            name="copy"),
    re_path(r"^(?P<image_id>%s)/remove-copy/$" % ID,
            copy_views.RemoveCopyView.as_view(), name="remove_copy"),
]
