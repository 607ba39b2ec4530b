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

"""Test restore ("Verify"): a throwaway instance boots from a backup and is
deleted with everything it made; the result stays on the backup.

Plain Python over keystoneauth adapters (``Services``), no Django: the
dashboard and the ``openstack`` command drive the same steps. The state
lives on the backup's image properties (``protocol.VERIFY_*``), so any of
them may finish what another began:

- ``start`` checks the quota (Nova's ``/limits``, and Cinder's for a
  volume-backed backup), picks the smallest flavor that fits, boots the
  instance with no network (microversion 2.37), records it and sweeps
  (``verify_sweep``): 5 requests, 6 volume-backed. Nothing is booted when
  there is no room.
- ``advance`` takes one step (a GET of the instance unless the caller has
  it): ACTIVE with console output (or where no console log exists)
  passes, ERROR or no output within ``verify_check.VERIFY_SECONDS``
  fails; the result is recorded and the instance deleted. Once Nova no
  longer has it, the volumes it made that are left are deleted, and the
  backup forgets it.
"""

import collections
import datetime

from keystoneauth1 import exceptions as ks_exceptions

from quick_backup_client import failures
from quick_backup_client import verify_boot
from quick_backup_client import verify_check
from quick_backup_client import verify_fit
from quick_backup_client import verify_lost
from quick_backup_client import verify_record
from quick_backup_client import verify_sweep
from quick_backup_server import protocol

Services = collections.namedtuple("Services", "compute image volume")
MICROVERSION = verify_check.MICROVERSION
# How long Nova has to delete the instance before it is asked again.
DELETE_SECONDS = 300
PATCH_TYPE = verify_record.PATCH_TYPE


class NotVerifiable(Exception):
    """The backup is not active: there is nothing to boot yet."""


def is_running(image):
    """True while a test instance of this backup may exist."""
    return bool(image.get(protocol.VERIFY_SERVER_PROPERTY))


def _absolute(adapter, **kwargs):
    return adapter.get("/limits", **kwargs).json()["limits"]["absolute"]


def server_request(image, flavor):
    """The boot request of the test instance of ``image``."""
    server = {"name": verify_boot.server_name(image["id"]),
              "flavorRef": flavor["id"], "networks": "none",
              "metadata": {protocol.VERIFY_OF_METADATA: image["id"]}}
    snapshots = verify_fit.mappings(image)
    if not snapshots:
        server["imageRef"] = image["id"]
        return {"server": server}
    server["block_device_mapping_v2"] = [dict(
        {"source_type": "snapshot", "destination_type": "volume",
         "uuid": mapping["snapshot_id"], "delete_on_termination": True},
        **{key: mapping[key] for key in ("boot_index", "volume_size")
           if mapping.get(key) is not None}) for mapping in snapshots]
    return {"server": server}


def start(services, image, now=None):
    """Boot the test instance of ``image`` (a project's active Quick
    Backup, as Glance shows it) unless one runs; returns the image as
    recorded. Raises ``verify_fit.NoRoom`` or ``NoFlavor`` before
    anything is made, ``NotVerifiable``, or the services' errors.
    """
    if is_running(image):
        return image
    if image.get("status") != "active":
        raise NotVerifiable()
    compute = services.compute
    absolute = _absolute(compute, microversion=MICROVERSION)
    verify_fit.check_room(absolute, verify_fit.NOVA_LIMITS,
                          {verify_fit.INSTANCES: 1})
    snapshots = verify_fit.mappings(image)
    flavors = compute.get("/flavors/detail", microversion=MICROVERSION
                          ).json().get("flavors", [])
    flavor = verify_fit.smallest_flavor(flavors, image, bool(snapshots))
    verify_fit.check_room(absolute, verify_fit.NOVA_LIMITS, {
        verify_fit.CORES: int(flavor.get("vcpus") or 1),
        verify_fit.RAM: int(flavor.get("ram") or 0)})
    if snapshots:
        verify_fit.check_room(_absolute(services.volume),
                              verify_fit.CINDER_LIMITS,
                              verify_fit.volume_needs(snapshots))
    now = now or verify_record.utcnow()
    # Never an instance no backup records: see verify_boot, verify_lost.
    try:
        server_id = verify_boot.boot(compute, server_request(image, flavor),
                                     image["id"])
    except Exception as exc:
        if failures.may_have_made(exc):
            verify_lost.record(services.image, image, now)
        raise
    try:
        recorded = verify_record.update(services.image, image, {
            protocol.VERIFY_SERVER_PROPERTY: server_id,
            protocol.VERIFIED_PROPERTY: protocol.VERIFYING,
            protocol.VERIFY_STARTED_PROPERTY: verify_record.stamp(now),
            protocol.VERIFIED_REASON_PROPERTY: None})
    except Exception:
        _delete_server(compute, server_id)  # never an unrecorded one
        raise
    verify_sweep.others(compute, image["id"], server_id, MICROVERSION)
    return recorded


