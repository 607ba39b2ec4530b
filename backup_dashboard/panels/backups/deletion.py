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

"""Deleting a Quick Backup: its image, then the volume snapshots that only
it points to (Nova leaves them behind, and they keep their volumes from
being deleted)."""

import logging

from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from openstack_dashboard import policy

from backup_dashboard.api import cinder as cinder_api
from backup_dashboard.api import glance as glance_api
from backup_dashboard.api import verify as verify_api
from backup_dashboard import policies

LOG = logging.getLogger(__name__)


def _discard_test_instance(request, backup):
    """A backup deleted while it is verified takes its test instance along
    (Nova deletes the instance's volumes with it).
    """
    try:
        verify_api.discard(request, backup.image)
    except Exception:
        LOG.warning("Could not delete the test instance of backup %s",
                    backup.id, exc_info=True)
        messages.warning(request, _(
            'Backup "%s" was deleted, but not the instance that was testing '
            'it: delete it on the Instances page.') % backup.name)


def delete_backup(request, backup):
    """Delete ``backup``; raise if its image could not be deleted
    (``backup_actions.Protected`` for a protected one, whose snapshots are
    then kept too). Volume snapshots that could not be deleted are reported
    by name.
    """
    # The image first: Glance refuses a protected one before any snapshot
    # is touched.
    if not glance_api.backup_delete(request, backup.image):
        return  # already deleted, by an earlier submit or someone else
    _discard_test_instance(request, backup)
    if not backup.volume_snapshot_ids:
        return
    if not policy.check((policies.DELETE_VOLUME_SNAPSHOT,), request):
        messages.warning(request, _(
            'Backup "%s" was deleted; you are not allowed to delete its '
            'volume snapshots, which remain.') % backup.name)
        return
    try:
        keep = glance_api.still_pointed_to(request,
                                           backup.volume_snapshot_ids)
        known = cinder_api.snapshots(request, backup.volume_snapshot_ids)
        names = {snapshot_id: snapshot.get("name") or snapshot_id
                 for snapshot_id, snapshot in known.items()}
    except Exception:
        LOG.warning("Could not list what backup %s points to", backup.id,
                    exc_info=True)
        messages.warning(request, _(
            'Backup "%s" was deleted, but its volume snapshots could not be '
            'checked and remain: delete them on the Volume Snapshots page.')
            % backup.name)
        return
    for snapshot_id in backup.volume_snapshot_ids:
        if snapshot_id in keep or snapshot_id not in names:
            continue  # another image needs it, or it is gone already
        if not policy.check((policies.DELETE_VOLUME_SNAPSHOT,), request,
                            policies.snapshot_target(known[snapshot_id])):
            messages.warning(request, _(
                'Backup "%(backup)s" was deleted; you are not allowed to '
                'delete its volume snapshot "%(snapshot)s", which remains.')
                % {"backup": backup.name, "snapshot": names[snapshot_id]})
            continue
        try:
            cinder_api.snapshot_delete(request, snapshot_id)
        except Exception:
            LOG.warning("Could not delete volume snapshot %s", snapshot_id,
                        exc_info=True)
            messages.warning(request, _(
                'Backup "%(backup)s" was deleted, but not its volume '
                'snapshot "%(snapshot)s": delete it on the Volume '
                'Snapshots page.') % {"backup": backup.name,
                                      "snapshot": names[snapshot_id]})
