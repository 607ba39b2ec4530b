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

"""How a test restore's state is written on its backup: image properties
in one JSON-patch PATCH, and the time stamps they carry. Plain Python."""

import datetime
from urllib import parse

PATCH_TYPE = "application/openstack-images-v2.1-json-patch"


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc)


def stamp(now):
    return now.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_stamp(value):
    try:
        return datetime.datetime.strptime(
            value, "%Y-%m-%dT%H:%M:%SZ").replace(
                tzinfo=datetime.timezone.utc)
    except (TypeError, ValueError):
        return None


def quoted(value):
    return parse.quote(str(value), safe="")


def update(glance, image, changes):
    """Set (or, for None, remove) image properties; one PATCH, or none."""
    ops = []
    for name, value in sorted(changes.items()):
        if value is not None:
            ops.append({"op": "add", "path": "/" + name, "value": value})
        elif name in image:
            ops.append({"op": "remove", "path": "/" + name})
    if not ops:
        return image
    return glance.patch("/v2/images/%s" % quoted(image["id"]), json=ops,
                        headers={"Content-Type": PATCH_TYPE}).json()
