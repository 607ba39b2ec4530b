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

"""Quick Backup's settings, each with its default.

Copy this file into Horizon's ``openstack_dashboard/local/local_settings.d/``
and change what your cloud needs in the copy. Horizon runs that folder's
files after ``local_settings.py``, so the copy's values win over the same
names set there. The dashboard reads its defaults from this very file
(``backup_dashboard/conf.py``), so what you see here is what an unset
setting means.
"""

from quick_backup_client import in_flight

# How a backup is taken: "auto" (our backup_instance API where the compute
# endpoint serves it, else Nova's createImage), "backup_instance",
# "create_image", or "create_backup" (Nova's rotating backups, which need
# the next two settings).
QUICK_BACKUP_METHOD = "auto"

# For "create_backup": Nova's backup type, such as "daily".
QUICK_BACKUP_BACKUP_TYPE = None

# For "create_backup": how many backups of that type Nova keeps per
# instance, 1 or more (Nova deletes the older ones).
QUICK_BACKUP_ROTATION = None

# Seconds for which what a compute endpoint can do (its newest
# microversion, whether it serves backup_instance) is remembered in
# Django's cache.
QUICK_BACKUP_DISCOVERY_SECONDS = 3600

# Seconds to wait for an answer from Nova, Cinder or Glance. createImage
# answers once the snapshot is queued, but for an instance booted from a
# volume Nova waits for the volume snapshots first.
QUICK_BACKUP_API_TIMEOUT = 60

# Seconds after which a backup still queued or saving, while its instance
# has no task, is shown as failed on the Backups panel (and may be
# deleted): Nova will never finish it. The command line and the backup
# plans use the same default (an hour).
QUICK_BACKUP_STUCK_AFTER = in_flight.STUCK_AFTER_SECONDS