def _server_get(compute, server_id):
    """The instance (one GET), or None once Nova has it no more."""
    try:
        return compute.get("/servers/%s" % verify_record.quoted(server_id),
                           microversion=MICROVERSION).json()["server"]
    except ks_exceptions.NotFound:
        return None


def _delete_server(compute, server_id):
    try:
        compute.delete("/servers/%s" % verify_record.quoted(server_id),
                       microversion=MICROVERSION)
    except ks_exceptions.NotFound:
        pass


def advance(services, image, server=False, now=None):
    """One step of the test restore of ``image``; returns the image as
    recorded. ``server`` is the test instance as the caller's own Nova
    listing showed it (None: not listed); else it is read (one GET).
    """
    server_id = image.get(protocol.VERIFY_SERVER_PROPERTY)
    if not server_id:
        return image
    now = now or verify_record.utcnow()
    if verify_lost.is_pending(image):
        return verify_lost.look(services, image, now)
    if server is False:
        server = _server_get(services.compute, server_id)
    if image.get(protocol.VERIFIED_PROPERTY) == protocol.VERIFYING:
        started = verify_record.parse_stamp(
            image.get(protocol.VERIFY_STARTED_PROPERTY))
        found = verify_check.judge(services.compute, server, started, now)
        if found is None:
            return image
        volumes = [volume.get("id") for volume in (server or {}).get(
            "os-extended-volumes:volumes_attached") or []]
        # The result first: an instance gone unrecorded would read "gone".
        image = verify_record.update(services.image, image, {
            protocol.VERIFIED_PROPERTY: found[0],
            protocol.VERIFIED_REASON_PROPERTY: found[1],
            protocol.VERIFIED_AT_PROPERTY: verify_record.stamp(now),
            protocol.VERIFY_VOLUMES_PROPERTY: ",".join(volumes) or None})
        if server is not None:
            _delete_server(services.compute, server_id)
        return image
    if server is not None:
        # Asked again unless Nova is deleting it, and then after a while.
        ended = verify_record.parse_stamp(
            image.get(protocol.VERIFIED_AT_PROPERTY))
        if server.get("OS-EXT-STS:task_state") != "deleting" or \
                ended is None or now - ended > datetime.timedelta(
                    seconds=DELETE_SECONDS):
            _delete_server(services.compute, server_id)
        return image
    if verify_fit.mappings(image) and _volumes_left(services.volume, image):
        return image
    return verify_record.update(services.image, image, {
        protocol.VERIFY_SERVER_PROPERTY: None,
        protocol.VERIFY_VOLUMES_PROPERTY: None,
        protocol.VERIFY_STARTED_PROPERTY: None})


def _volumes_left(cinder, image):
    """Delete the volumes the test instance made that Nova left (those it
    had attached, and any made from the backup's snapshots since the test
    began that is unnamed and unattached, as Nova makes them); True while
    any is still being deleted (one GET, a DELETE for each left).
    """
    recorded = set(filter(None, (image.get(
        protocol.VERIFY_VOLUMES_PROPERTY) or "").split(",")))
    snapshots = {mapping["snapshot_id"]
                 for mapping in verify_fit.mappings(image)}
    started = image.get(protocol.VERIFY_STARTED_PROPERTY) or ""
    left = False
    for volume in cinder.get("/volumes/detail").json().get("volumes", []):
        made = volume.get("id") in recorded or (
            volume.get("snapshot_id") in snapshots and
            not volume.get("name") and not volume.get("attachments") and
            (volume.get("created_at") or "") >= started.rstrip("Z"))
        if not made:
            continue
        left = True
        if volume.get("status") in ("available", "error"):
            try:
                cinder.delete("/volumes/%s"
                              % verify_record.quoted(volume["id"]))
            except ks_exceptions.NotFound:
                pass
    return left


def discard(services, image):
    """Delete the test instance of a backup that is being deleted (its
    volumes go with it: Nova deletes them on termination).
    """
    server_id = verify_lost.find(services.compute, image)
    if server_id:
        _delete_server(services.compute, server_id)
