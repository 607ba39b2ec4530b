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

"""Thousands of Glance images in a second, written straight into Glance's
SQLite database (for the benchmarks; never for the demo).

HACK, and why: creating an image through Glance's API costs a POST (and
Keystone's token check) per image, 30 to 50 ms each here, so 10,000 images
would take five to eight minutes, more than CI's whole budget for the
benchmarks. So this module writes, in about a second, the rows Glance's own
create writes (``glance.db.sqlalchemy.api.image_create``): one ``images``
row, owned by the project, ``private`` or ``shared`` (Glance's default for
a new image), and one ``image_properties`` row per extra property, with
Glance's timestamp format and ``deleted = 0``. The images are ``active``
with a size and checksums, as after an upload, but no ``image_locations``
row: there are no bytes behind them, so they are for listing, not for
download or boot. Half look like uploaded images (a ``description``), half
like Nova's snapshots of other servers (``image_type``, ``instance_uuid``,
``user_id``); none carries the Quick Backup marker, unless ``instance``
is given: then every image is a Quick Backup of that instance, with the
properties Nova's createImage leaves (``image_type``, ``instance_uuid``,
``user_id``, ``base_image_ref``) plus ours (``protocol.backup_properties``,
as our API passes them to createImage). Glance reads its database on every
request (no cache), so the rows show at once; the caller checks that Glance
lists them.

Writes take Glance's own lock discipline (``BEGIN IMMEDIATE``, a busy
timeout), so Glance may serve requests meanwhile. ``remove_images`` takes
back exactly the rows ``add_images`` wrote (they were never Glance's own,
so there is nothing to soft-delete).
"""

import datetime
import hashlib
import sqlite3
import uuid

from quick_backup_server import protocol

DATA = b"bytes that are not there\n"  # what the checksums describe
IMAGE_COLUMNS = (
    "id", "name", "size", "status", "created_at", "updated_at",
    "deleted_at", "deleted", "disk_format", "container_format", "checksum",
    "owner", "min_disk", "min_ram", "protected", "virtual_size",
    "visibility", "os_hidden", "os_hash_algo", "os_hash_value")


def database(layout):
    """Glance's database file in a devcloud state directory."""
    return layout.path("glance", "glance.sqlite")


def _timestamp(when):
    return when.strftime("%Y-%m-%d %H:%M:%S.%f")  # as Glance writes them


def _snapshot(instance_id, user_id):
    """The properties Nova's createImage gives a snapshot of an instance."""
    return {"image_type": "snapshot",
            protocol.NOVA_INSTANCE_PROPERTY: instance_id,
            "user_id": user_id, "base_image_ref": str(uuid.uuid4())}


def _properties(index, user_id, instance=None):
    if instance is not None:
        instance_id, instance_name = instance
        properties = _snapshot(instance_id, user_id)
        properties.update(protocol.backup_properties(
            instance_id, "bulk quick backup %d" % index, instance_name,
            protocol.CONSISTENCY_CRASH))
        return properties
    if index % 2:
        return {"description": "bulk image %d" % index}
    return _snapshot(str(uuid.uuid4()), user_id)


def add_images(layout, project_id, count, user_id="", start=0,
               instance=None):
    """Add ``count`` images owned by ``project_id`` (named ``bulk-N`` from
    ``start``), created in the past, a second apart; return their ids.

    ``instance``, an ``(id, name)`` pair of a server of the project, makes
    them Quick Backups of that server.
    """
    checksum = hashlib.md5(DATA).hexdigest()
    sha512 = hashlib.sha512(DATA).hexdigest()
    oldest = datetime.datetime.now(datetime.timezone.utc).replace(
        tzinfo=None) - datetime.timedelta(days=30)
    images, properties = [], []
    for index in range(start, start + count):
        image_id = str(uuid.uuid4())
        when = _timestamp(oldest + datetime.timedelta(seconds=index))
        images.append((
            image_id, "bulk-%d" % index, len(DATA), "active", when, when,
            None, 0, "raw", "bare", checksum, project_id, 0, 0, 0,
            len(DATA), "shared" if index % 3 == 0 else "private", 0,
            "sha512", sha512))
        properties += [(image_id, name, value, when, when, None, 0)
                       for name, value in _properties(
                           index, user_id, instance).items()]
    _write(layout, [
        ("INSERT INTO images (%s) VALUES (%s)" % (
            ", ".join(IMAGE_COLUMNS), ", ".join("?" * len(IMAGE_COLUMNS))),
         images),
        ("INSERT INTO image_properties (image_id, name, value, created_at, "
         "updated_at, deleted_at, deleted) VALUES (?, ?, ?, ?, ?, ?, ?)",
         properties)])
    return [image[0] for image in images]


def remove_images(layout, image_ids):
    """Take back images that ``add_images`` wrote."""
    rows = [(image_id,) for image_id in image_ids]
    _write(layout, [
        ("DELETE FROM image_properties WHERE image_id = ?", rows),
        ("DELETE FROM images WHERE id = ?", rows)])


def _write(layout, statements):
    """Run ``(sql, rows)`` statements in one IMMEDIATE transaction."""
    connection = sqlite3.connect(database(layout), timeout=30,
                                 isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        for sql, rows in statements:
            connection.executemany(sql, rows)
        connection.execute("COMMIT")
    finally:
        connection.close()
