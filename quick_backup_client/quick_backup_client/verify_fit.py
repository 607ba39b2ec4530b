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

"""What a test restore needs room for: the flavor it boots and the quota.

Plain functions over the answers of Nova's flavor list and of Nova's and
Cinder's ``/limits`` (a test restore reads each once); no Django.
"""

import json
import math

GIB = 1024 ** 3
# What there may be no room for, as ``NoRoom.what`` names it.
INSTANCES = "instances"
CORES = "cores"
RAM = "ram"
VOLUMES = "volumes"
GIGABYTES = "gigabytes"
# Nova's and Cinder's absolute limits: the limit and what is used of it.
NOVA_LIMITS = {INSTANCES: ("maxTotalInstances", "totalInstancesUsed"),
               CORES: ("maxTotalCores", "totalCoresUsed"),
               RAM: ("maxTotalRAMSize", "totalRAMUsed")}
CINDER_LIMITS = {VOLUMES: ("maxTotalVolumes", "totalVolumesUsed"),
                 GIGABYTES: ("maxTotalVolumeGigabytes", "totalGigabytesUsed")}


class NoRoom(Exception):
    """The project's quota has no room for the test instance: nothing was
    made. ``what`` is one of the names above; ``needed`` and ``left`` are
    in its unit (MiB for RAM, GiB for gigabytes).
    """

    def __init__(self, what, needed, left):
        super().__init__(what)
        self.what, self.needed, self.left = what, needed, left


class NoFlavor(Exception):
    """No flavor this project may use is large enough for the backup."""


def _number(value, default=0):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def check_room(absolute, names, needed):
    """Raise ``NoRoom`` unless ``absolute`` (a ``/limits`` answer's
    ``absolute``) leaves ``needed[what]`` for each ``what`` in ``names``.
    A negative (or missing) limit is no limit.
    """
    for what, (limit_key, used_key) in names.items():
        if what not in needed:
            continue
        limit = _number(absolute.get(limit_key), -1)
        if limit < 0:
            continue
        left = max(limit - _number(absolute.get(used_key)), 0)
        if needed[what] > left:
            raise NoRoom(what, needed[what], left)


def root_disk_gb(image):
    """The root disk an image-backed backup needs, in GiB (its min_disk,
    else its size rounded up; at least 1).
    """
    size = math.ceil(_number(image.get("size")) / GIB)
    return max(_number(image.get("min_disk")), size, 1)


def smallest_flavor(flavors, image, volume_backed):
    """The smallest flavor (RAM, then vCPUs, then disk) that fits the
    backup: its ``min_ram``, and for an image-backed backup a root disk of
    ``root_disk_gb`` (never a flavor without a disk: Nova lets only admins
    boot those from an image). Raises ``NoFlavor``.
    """
    min_ram = _number(image.get("min_ram"))
    disk = 0 if volume_backed else root_disk_gb(image)
    fitting = [flavor for flavor in flavors
               if not flavor.get("OS-FLV-DISABLED:disabled") and
               _number(flavor.get("ram")) >= min_ram and
               (volume_backed or _number(flavor.get("disk")) >= disk)]
    if not fitting:
        raise NoFlavor()
    return min(fitting, key=lambda flavor: (
        _number(flavor.get("ram")), _number(flavor.get("vcpus")),
        _number(flavor.get("disk")), str(flavor.get("id"))))


def volume_needs(mappings):
    """How many volumes, and GiB, a volume-backed backup's test instance
    makes from its snapshots (Nova's ``block_device_mapping``).
    """
    return {VOLUMES: len(mappings),
            GIGABYTES: sum(_number(mapping.get("volume_size"), 1)
                           for mapping in mappings)}


def mappings(image):
    """The snapshot mappings of a volume-backed backup's image."""
    try:
        found = json.loads(image.get("block_device_mapping") or "[]")
    except (TypeError, ValueError):
        return []
    return [mapping for mapping in found if isinstance(found, list) and
            isinstance(mapping, dict) and mapping.get("snapshot_id")]
