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

"""The URL names the plugin links to, defined once."""

INSTANCES = "horizon:project:instances:index"
INSTANCE_DETAIL = "horizon:project:instances:detail"
IMAGES = "horizon:project:images:index"
BACKUPS = "horizon:project:quick_backups:index"
BACKUP_DETAIL = "horizon:project:quick_backups:detail"
QUICK_BACKUP = "horizon:project:quick_backups:create"
RESTORE = "horizon:project:quick_backups:restore"
COPY = "horizon:project:quick_backups:copy"
REMOVE_COPY = "horizon:project:quick_backups:remove_copy"
PLANS = "horizon:project:backup_plans:index"
PLAN_DETAIL = "horizon:project:backup_plans:detail"
PLAN_CREATE = "horizon:project:backup_plans:create"
PLAN_EDIT = "horizon:project:backup_plans:edit"
PLAN_ADD = "horizon:project:backup_plans:add"
