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

"""The Backup Plans panel: Quick Backups on a schedule, run by Mistral."""

from django.utils.translation import gettext_lazy as _

import horizon


class BackupPlans(horizon.Panel):
    """Project > Compute > Backup Plans. Shown without Mistral too: then it
    says how to back up on a schedule with cron instead.
    """
    name = _("Backup Plans")
    slug = "backup_plans"
    permissions = ("openstack.services.compute", "openstack.services.image")
