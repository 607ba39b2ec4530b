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

"""The Quick Backup API's facts, shared by nova-api's filter and the dashboard.

Standard library only, so that both nova-api's and Horizon's environments can
import it::

    POST {compute endpoint}/servers/{server_id}/backup_instance
    {"name": "nightly", "description": "before upgrade"}
    -> 202 {"id": "<image id>"}

    GET {compute endpoint}/servers/{server_id}/backup_instance
    -> 200 {"backup_instance": {"methods": ["POST"]}}

The GET never makes an image: it tells a client that this endpoint serves
the API (a stock Nova answers 404).
"""

import re

# The last path segment of the API, after /servers/{server_id}/.
RESOURCE = "backup_instance"
# What a GET of it answers where it is served.
PROBE_ANSWER = {RESOURCE: {"methods": ["POST"]}}

NAME_MAX_LENGTH = 255
# The description is kept as image metadata, whose values Nova caps at 255.
DESCRIPTION_MAX_LENGTH = 255

# Image properties every Quick Backup carries, whichever way it was made:
# the marker that listings filter on, the instance it was taken of, and the
# description (always, empty if none was given: Nova copies the base image's
# properties into a snapshot, so a backup would otherwise show the base
# image's description).
MARKER_PROPERTY = "quick_backup"
MARKER_VALUE = "true"
INSTANCE_PROPERTY = "quick_backup_instance"
# The instance's name when the backup was taken: shown once it is gone.
INSTANCE_NAME_PROPERTY = "quick_backup_instance_name"
DESCRIPTION_PROPERTY = "description"
# The backup plan that made a backup (none for the button's and the
# command's): plan retention deletes only its own plan's backups.
PLAN_PROPERTY = "quick_backup_plan"
# The plan's name when it made the backup (the Backups table shows it
# without asking Mistral).
PLAN_NAME_PROPERTY = "quick_backup_plan_name"
# Set by Nova on every snapshot of an image-backed instance.
NOVA_INSTANCE_PROPERTY = "instance_uuid"

# Consistency (issue 15): what a backup was expected to be when it was made
# (quick_backup_server.consistency has the rule). Backups older than the
# property have none: shown as unknown.
CONSISTENCY_PROPERTY = "quick_backup_consistency"
CONSISTENCY_APPLICATION = "application"  # the guest agent freezes the disks
CONSISTENCY_CRASH = "crash"  # taken while the instance writes
CONSISTENCY_SHUTOFF = "shutoff"  # nothing writes: consistent on disk
CONSISTENCY_UNKNOWN = "unknown"  # Nova did not show the facts
CONSISTENCY_VALUES = (CONSISTENCY_APPLICATION, CONSISTENCY_CRASH,
                      CONSISTENCY_SHUTOFF, CONSISTENCY_UNKNOWN)

# Nova's server ids and Glance's image ids are UUIDs (Nova writes them in
# lower case; either case is accepted, as Nova's own lookups do).
UUID_PATTERN = (r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                r"[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_UUID = re.compile(UUID_PATTERN)


def is_uuid(value):
    """True for a string shaped like a Nova server id or a Glance image id."""
    return isinstance(value, str) and _UUID.fullmatch(value) is not None


def backup_properties(instance_id, description, instance_name=None,
                      consistency=None):
    """The image properties (createImage's "metadata") of a Quick Backup.

    Nova caps property values at 255 characters, as Nova caps names.
    ``consistency`` is one of ``CONSISTENCY_VALUES`` (anything else is
    recorded as unknown).
    """
    properties = {MARKER_PROPERTY: MARKER_VALUE,
                  INSTANCE_PROPERTY: instance_id,
                  DESCRIPTION_PROPERTY: description or "",
                  CONSISTENCY_PROPERTY: consistency
                  if consistency in CONSISTENCY_VALUES
                  else CONSISTENCY_UNKNOWN}
    if instance_name:
        properties[INSTANCE_NAME_PROPERTY] = instance_name[:NAME_MAX_LENGTH]
    return properties


def is_quick_backup(properties):
    """True for an image a Quick Backup made, False for one that inherited
    the marker (Nova passes an instance's image properties on to its
    snapshots, so an instance launched from a backup hands the marker on).

    Nova names the instance on every snapshot of an image-backed instance:
    it must be the one the marker names. A volume-backed snapshot names
    none, so there the marker is taken as it is; Nova's
    ``non_inheritable_image_properties`` keeps it from being inherited.
    """
    instance = properties.get(INSTANCE_PROPERTY)
    taken_of = properties.get(NOVA_INSTANCE_PROPERTY)
    return (properties.get(MARKER_PROPERTY) == MARKER_VALUE and
            is_uuid(instance) and taken_of in (None, instance))


# Test restore ("Verify", issue 15): a throwaway instance boots from the
# backup, isolated, and is deleted with what it made. While it runs the
# backup names it (and, once a result is known, the volumes it is to leave
# behind none of); the result and its time stay on the backup.
VERIFY_SERVER_PROPERTY = "quick_backup_verify_server"
VERIFY_VOLUMES_PROPERTY = "quick_backup_verify_volumes"
VERIFY_STARTED_PROPERTY = "quick_backup_verify_started_at"
VERIFIED_PROPERTY = "quick_backup_verified"
VERIFIED_AT_PROPERTY = "quick_backup_verified_at"
VERIFIED_REASON_PROPERTY = "quick_backup_verified_reason"
# VERIFY_SERVER_PROPERTY's value while a boot whose answer was lost is
# looked for (its instance may come later).
VERIFY_PENDING = "pending"
# The values of VERIFIED_PROPERTY.
VERIFYING = "verifying"
VERIFIED_PASSED = "passed"
VERIFIED_FAILED = "failed"
# The test instance's name (with the backup's first 8 characters) and the
# metadata key on it that names the backup.
VERIFY_SERVER_PREFIX = "quick-backup-verify-"
VERIFY_OF_METADATA = "quick_backup_verify_of"
