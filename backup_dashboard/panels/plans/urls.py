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

"""URLs of the Backup Plans panel: plan ids are UUIDs (404 otherwise)."""

from django.urls import re_path

from backup_dashboard.panels.plans import adding
from backup_dashboard.panels.plans import views
from quick_backup_server import protocol

ID = protocol.UUID_PATTERN

urlpatterns = [
    re_path(r"^$", views.IndexView.as_view(), name="index"),
    re_path(r"^create/$", views.CreateView.as_view(), name="create"),
    re_path(r"^add/$", adding.AddView.as_view(), name="add"),
    re_path(r"^(?P<plan_id>%s)/$" % ID, views.DetailView.as_view(),
            name="detail"),
    re_path(r"^(?P<plan_id>%s)/edit/$" % ID, views.EditView.as_view(),
            name="edit"),
]
