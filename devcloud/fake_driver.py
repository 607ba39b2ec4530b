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

"""Nova's fake virt driver, with snapshots that really reach Glance.

``nova.virt.fake.FakeDriver.snapshot`` uploads nothing, so a snapshot image
stays ``queued`` for ever. This subclass uploads a few bytes through Nova's
own image API, as a real driver would, so the image goes ``active``.

Nova loads drivers only from ``nova.virt``: ``devcloud.nova_all`` registers
this module as ``nova.virt.devcloud_fake``, so the setting is
``compute_driver = devcloud_fake.SnapshotFakeDriver``.
"""

import io

from nova.image import glance
from nova.virt import fake

SNAPSHOT_BYTES = b"devcloud fake snapshot\n"


class SnapshotFakeDriver(fake.FakeDriver):
    """FakeDriver whose snapshot() uploads SNAPSHOT_BYTES to Glance."""

    def snapshot(self, context, instance, image_id, update_task_state):
        super().snapshot(context, instance, image_id, update_task_state)
        image_api = glance.API()
        meta = image_api.get(context, image_id)
        update = {
            "disk_format": meta.get("disk_format") or "raw",
            "container_format": meta.get("container_format") or "bare",
        }
        image_api.update(context, image_id, update,
                         data=io.BytesIO(SNAPSHOT_BYTES))
