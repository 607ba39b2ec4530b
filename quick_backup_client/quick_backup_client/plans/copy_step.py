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

"""A plan's copy of each new backup to another Glance store: the facts
its workflow step uses, and the Mistral action mapping it needs.

mistral-extra maps no action to glanceclient's ``images.image_import``
(the copy-image import): a cloud whose plans copy backups points Mistral's
``openstack_actions_mapping_path`` at mistral-extra's mapping plus
``MAPPING`` (``python -m quick_backup_client.plans.copy_step PATH`` writes
it). Without it a run says so (``UNSUPPORTED``) and keeps the backup.
"""

import importlib.resources
import json
import sys

from quick_backup_client import copies

# The action the step sends the copy with, and the mapping that makes it.
ACTION = "glance.images_image_import"
MAPPING = {"glance": {"images_image_import": "images.image_import"}}
# glanceclient's ``image_import`` returns the HTTP response with the body,
# which Mistral cannot serialise: the action then fails with this error
# although Glance accepted the copy (202); a refusal raises Glance's own
# HTTP error instead. The step takes it as sent, and waits for the store.
SENT_MARK = "Circular reference detected"
# What the run records of the copy (the instance's ``copy``): copied; not
# copied because the backup is volume-backed (its data are Cinder
# snapshots); or failed (the instance's outcome then, the backup kept).
COPIED = "copied"
NOT_COPIED = "not_copied"
FAILED = "copy_failed"
# Why a copy failed, as the step writes it into ``copy_error`` (any other
# text there is a service's error, classified by ``runs``).
SINGLE_STORE = copies.SINGLE_STORE     # this Glance lists no stores
IMPORT_FAILED = "import_failed"        # Glance names the store as failed
SLOW = "copy_slow"                     # not in the store within the bound
UNSUPPORTED = "copy_unsupported"       # Mistral has no ACTION
REASONS = (SINGLE_STORE, IMPORT_FAILED, SLOW, UNSUPPORTED)


def mapping(base=None):
    """mistral-extra's action mapping (``base``, else the installed one's)
    with ``MAPPING`` added.
    """
    if base is None:
        base = json.loads(importlib.resources.files("mistral_extra").joinpath(
            "actions/openstack/mapping.json").read_text(encoding="utf-8"))
    merged = dict(base)
    for service, actions in MAPPING.items():
        merged[service] = dict(merged.get(service) or {}, **actions)
    return merged


def write_mapping(path):
    with open(path, "w", encoding="utf-8") as out:
        json.dump(mapping(), out, indent=1, sort_keys=True)


if __name__ == "__main__":
    write_mapping(sys.argv[1])
