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

"""The policy rules the plugin checks, and their targets, defined once: the
rules the services themselves check for the calls each action makes."""

# Taking a backup (our filter takes it with createImage).
CREATE_IMAGE = ("compute", "os_compute_api:servers:create_image")
CREATE_IMAGE_VOLUME_BACKED = (
    "compute", "os_compute_api:servers:create_image:allow_volume_backed")
CREATE_BACKUP = ("compute", "os_compute_api:os-create-backup")
# Using and removing one.
LAUNCH = ("compute", "os_compute_api:servers:create")
REBUILD = ("compute", "os_compute_api:servers:rebuild")
DELETE_IMAGE = ("image", "delete_image")
# Protecting and unprotecting one (an update of the image, as Horizon's).
MODIFY_IMAGE = ("image", "modify_image")
DELETE_VOLUME_SNAPSHOT = ("volume", "volume:delete_snapshot")
# Copies in Glance's other stores (copy-image import; DELETE
# /v2/stores/{store}/{id} checks both location rules).
COPY_IMAGE = ("image", "copy_image")
REMOVE_COPY = (("image", "get_image_location"),
               ("image", "delete_image_location"))


# The targets the services check those rules against: openstack_auth fills
# a missing project and user with the requester's own, so a rule such as
# "user_id:%(user_id)s" would pass for anyone's instance without them.
def instance_target(instance):
    """Nova's target for a call on ``instance`` (Nova's dict or a
    novaclient server): the instance's own project and user.
    """
    def get(name):
        if isinstance(instance, dict):
            return instance.get(name)
        return getattr(instance, name, None)
    return {"project_id": get("tenant_id"), "user_id": get("user_id")}


def image_target(image):
    """Glance's target for a call on ``image`` (Glance's dict)."""
    return {"project_id": image.get("owner"), "owner": image.get("owner")}


def snapshot_target(snapshot):
    """Cinder's target for a call on ``snapshot`` (Cinder's dict)."""
    return {"project_id": snapshot.get(
        "os-extended-snapshot-attributes:project_id"),
        "user_id": snapshot.get("user_id")}
