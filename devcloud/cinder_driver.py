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

"""A Cinder volume driver with no data path: volumes are rows, not bytes.

Enough for Nova to boot from a volume, attach and detach one, and snapshot
it (createImage of a volume-backed server): every operation only returns
what the volume manager needs to update its database. An image "copied" to
a volume is reported as cloned (``clone_image`` returns ``(None, True)``),
so Cinder never downloads it or runs qemu-img. Connections report the
``fake`` type that Nova's fake virt driver accepts without os-brick.

Cinder's own fakes in ``cinder.tests`` need the test package ``fixtures``;
this one needs nothing but Cinder. ``cinder.conf`` names it as
``volume_driver = devcloud.cinder_driver.DevcloudVolumeDriver``.
"""

from cinder.volume import driver

#: Reported capacity of the one pool (GiB); nothing is ever allocated.
CAPACITY_GB = 1000


class DevcloudVolumeDriver(driver.VolumeDriver):
    """Bookkeeping only; see the module docstring."""

    VERSION = "1.0"

    def check_for_setup_error(self):
        pass

    def _update_volume_stats(self):
        self._stats = {
            "volume_backend_name": self.configuration.safe_get(
                "volume_backend_name") or "devcloud",
            "vendor_name": "devcloud",
            "driver_version": self.VERSION,
            "storage_protocol": "fake",
            "total_capacity_gb": CAPACITY_GB,
            "free_capacity_gb": CAPACITY_GB,
            "reserved_percentage": 0,
            "thin_provisioning_support": True,
            "multiattach": False,
        }

    def create_volume(self, volume):
        return None

    def create_volume_from_snapshot(self, volume, snapshot):
        return None

    def create_cloned_volume(self, volume, src_vref):
        return None

    def clone_image(self, context, volume, image_location, image_meta,
                    image_service):
        return None, True

    def extend_volume(self, volume, new_size):
        pass

    def delete_volume(self, volume):
        pass

    def create_snapshot(self, snapshot):
        return None

    def delete_snapshot(self, snapshot):
        pass

    def ensure_export(self, context, volume):
        pass

    def create_export(self, context, volume, connector):
        return None

    def remove_export(self, context, volume):
        pass

    def initialize_connection(self, volume, connector, **kwargs):
        return {"driver_volume_type": "fake",
                "data": {"volume_id": volume.id, "access_mode": "rw"}}

    def terminate_connection(self, volume, connector, **kwargs):
        pass
