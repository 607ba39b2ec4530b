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

"""The rule that says what consistency a backup is expected to have.

Standard library only: nova-api's filter, the client library and the
dashboard use this one rule (the plan workflow's YAQL twin is tested equal
to it). Nova freezes the guest's filesystems through the QEMU guest agent
when the instance's image has ``hw_qemu_guest_agent=yes``, and fails the
snapshot when freezing fails only if it also has ``os_require_quiesce=yes``;
otherwise it goes on silently. An instance that is shut off writes nothing.
The label is therefore what was *expected*, not proven.
"""

from quick_backup_server import protocol

# The image properties Nova acts on (Nova's own names).
GUEST_AGENT = "hw_qemu_guest_agent"
REQUIRE_QUIESCE = "os_require_quiesce"
# Nova's "shut off" server status; only an ACTIVE instance is quiesced.
SHUTOFF_STATUS = "SHUTOFF"
ACTIVE_STATUS = "ACTIVE"
# The strings Nova's image metadata takes as true (oslo's
# strutils.bool_from_string).
TRUE_STRINGS = ("1", "t", "true", "on", "y", "yes")


def is_true(value):
    """True for an image property Nova reads as true."""
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in TRUE_STRINGS


def label(status, properties):
    """One of ``protocol.CONSISTENCY_VALUES``.

    ``status`` is the server's status; ``properties`` the image properties
    Nova acts on (the image's, or the boot volume's image metadata), or
    None where they could not be seen (then "unknown", unless shut off).
    """
    if status == SHUTOFF_STATUS:
        return protocol.CONSISTENCY_SHUTOFF
    if not isinstance(properties, dict):
        return protocol.CONSISTENCY_UNKNOWN
    if status == ACTIVE_STATUS and is_true(properties.get(GUEST_AGENT)):
        return protocol.CONSISTENCY_APPLICATION
    return protocol.CONSISTENCY_CRASH


def enforced(properties):
    """True where Nova fails the backup rather than take it unfrozen."""
    return isinstance(properties, dict) and \
        is_true(properties.get(GUEST_AGENT)) and \
        is_true(properties.get(REQUIRE_QUIESCE))


def server_image_properties(server):
    """The image properties embedded in a server as Nova shows it (a dict,
    from microversion 2.98), or None. ``server`` is Nova's JSON.
    """
    image = server.get("image") if isinstance(server, dict) else None
    properties = image.get("properties") if isinstance(image, dict) \
        else None
    return properties if isinstance(properties, dict) else None
