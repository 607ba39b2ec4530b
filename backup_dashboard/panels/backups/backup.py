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

"""A Quick Backup as the Backups panel shows it: a Glance image, read
through the properties every Quick Backup carries."""

import datetime

from oslo_utils import timeutils

from backup_dashboard import conf
from quick_backup_client import backup_actions
from quick_backup_client import backup_paths
from quick_backup_client import in_flight
from quick_backup_server import protocol

# Glance image statuses while Nova is still making the backup.
IN_PROGRESS = in_flight.UNFINISHED_STATUSES
# The status the table shows for a backup that will never finish.
STUCK = "stuck"


def is_own_backup(request, image):
    """A Quick Backup of this project: never an image that another project
    shares or publishes with the markers.
    """
    return backup_actions.is_own_backup(request.user.project_id, image)


class Backup(object):
    """``image`` is Glance's dict; ``server`` Nova's, if the instance is
    still there.
    """

    def __init__(self, image, server=None):
        self.image = image
        self.id = image["id"]
        self.name = image.get("name") or image["id"]
        self.status = image.get("status")
        self.description = image.get(protocol.DESCRIPTION_PROPERTY) or ""
        self.instance_id = image.get(protocol.INSTANCE_PROPERTY)
        self.server = server
        # True when Nova could not be asked: the instance may exist.
        self.instance_unknown = False
        # True for a stand-in for an image Glance could not show.
        self.unverified = False
        self.instance_name = (server or {}).get("name") or image.get(
            protocol.INSTANCE_NAME_PROPERTY) or self.instance_id
        self.volume_snapshot_ids = backup_paths.volume_snapshot_ids(image)
        self.volume_backed = bool(self.volume_snapshot_ids)
        self.size = image.get("size")
        self.checksum = image.get("checksum")
        self.created_at = image.get("created_at")

    @classmethod
    def unverified_stand_in(cls, image_id):
        backup = cls({"id": image_id})
        backup.unverified = True
        return backup

    @property
    def stuck(self):
        """True when Nova will never finish this backup (``in_flight``'s
        rule and the QUICK_BACKUP_STUCK_AFTER bound): never said when Nova
        could not be asked whether its instance has a task.
        """
        if self.instance_unknown or self.unverified:
            return False
        return in_flight.is_stuck(
            self.image, in_flight.task_state(self.server or {}),
            in_flight.utcnow(), conf.get("QUICK_BACKUP_STUCK_AFTER"))

    @property
    def shown_status(self):
        """Glance's status, or ``STUCK`` (shown as failed)."""
        return STUCK if self.stuck else self.status

    @property
    def in_progress(self):
        return self.status in IN_PROGRESS and not self.stuck

    @property
    def task_state(self):
        """The instance's task while Nova makes this backup, else None."""
        if self.in_progress and self.server:
            return in_flight.task_state(self.server)
        return None

    @property
    def elapsed(self):
        """Time since the backup was asked for (a timedelta), or None."""
        try:
            created = timeutils.parse_isotime(self.created_at)
        except (TypeError, ValueError):
            return None
        return datetime.datetime.now(datetime.timezone.utc) - created
