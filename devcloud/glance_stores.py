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

"""Glance's two file stores and the policy that lets members copy between
them, written for Glance and for Horizon alike (one source for both).
"""

import os

#: Glance's stores, by id: (directory under DIR/glance, description). The
#: first is the default, where every upload lands.
STORES = {"local": ("images", "Local file store"),
          "offsite": ("images-offsite", "Off-site file store")}
DEFAULT_STORE = next(iter(STORES))
#: Project members may copy their own images between stores and remove
#: one copy (Glance's defaults: admins only). The same rules go into
#: Horizon's policy, so that the dashboard offers what Glance allows.
MEMBER_OF_OWNER = "rule:context_is_admin or (role:member and " \
                  "project_id:%(project_id)s)"
POLICY = {"copy_image": MEMBER_OF_OWNER,
          "delete_image_location": MEMBER_OF_OWNER}
#: Horizon's policy directory for the image service, under DIR/horizon.
HORIZON_POLICY_DIR = "glance_policy.d"


def glance_sections(layout):
    """glance-api.conf's multi-store options and store sections."""
    sections = {name: {"filesystem_store_datadir": layout.path(
        "glance", directory), "store_description": description}
        for name, (directory, description) in STORES.items()}
    sections["glance_store"] = {"default_backend": DEFAULT_STORE}
    return sections


def enabled_backends():
    """glance-api.conf's ``[DEFAULT] enabled_backends``."""
    return ", ".join("%s:file" % name for name in STORES)


def write_policy(path):
    """POLICY as a policy YAML file at ``path`` (its directory made)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as out:
        out.write("# Written by devcloud: members copy their own images.\n")
        for rule, check in POLICY.items():
            out.write('"%s": "%s"\n' % (rule, check))
    return path


def glance_policy_file(layout):
    return write_policy(layout.path("glance", "policy.yaml"))


def horizon_policy_dir(layout, name="horizon"):
    """Horizon's extra image policy directory, written; its path."""
    directory = layout.path(name, HORIZON_POLICY_DIR)
    write_policy(os.path.join(directory, "copy_image.yaml"))
    return directory
