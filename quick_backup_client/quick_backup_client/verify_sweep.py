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

"""Two test restores of one backup started at once keep one instance.

A backup's image can record one test instance. Two starters that pass the
"none running" check at the same moment (two browsers, the panel and the
command) both boot one, and the later record wins. So each starter, once
its own instance is recorded, lists the backup's test instances (one GET,
by the name every one of them has) and deletes those the image does not
record: whichever starter records last sweeps the other's, and the one
left is the one the backup follows.
"""

from keystoneauth1 import exceptions as ks_exceptions

from quick_backup_client import verify_boot
from quick_backup_server import protocol


def others(compute, image_id, recorded_id, microversion):
    """Delete this backup's test instances other than ``recorded_id``;
    returns their ids (best effort: a failure leaves them to the sweep of
    the next start, and Nova's listing shows them).
    """
    name = verify_boot.server_name(image_id)
    try:
        servers = compute.get(
            "/servers/detail", params={"name": "^%s$" % name},
            microversion=microversion).json().get("servers", [])
    except ks_exceptions.ClientException:
        return []
    extra = [server["id"] for server in servers
             if server.get("id") != recorded_id and
             (server.get("metadata") or {}).get(
                 protocol.VERIFY_OF_METADATA) == image_id]
    for server_id in extra:
        try:
            compute.delete("/servers/%s" % server_id,
                           microversion=microversion)
        except ks_exceptions.ClientException:
            pass
    return extra
