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

"""A backup's copies in Glance's other stores (the copy-image import).

Plain Python over a keystoneauth adapter for the image service, no Django,
as ``backup_images``: the dashboard and the ``openstack`` command copy the
same way. Everything a listing shows comes from the image Glance already
returned: its ``stores`` field (present only on a multi-store Glance) and
the import properties Glance keeps while it copies.
"""

from urllib import parse

from quick_backup_client import backup_paths

#: What Glance's copy-image import sends.
COPY_METHOD = {"name": "copy-image"}
#: Glance's own properties while it imports (comma-separated store ids).
IMPORTING_PROPERTY = "os_glance_importing_to_stores"
FAILED_PROPERTY = "os_glance_failed_import"
#: Glance's import lock, set as it accepts the import (before it names the
#: stores it copies to) and cleared when the import ends.
IMPORT_TASK_PROPERTY = "os_glance_import_task"


class CopyRefused(ValueError):
    """Nothing was sent: the copy (or removal) cannot be done. ``reason``
    is one of the REFUSED_* kinds in ``failures``.
    """

    def __init__(self, reason, store=None):
        super().__init__(reason)
        self.reason = reason
        self.store = store


# Why a copy or a removal is refused before anything is sent.
SINGLE_STORE = "single_store"      # this Glance has one store only
VOLUME_BACKED = "volume_backed"    # its data are Cinder snapshots
NOT_ACTIVE = "not_active"          # not (yet) an active image
COPYING = "copying"                # an import is already under way
UNKNOWN_STORE = "unknown_store"    # not a store this user may target
ALREADY_THERE = "already_there"    # the backup is already in that store
NOT_THERE = "not_there"            # no copy in that store to remove
LAST_COPY = "last_copy"            # the only copy: delete the backup


def _ids(value):
    return [part.strip() for part in (value or "").split(",")
            if part.strip()]


def is_multi_store(image):
    """Whether the image comes from a multi-store Glance: only such a
    Glance lists an image's ``stores``.
    """
    return isinstance(image, dict) and "stores" in image


def stores(image):
    """The stores that hold the image, in Glance's order."""
    return _ids(image.get("stores"))


def importing(image):
    """The stores Glance is copying the image to right now."""
    return _ids(image.get(IMPORTING_PROPERTY))


def is_copying(image):
    """Whether Glance is copying the image (or has just accepted a copy)."""
    return bool(importing(image) or image.get(IMPORT_TASK_PROPERTY))


def failed(image):
    """The stores the last copy to failed (Glance keeps them until the
    next import).
    """
    return _ids(image.get(FAILED_PROPERTY))


def is_volume_backed(image):
    """A volume-backed backup's image holds no data: its data are Cinder
    snapshots, which a copy between Glance stores never moves.
    """
    return bool(backup_paths.volume_snapshot_ids(image))


def can_copy(image):
    """Whether a copy may be offered at all (nothing about the stores the
    user may target: that needs ``available_stores``).
    """
    return is_multi_store(image) and not is_volume_backed(image)


def available_stores(glance):
    """The stores this user may target, from ``GET /v2/info/stores`` (one
    request): a list of dicts with ``id``, ``description`` and whether it
    is the ``default``; read-only stores left out.
    """
    answer = glance.get("/v2/info/stores").json()
    return [{"id": store["id"],
             "description": store.get("description") or store["id"],
             "default": bool(store.get("default"))}
            for store in answer.get("stores", [])
            if isinstance(store, dict) and store.get("id") and
            not store.get("read-only")]


def targets(image, available):
    """Of ``available`` (``available_stores``), those the image may be
    copied to: neither where it is nor where it is being copied.
    """
    taken = set(stores(image)) | set(importing(image))
    return [store for store in available if store["id"] not in taken]


def check_copyable(image):
    """Raise CopyRefused unless ``image`` is a backup Glance can copy at
    all (nothing that a copy itself changes).
    """
    # First: its image holds no data, so Glance lists no stores for it.
    if is_volume_backed(image):
        raise CopyRefused(VOLUME_BACKED)
    if not is_multi_store(image):
        raise CopyRefused(SINGLE_STORE)
    if image.get("status") != "active":
        raise CopyRefused(NOT_ACTIVE)


def check_copy(image, store_ids, available=None):
    """Raise CopyRefused unless ``image`` may be copied to ``store_ids``
    (``available``: the stores the user may target, if known).
    """
    check_copyable(image)
    if is_copying(image):
        raise CopyRefused(COPYING)
    known = None if available is None else {s["id"] for s in available}
    for store in store_ids:
        if known is not None and store not in known:
            raise CopyRefused(UNKNOWN_STORE, store)
        if store in stores(image):
            raise CopyRefused(ALREADY_THERE, store)


def _image_path(image_id):
    return parse.quote(image_id, safe="")


def copy(glance, image, store_ids, available=None):
    """Start Glance's copy of ``image`` to ``store_ids`` (one POST, 202):
    Glance copies in the background, see ``importing`` and ``stores``.
    Raises CopyRefused before sending, else Glance's error (``failures``
    classifies it).
    """
    store_ids = list(store_ids)
    check_copy(image, store_ids, available)
    glance.post("/v2/images/%s/import" % _image_path(image["id"]),
                json={"method": dict(COPY_METHOD), "stores": store_ids,
                      "all_stores_must_succeed": False})


def check_remove(image, store):
    """Raise CopyRefused unless the copy in ``store`` may be removed."""
    if not is_multi_store(image):
        raise CopyRefused(SINGLE_STORE)
    if image.get("status") != "active":
        raise CopyRefused(NOT_ACTIVE)
    if is_copying(image):
        raise CopyRefused(COPYING)
    held = stores(image)
    if store not in held:
        raise CopyRefused(NOT_THERE, store)
    if len(held) < 2:
        raise CopyRefused(LAST_COPY, store)


def remove_copy(glance, image, store):
    """Remove the copy in ``store`` (one DELETE, 204); never the last."""
    check_remove(image, store)
    glance.delete("/v2/stores/%s/%s" % (parse.quote(store, safe=""),
                                        _image_path(image["id"])))
