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

"""The server as the command finds and reads it, with its consistency facts.

One GET of the server at the endpoint's newest microversion (Nova's
``latest``, as nova-api's filter reads it): from 2.98 its ``image`` embeds
the image's properties. Below 2.98, an instance booted from an image costs
one Glance GET of that image; an instance booted from a volume (whose boot
volume the command does not read) and a failed GET leave the label
unknown. A shut-off instance costs nothing more: it is ``shutoff``.
"""

import logging

from keystoneauth1 import exceptions as ks_exceptions
from novaclient import exceptions as nova_exceptions
from osc_lib import exceptions
from osc_lib import utils

from quick_backup_client import backup_paths
from quick_backup_client import consistency
from quick_backup_client.osc import messages
from quick_backup_server import consistency as rule

LOG = logging.getLogger(__name__)

# Nova answers at its newest microversion (2.98 or newer embeds the
# image's properties), in one request, without version discovery.
NEWEST = "latest"


class NewestServers(object):
    """``nova.servers`` for OSC's lookup, whose ``get`` (the one GET by id)
    reads the server at the newest microversion; lookups by name go on as
    OSC's (a list at 2.1: the properties then come from Glance).
    """

    def __init__(self, clients):
        self._clients = clients
        self._servers = clients.nova.servers

    def get(self, server_id):
        return self._clients.backups.get_server(server_id, NEWEST)

    def __getattr__(self, name):
        return getattr(self._servers, name)


def image_properties(glance, server):
    """The properties Nova acts on for ``server``, or None where unseen:
    embedded in the server (2.98+), else one Glance GET of the base image
    (image-backed only).
    """
    embedded = consistency.image_properties(server)
    if embedded is not None or backup_paths.is_volume_backed(server):
        return embedded
    image = getattr(server, "image", None)
    image_id = image.get("id") if isinstance(image, dict) else None
    if not image_id:
        return None
    try:
        answer = glance.get("/v2/images/%s" % image_id).json()
    except (ks_exceptions.ClientException, ValueError):
        LOG.debug("The base image of server %s could not be read: its "
                  "backup's consistency is unknown", server.id)
        return None
    return answer if isinstance(answer, dict) else None


def expected(glance, server, properties=None):
    """The label a backup of ``server`` taken now is expected to carry;
    ``properties`` as already read (else read, unless shut off).
    """
    status = getattr(server, "status", None)
    if status == rule.SHUTOFF_STATUS:
        return consistency.SHUTOFF
    if properties is None:
        properties = image_properties(glance, server)
    return rule.label(status, properties)


def find_server(clients, name_or_id):
    """The server (OSC's lookup: by id, at the newest microversion, else by
    name; one or two GETs).
    """
    try:
        return utils.find_resource(NewestServers(clients), name_or_id)
    except exceptions.CommandError:
        raise  # "No server with a name or ID of ... exists." and the like
    except (nova_exceptions.ClientException,
            ks_exceptions.ClientException) as exc:
        raise exceptions.CommandError(messages.lookup_failure(
            exc, name_or_id)) from None
