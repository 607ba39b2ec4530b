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

"""A test instance's boot whose answer was lost, and whose instance Nova
did not list at once (a boot Nova carries out after the caller gave up):
the backup records it as pending, and every later step looks for it by
name until ``LOST_BOOT_SECONDS``, so that no instance is left that no
backup records. Plain Python, no Django.
"""

import logging

from quick_backup_client import verify_boot
from quick_backup_client import verify_check
from quick_backup_client import verify_record
from quick_backup_server import protocol

LOG = logging.getLogger(__name__)
# How long a lost boot is looked for before the test restore fails.
LOST_BOOT_SECONDS = 300


def is_pending(image):
    return image.get(protocol.VERIFY_SERVER_PROPERTY) == \
        protocol.VERIFY_PENDING


def record(glance, image, now):
    """Record the lost boot on ``image`` (one PATCH). Never raises: the
    caller raises the boot's own failure.
    """
    try:
        return verify_record.update(glance, image, {
            protocol.VERIFY_SERVER_PROPERTY: protocol.VERIFY_PENDING,
            protocol.VERIFIED_PROPERTY: protocol.VERIFYING,
            protocol.VERIFY_STARTED_PROPERTY: verify_record.stamp(now),
            protocol.VERIFIED_REASON_PROPERTY: None})
    except Exception:
        LOG.warning("Could not record the lost boot of the test instance "
                    "of backup %s", image.get("id"))
        return image


def look(services, image, now):
    """One step of a pending boot: the instance, once Nova lists it, is
    recorded (one GET, one PATCH); none past the bound fails the test
    restore (``verify_check.NOT_BOOTED``).
    """
    found = verify_boot.find(services.compute, image["id"])
    if found is not None:
        return verify_record.update(services.image, image, {
            protocol.VERIFY_SERVER_PROPERTY: found})
    started = verify_record.parse_stamp(
        image.get(protocol.VERIFY_STARTED_PROPERTY))
    if started is not None and \
            (now - started).total_seconds() <= LOST_BOOT_SECONDS:
        return image
    return verify_record.update(services.image, image, {
        protocol.VERIFY_SERVER_PROPERTY: None,
        protocol.VERIFY_STARTED_PROPERTY: None,
        protocol.VERIFIED_PROPERTY: protocol.VERIFIED_FAILED,
        protocol.VERIFIED_REASON_PROPERTY: verify_check.NOT_BOOTED,
        protocol.VERIFIED_AT_PROPERTY: verify_record.stamp(now)})


def find(compute, image):
    """The test instance of a pending boot, if Nova has it (one GET)."""
    return verify_boot.find(compute, image["id"]) if is_pending(image) \
        else image.get(protocol.VERIFY_SERVER_PROPERTY)
