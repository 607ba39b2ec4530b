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

"""Copies of a backup in Glance's other stores, on the user's token: the
calls of ``quick_backup_client.copies``, which the ``openstack`` command
shares.
"""

from backup_dashboard.api import sessions
from quick_backup_client import copies


def _glance(request):
    return sessions.adapter(request, "image")


def available_stores(request):
    """The stores this user may copy to (one GET)."""
    return copies.available_stores(_glance(request))


def copy(request, image, store_ids, available=None):
    """Start Glance's copy of ``image`` to ``store_ids`` (one POST)."""
    copies.copy(_glance(request), image, store_ids, available)


def remove_copy(request, image, store):
    """Remove the copy of ``image`` in ``store`` (one DELETE)."""
    copies.remove_copy(_glance(request), image, store)
