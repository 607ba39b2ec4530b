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

"""Which Nova call takes a Quick Backup, and what it leaves behind.

Plain Python over the novaclient extension, no Django, so that the
dashboard and the command line share it. Four methods, chosen by the
operator:

- ``backup_instance``: our API, served by the nova-api filter;
- ``create_image``: Nova's own createImage, on any Nova;
- ``create_backup``: Nova's createBackup, whose rotation deletes this
  instance's older backups of the same type;
- ``auto`` (the default): ``backup_instance`` where the compute endpoint
  serves it, else ``create_image``.

Every path leaves the same image properties (``protocol.backup_properties``)
and answers with the image id Nova named. Nova refuses createBackup for an
instance booted from a volume, so those always take createImage.
"""

import collections
import datetime
import json

from novaclient import exceptions as nova_exceptions

from quick_backup_server import protocol

AUTO = "auto"
BACKUP_INSTANCE = "backup_instance"
CREATE_IMAGE = "create_image"
CREATE_BACKUP = "create_backup"
METHODS = (AUTO, BACKUP_INSTANCE, CREATE_IMAGE, CREATE_BACKUP)

# Where a server (microversion 2.3 and later) lists its attached volumes.
VOLUMES_ATTACHED = "os-extended-volumes:volumes_attached"
# The image properties Nova filters on when it rotates backups.
NOVA_IMAGE_TYPE = "image_type"
NOVA_BACKUP_TYPE = "backup_type"
BACKUP_IMAGE_TYPE = "backup"
# Nova marks the images of volume-backed snapshots with this property.
VOLUME_BACKED_FILTER = {"bdm_v2": "True"}


class Misconfigured(ValueError):
    """The operator's setup would make no backup, or a harmful one."""


class NotSent(Exception):
    """No backup was sent: finding out how to send it failed."""


class InstanceNotFound(nova_exceptions.NotFound):
    """Nova's 404 was not for a missing route: the instance is gone."""


Made = collections.namedtuple("Made", "image_id path")


class Setup(collections.namedtuple("Setup", "method backup_type rotation")):
    """The operator's choice; ``problem()`` says what is wrong with it."""

    def problem(self):
        """None, or why no backup can be taken with this setup."""
        if self.method not in METHODS:
            return "unknown method %r" % (self.method,)
        if self.method != CREATE_BACKUP:
            return None
        if not isinstance(self.backup_type, str) or \
                not self.backup_type.strip():
            return "create_backup needs a backup type"
        # Rotation 0 makes Nova delete every backup of the type, the new
        # one included.
        if isinstance(self.rotation, bool) or \
                not isinstance(self.rotation, int) or self.rotation < 1:
            return "create_backup needs a rotation of 1 or more"
        return None


def is_volume_backed(server):
    """Nova reports no image for an instance booted from a volume."""
    return not getattr(server, "image", None)


def path_for(setup, volume_backed, serves_backup_instance=None):
    """The call to make: ``setup.method`` with ``auto`` resolved.

    In ``auto`` mode ``serves_backup_instance`` must be known (True or
    False). Raises ``Misconfigured`` for a setup that has a problem.
    """
    problem = setup.problem()
    if problem:
        raise Misconfigured(problem)
    method = setup.method
    if method == AUTO:
        if serves_backup_instance is None:
            raise ValueError("auto needs to know whether backup_instance "
                             "is served")
        method = BACKUP_INSTANCE if serves_backup_instance else CREATE_IMAGE
    if method == CREATE_BACKUP and volume_backed:
        return CREATE_IMAGE
    return method


def send(backups, path, server_id, name, description, setup,
         server_name=None, consistency=None):
    """Take the backup with ``path``; one request. Returns the image id.

    ``backups`` is a client's ``quick_backups`` manager; ``server_name`` is
    kept on the image (the filter reads it from Nova itself);
    ``consistency`` is the label expected (``consistency.expected``), kept
    on the image on every path.
    """
    if path == BACKUP_INSTANCE:
        return backups.create(server_id, name, description or "",
                              consistency=consistency)
    properties = protocol.backup_properties(server_id, description,
                                            server_name, consistency)
    if path == CREATE_IMAGE:
        return backups.create_image(server_id, name, properties)
    if path == CREATE_BACKUP:
        return backups.create_backup(server_id, name, setup.backup_type,
                                     setup.rotation, properties)
    raise ValueError("unknown backup path %r" % (path,))


def take(backups, setup, server_id, name, description="",
         volume_backed=False, server_name=None, serves=None,
         consistency=None):
    """Take a Quick Backup the way ``setup`` says; returns a ``Made``.

    ``serves(relearn)`` tells (True or False) whether the compute endpoint
    serves our API, asking Nova when ``relearn`` is set or it does not know
    (the dashboard remembers the answer, the command line asks each time);
    it is called only in ``auto`` mode. One request beside it; never retried
    after anything that may have made an image. When our API turns out to
    be gone (a 404 for the route, which makes nothing), the answer is learned
    again and the backup sent with createImage. A failed question sends
    nothing and raises ``NotSent``.
    """
    served = None
    if setup.method == AUTO:
        served = _ask(serves, relearn=False)
    path = path_for(setup, volume_backed, served)
    try:
        image_id = send(backups, path, server_id, name, description, setup,
                        server_name, consistency)
    except nova_exceptions.NotFound as exc:
        # Every Nova serves createImage and createBackup, and a route just
        # found served is there: only the instance can be missing.
        if path != BACKUP_INSTANCE or (
                served and _ask(serves, relearn=True)):
            raise InstanceNotFound(404, "no such instance") from exc
        if not served:
            raise
        path = path_for(setup, volume_backed, False)
        image_id = send(backups, path, server_id, name, description, setup,
                        server_name, consistency)
    return Made(image_id, path)


def _ask(serves, relearn):
    try:
        return serves(relearn)
    except nova_exceptions.Unauthorized:
        raise
    except Exception as exc:
        raise NotSent() from exc


def default_backup_name(instance_name, now=None):
    """"<instance name>-backup-<UTC timestamp>", at most 255 characters."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    suffix = now.strftime("-backup-%Y%m%dT%H%M%SZ")
    limit = protocol.NAME_MAX_LENGTH - len(suffix)
    return (instance_name or "instance")[:limit] + suffix


def rotation_filters(server_id, backup_type):
    """Glance's property filters for Nova's rotation: this instance's
    backups of this type (list them newest first).
    """
    return {NOVA_IMAGE_TYPE: BACKUP_IMAGE_TYPE, NOVA_BACKUP_TYPE: backup_type,
            protocol.NOVA_INSTANCE_PROPERTY: server_id}


def rotated_out(backups_newest_first, rotation):
    """The backups Nova deletes once the new one exists.

    Nova lists the instance's backups of the type newest first, the new one
    at the top, and deletes all past the first ``rotation``: of those that
    exist now, all past the first ``rotation - 1``.
    """
    return list(backups_newest_first)[max(rotation - 1, 0):]


def volume_snapshot_ids(image):
    """The Cinder snapshots the image of a volume-backed backup points to
    (Nova stores them as JSON in its ``block_device_mapping`` property).
    """
    try:
        mappings = json.loads(image.get("block_device_mapping") or "[]")
    except (TypeError, ValueError):
        return []
    if not isinstance(mappings, list):
        return []
    return [mapping["snapshot_id"] for mapping in mappings
            if isinstance(mapping, dict) and mapping.get("snapshot_id")]
