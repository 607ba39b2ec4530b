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

"""Calls to Cinder for Quick Backups of instances booted from volumes.

On the user's token and the catalog's volume URL: the project's volumes (to
name those Nova will snapshot), its limits (whether the snapshot quota
allows it), and the volume snapshots a backup's image points to.
"""

from backup_dashboard.api import paging
from backup_dashboard.api import sessions
from quick_backup_client import backup_actions

# Horizon's name for Cinder's v3 API in the service catalog.
SERVICE_TYPE = backup_actions.CINDER_SERVICE_TYPE


def _listed(request, path, key, wanted):
    """Cinder's list at ``path``, by id, read page by page (its largest is
    ``osapi_max_limit``, 1,000 by default) until every id in ``wanted`` is
    seen or the list ends.
    """
    def get(path, params):
        return sessions.adapter(request, SERVICE_TYPE).get(
            path, params=params).json()
    return paging.collection(get, path, key, wanted=wanted)


def volumes(request, volume_ids):
    """The volumes among ``volume_ids``, as Cinder shows them, in that order
    (one GET for a project of up to 1,000 volumes).
    """
    by_id = _listed(request, "/volumes/detail", "volumes", volume_ids)
    return [by_id[volume_id] for volume_id in volume_ids
            if volume_id in by_id]


def snapshots_left(request):
    """How many more volume snapshots the project may make; None for no
    limit (one GET).
    """
    limits = sessions.adapter(request, SERVICE_TYPE).get(
        "/limits").json()["limits"]["absolute"]
    allowed = limits.get("maxTotalSnapshots", -1)
    if allowed is None or allowed < 0:
        return None
    return max(allowed - limits.get("totalSnapshotsUsed", 0), 0)


def snapshots(request, snapshot_ids=None):
    """The project's volume snapshots, by id: all of them, or at least
    those of ``snapshot_ids`` that exist (one GET for a project of up to
    1,000 snapshots).
    """
    return _listed(request, "/snapshots/detail", "snapshots", snapshot_ids)


def snapshot_delete(request, snapshot_id):
    """Delete one volume snapshot (one DELETE)."""
    sessions.adapter(request, SERVICE_TYPE).delete(
        "/snapshots/%s" % snapshot_id)
