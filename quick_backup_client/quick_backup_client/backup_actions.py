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

"""One Quick Backup by id: shown, protected, unprotected, deleted.

Plain Python over keystoneauth adapters, no Django: the dashboard
(``api/glance.py``, ``panels/backups/deletion.py``) and the ``openstack``
command (``osc/backup_actions.py``) do the same. Glance's ``protected``
blocks deletion by anyone until it is cleared (Glance answers 403); a
protected backup is never deleted, and neither are its volume snapshots:
the image is deleted first, its snapshots only once it is gone.
"""

import json

from keystoneauth1 import exceptions as ks_exceptions

from quick_backup_client import backup_images
from quick_backup_client import backup_paths
from quick_backup_client import consistency
from quick_backup_client import copies
from quick_backup_client import failures
from quick_backup_server import protocol

# Cinder's v3 API in the service catalogue (Horizon's name for it too).
CINDER_SERVICE_TYPE = "volumev3"
# Glance's media type for a JSON patch of an image (API v2.1).
PATCH_TYPE = "application/openstack-images-v2.1-json-patch"


class NoSuchBackup(LookupError):
    """No Quick Backup of the project has this id (none at all, another
    project's image, or an image that is no Quick Backup).
    """


class Protected(Exception):
    """The backup is protected: it must be unprotected to be deleted."""


def is_own_backup(project_id, image):
    """A Quick Backup of ``project_id``: never an image that another
    project shares or publishes with the markers.
    """
    return isinstance(image, dict) and bool(project_id) and \
        image.get("owner") == project_id and protocol.is_quick_backup(image)


def own_backup(glance, project_id, image_id):
    """The project's Quick Backup ``image_id`` (one GET), or NoSuchBackup."""
    if not protocol.is_uuid(image_id):
        raise NoSuchBackup(image_id)
    try:
        image = backup_images.image_get(glance, image_id)
    except ks_exceptions.NotFound:
        raise NoSuchBackup(image_id) from None
    if not is_own_backup(project_id, image):
        raise NoSuchBackup(image_id)
    return image


def set_protected(glance, image_id, protected):
    """Protect or unprotect one image (one PATCH); Glance's image."""
    return glance.patch(
        "/v2/images/%s" % image_id,
        data=json.dumps([{"op": "replace", "path": "/protected",
                          "value": bool(protected)}]),
        headers={"Content-Type": PATCH_TYPE}).json()


def show_rows(image):
    """What ``quick-backup show`` shows of a backup, as ``(field, value)``
    pairs in order: the one place each part adds its fields to. All from
    the image itself (no request): the stores that hold it and those Glance
    copies it to now, its consistency label, and its last test restore
    (``verified``: ``protocol.VERIFIED_PROPERTY``'s value, its time and
    ``verify_check``'s reason code; empty when never verified).
    """
    snapshots = backup_paths.volume_snapshot_ids(image)
    return [
        ("id", image.get("id")),
        ("name", image.get("name")),
        ("status", image.get("status")),
        ("instance", image.get(protocol.INSTANCE_PROPERTY)),
        ("instance_name", image.get(protocol.INSTANCE_NAME_PROPERTY)),
        ("created_at", image.get("created_at")),
        ("size", image.get("size")),
        ("volume_snapshots", len(snapshots)),
        ("description", image.get(protocol.DESCRIPTION_PROPERTY) or ""),
        ("protected", bool(image.get("protected"))),
        ("plan", image.get(protocol.PLAN_NAME_PROPERTY) or
         image.get(protocol.PLAN_PROPERTY) or ""),
        ("stores", ", ".join(copies.stores(image))),
        ("copying_to", ", ".join(copies.importing(image))),
        ("consistency", consistency.of_image(image)),
        ("verified", image.get(protocol.VERIFIED_PROPERTY) or ""),
        ("verified_at", image.get(protocol.VERIFIED_AT_PROPERTY) or ""),
        ("verified_reason",
         image.get(protocol.VERIFIED_REASON_PROPERTY) or ""),
    ]


def delete_image(glance, image):
    """Delete a backup's image (one DELETE), never a protected one:
    ``Protected`` when it is (Glance's 403 for it too, in a race). False
    when it was gone already.
    """
    if image.get("protected"):
        raise Protected(image.get("id"))
    try:
        glance.delete("/v2/images/%s" % image["id"])
    except ks_exceptions.NotFound:
        return False
    except ks_exceptions.Forbidden as exc:
        if failures.is_protected_refusal(exc):
            raise Protected(image.get("id")) from None
        raise
    return True


def still_pointed_to(glance, project_id, snapshot_ids):
    """Those of ``snapshot_ids`` that an image of the project still points
    to (one GET per thousand volume-backed images): call it once the
    backup's own image is deleted.
    """
    others = backup_images.images(glance, dict(
        backup_paths.VOLUME_BACKED_FILTER, owner=project_id))
    pointed = set()
    for other in others:
        pointed.update(backup_paths.volume_snapshot_ids(other))
    return pointed & set(snapshot_ids)


def delete_snapshots(cinder, snapshot_ids):
    """Delete the volume snapshots ``snapshot_ids`` (one DELETE each; one
    gone already is fine). Returns those that could not be deleted.
    """
    failed = []
    for snapshot_id in snapshot_ids:
        try:
            cinder.delete("/snapshots/%s" % snapshot_id)
        except ks_exceptions.NotFound:
            continue
        except ks_exceptions.ClientException:
            failed.append(snapshot_id)
    return failed
