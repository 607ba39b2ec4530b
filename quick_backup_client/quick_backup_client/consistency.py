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

"""What consistency a backup of an instance is expected to have.

The client library's side of ``quick_backup_server.consistency`` (the one
rule): it reads the facts from what the caller already has, a server read
from Nova (image properties embedded from microversion 2.98) and, for an
instance booted from a volume, the boot volume's ``volume_image_metadata``
where the caller read its volumes. Without the facts the label is honest:
unknown (except for an instance that is shut off).
"""

from quick_backup_server import consistency as rule
from quick_backup_server import protocol

from quick_backup_client import backup_paths

APPLICATION = protocol.CONSISTENCY_APPLICATION
CRASH = protocol.CONSISTENCY_CRASH
SHUTOFF = protocol.CONSISTENCY_SHUTOFF
UNKNOWN = protocol.CONSISTENCY_UNKNOWN
VALUES = protocol.CONSISTENCY_VALUES
# The labels a plan that requires consistency accepts.
CONSISTENT = (APPLICATION, SHUTOFF)


def image_properties(server, volumes=None):
    """The image properties Nova will act on, or None when they are not
    at hand. ``server`` is a novaclient Server; ``volumes`` the instance's
    volumes as Cinder shows them (dicts), when read.
    """
    if backup_paths.is_volume_backed(server):
        # The boot volume: the bootable one (Cinder's string "true").
        boot = [volume for volume in volumes or ()
                if str(volume.get("bootable")).lower() == "true"]
        properties = boot[0].get("volume_image_metadata") \
            if len(boot) == 1 else None
        return properties if isinstance(properties, dict) else None
    return rule.server_image_properties(
        {"image": getattr(server, "image", None)})


def expected(server, volumes=None):
    """The label a backup of ``server`` taken now is expected to carry."""
    return rule.label(getattr(server, "status", None),
                      image_properties(server, volumes))


def enforced(server, volumes=None):
    """True where Nova fails a backup that could not be frozen."""
    return rule.enforced(image_properties(server, volumes))


def of_image(image):
    """The label a backup image records (a dict of Glance's image, or an
    object with its properties as attributes); unknown when it has none.
    """
    if isinstance(image, dict):
        value = image.get(protocol.CONSISTENCY_PROPERTY)
    else:
        value = getattr(image, protocol.CONSISTENCY_PROPERTY, None)
        if value is None:
            value = (getattr(image, "properties", None) or {}).get(
                protocol.CONSISTENCY_PROPERTY)
    return value if value in VALUES else UNKNOWN
