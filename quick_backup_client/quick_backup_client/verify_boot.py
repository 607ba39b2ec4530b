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

"""The boot of a test instance, sent once, and never an instance no backup
records: when Nova's answer is lost after it may have made the instance
(the connection cut, an answer that is not Nova's, a 5xx), the instance is
looked for (one GET of the instances named as test instances, those of
this backup by their metadata) and taken as booted. Plain Python, no Django.
"""

from quick_backup_client import failures
from quick_backup_client import verify_check
from quick_backup_server import protocol


def server_name(image_id):
    return protocol.VERIFY_SERVER_PREFIX + image_id[:8]


def find(compute, image_id):
    """The id of the test instance of backup ``image_id`` Nova has (one
    GET), or None.
    """
    servers = compute.get(
        "/servers/detail", params={"name": "^%s$" % server_name(image_id)},
        microversion=verify_check.MICROVERSION).json()["servers"]
    return next((server["id"] for server in servers if (
        server.get("metadata") or {}).get(
            protocol.VERIFY_OF_METADATA) == image_id), None)


def _looked_for(compute, image_id, error):
    """The instance the lost boot made, else ``error`` raised."""
    try:
        found = find(compute, image_id)
    except Exception:  # what is raised is the boot's own failure
        found = None
    if found is None:
        raise error
    return found


def boot(compute, body, image_id):
    """Boot the test instance of ``image_id`` (``body`` is its request);
    returns its id. Raises the boot's error, or ``failures.BadAnswer``
    for an answer that is not Nova's, when Nova has no such instance.
    """
    try:
        answer = compute.post("/servers", json=body,
                              microversion=verify_check.MICROVERSION)
    except Exception as exc:
        if not failures.may_have_made(exc):
            raise
        return _looked_for(compute, image_id, exc)
    try:
        return answer.json()["server"]["id"]
    except (ValueError, KeyError, TypeError):
        return _looked_for(compute, image_id, failures.BadAnswer())
