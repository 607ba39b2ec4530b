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

"""What the Quick Backup form tells before the click.

The volumes Nova will snapshot for an instance booted from a volume, and
whether the project's snapshot quota allows it (two Cinder GETs); the older
backups a createBackup rotation will delete (one Glance GET); whether the
copy will be application-consistent, read from the image properties Nova
embeds in the server from microversion 2.98 (no request of its own);
whether the instance is busy with a task, from the same read of the server
(the submit is then refused before anything is sent).
"""

import logging

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from backup_dashboard.api import cinder as cinder_api
from backup_dashboard.api import glance as glance_api
from backup_dashboard.api import nova as nova_api
from backup_dashboard import exceptions as backup_exceptions
from backup_dashboard.panels.quick_backup import errors
from quick_backup_client import backup_paths
from quick_backup_client import consistency
from quick_backup_client import in_flight

LOG = logging.getLogger(__name__)

MISCONFIGURED = _("Quick Backup is not set up correctly on this dashboard, "
                  "so no backup can be made. Ask your cloud operator.")


class Preview(object):
    """Facts for the form's help text; ``blocked`` stops the submit."""

    def __init__(self, server):
        self.volume_backed = backup_paths.is_volume_backed(server)
        self.volumes = []  # dicts with name and size, for the form
        self.volume_ids = []
        self.snapshots_left = None
        self.volumes_checked = True
        self.rotated_out = []
        self.rotation = None
        # The label the backup will record (quick_backup_client.consistency).
        self.consistency = consistency.UNKNOWN
        self.requires_quiesce = False
        self.blocked = None

    @property
    def volume_count(self):
        return len(self.volume_ids)


def _attached_volume_ids(server):
    attached = getattr(server, backup_paths.VOLUMES_ATTACHED, None)
    return [volume["id"] for volume in attached or []
            if isinstance(volume, dict) and volume.get("id")]


def _add_volumes(request, preview, server):
    preview.volume_ids = _attached_volume_ids(server)
    try:
        volumes = cinder_api.volumes(request, preview.volume_ids)
        preview.snapshots_left = cinder_api.snapshots_left(request)
    except Exception:
        backup_exceptions.ask_for_login_if_expired(request, _(
            "The instance's volumes could not be read right now."))
        # Nova checks the quota itself; the form just cannot say more.
        LOG.warning("Could not read the volumes of instance %s", server.id,
                    exc_info=True)
        preview.volumes_checked = False
        return []
    preview.volumes = [{"name": volume.get("name") or volume["id"],
                        "size": volume.get("size")} for volume in volumes]
    needed = preview.volume_count
    if preview.snapshots_left is not None and \
            preview.snapshots_left < needed:
        preview.blocked = ngettext(
            "This instance boots from a volume: a backup snapshots its "
            "%(needed)d volume, and your project's quota allows "
            "%(left)d more volume snapshots. Delete old volume snapshots "
            "or ask for a larger quota.",
            "This instance boots from a volume: a backup snapshots its "
            "%(needed)d volumes, and your project's quota allows "
            "%(left)d more volume snapshots. Delete old volume snapshots "
            "or ask for a larger quota.", needed) % {
                "needed": needed, "left": preview.snapshots_left}
    return volumes


def _add_consistency(preview, server, volumes):
    preview.consistency = consistency.expected(server, volumes)
    preview.requires_quiesce = \
        preview.consistency == consistency.APPLICATION and \
        consistency.enforced(server, volumes)


def _add_rotation(request, preview, server, setup):
    preview.rotation = setup.rotation
    try:
        backups = glance_api.images(request, backup_paths.rotation_filters(
            server.id, setup.backup_type))
    except Exception:
        backup_exceptions.ask_for_login_if_expired(request, _(
            "Unable to list this instance's earlier backups."))
        # Never let a backup delete what the user could not be shown.
        LOG.warning("Could not list the backups of instance %s", server.id,
                    exc_info=True)
        preview.blocked = _("Unable to list this instance's earlier "
                            "backups, of which the oldest are deleted "
                            "after this one. Try again later.")
        return
    preview.rotated_out = backup_paths.rotated_out(backups, setup.rotation)


def _learn_method(request, server):
    """In auto mode, find out now (once per endpoint) how to back up, so
    that the submit costs the backup alone.
    """
    try:
        nova_api.serves_backup_instance(request, server.id)
    except Exception:
        LOG.warning("Could not learn whether backup_instance is served",
                    exc_info=True)  # the submit asks again


def build(request, server):
    """The form's preview of a backup of ``server``."""
    preview = Preview(server)
    setup = nova_api.backup_setup()
    if setup.problem():
        preview.blocked = MISCONFIGURED
        return preview
    try:
        in_flight.check_idle(server)
    except in_flight.InstanceBusy as busy:
        # Sent now, Nova would refuse it, or make a second image at once.
        preview.blocked = errors.failure_message(busy) % {
            "instance": server.name or server.id}
        return preview
    if setup.method == backup_paths.AUTO:
        _learn_method(request, server)
    volumes = []
    if preview.volume_backed:
        volumes = _add_volumes(request, preview, server)
    _add_consistency(preview, server, volumes)
    if backup_paths.path_for(setup, preview.volume_backed, False) == \
            backup_paths.CREATE_BACKUP:
        _add_rotation(request, preview, server, setup)
    return preview
