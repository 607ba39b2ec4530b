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

"""The Neutron stand-in's one network and its in-memory ports.

A hack, and it says so: one shared network with one IPv4 subnet, fixed
ids, no project of its own (``tenant_id`` empty, so every project sees it
through ``shared=True`` and none as its own). Ports live in this process's
memory: Nova creates, binds (``binding:host_id``) and deletes them; nothing
is wired anywhere (the fake virt driver plugs nothing) and a restart of the
stand-in forgets them. Addresses come from the subnet's pool, freed with
the port. Tokens are not checked, so a listing without a ``tenant_id``
filter shows every project's ports.
"""

import ipaddress
import random
import threading
import uuid

NETWORK_ID = "5c4e10fd-2a9b-4c3e-9d4e-6465766e6574"
SUBNET_ID = "7a1f7d2e-8f0b-4a8e-b1c5-646576737562"
CIDR = ipaddress.ip_network("10.20.0.0/24")
GATEWAY = CIDR[1]
POOL = (CIDR[10], CIDR[-2])
#: Query parameters that are not filters.
NOT_FILTERS = ("fields", "limit", "marker", "sort_key", "sort_dir",
               "page_reverse")

NETWORK = {
    "id": NETWORK_ID, "name": "devcloud-net", "description":
    "The devcloud Neutron stand-in's only network (nothing is wired).",
    "status": "ACTIVE", "admin_state_up": True, "shared": True,
    "tenant_id": "", "project_id": "", "subnets": [SUBNET_ID],
    "mtu": 1450, "router:external": False, "port_security_enabled": True,
    "availability_zone_hints": [], "availability_zones": ["nova"],
    "provider:network_type": "local", "provider:physical_network": None,
    "provider:segmentation_id": None, "is_default": False, "tags": [],
    "ipv4_address_scope": None, "ipv6_address_scope": None,
}
SUBNET = {
    "id": SUBNET_ID, "name": "devcloud-subnet", "description": "",
    "network_id": NETWORK_ID, "tenant_id": "", "project_id": "",
    "ip_version": 4, "cidr": str(CIDR), "gateway_ip": str(GATEWAY),
    "enable_dhcp": False, "dns_nameservers": [], "host_routes": [],
    "allocation_pools": [{"start": str(POOL[0]), "end": str(POOL[1])}],
    "ipv6_ra_mode": None, "ipv6_address_mode": None,
    "subnetpool_id": None, "tags": [],
}
#: What a client may set on a port (the rest is the stand-in's).
WRITABLE = ("name", "description", "admin_state_up", "device_id",
            "device_owner", "binding:host_id", "binding:profile",
            "binding:vnic_type", "dns_name", "tenant_id", "project_id")


class Conflict(Exception):
    """A request the stand-in cannot honour (answered with 409)."""


class Ports:
    """The ports Nova makes, by id."""

    def __init__(self):
        self._ports = {}
        self._lock = threading.Lock()

    def list(self):
        with self._lock:
            return [dict(port) for port in self._ports.values()]

    def get(self, port_id):
        with self._lock:
            port = self._ports.get(port_id)
            return dict(port) if port else None

    def create(self, body):
        if body.get("network_id") != NETWORK_ID:
            raise Conflict("Ports can only be made on network %s."
                           % NETWORK_ID)
        project = body.get("project_id") or body.get("tenant_id") or ""
        port = {
            "id": str(uuid.uuid4()), "name": "", "description": "",
            "network_id": NETWORK_ID, "admin_state_up": True,
            "status": "DOWN", "device_id": "", "device_owner": "",
            "mac_address": "fa:16:3e:%02x:%02x:%02x" % tuple(
                random.randint(0, 255) for _ in range(3)),
            "binding:host_id": "", "binding:profile": {},
            "binding:vif_type": "unbound", "binding:vif_details": {},
            "binding:vnic_type": "normal", "port_security_enabled": True,
            "security_groups": [], "allowed_address_pairs": [],
            "extra_dhcp_opts": [], "tags": [], "resource_request": None,
        }
        with self._lock:
            port["fixed_ips"] = [{"subnet_id": SUBNET_ID,
                                  "ip_address": self._free_address()}]
            self._ports[port["id"]] = port
            self._set(port, dict(body, tenant_id=project, project_id=project))
            return dict(port)

    def update(self, port_id, body):
        with self._lock:
            port = self._ports.get(port_id)
            if port is None:
                return None
            self._set(port, body)
            return dict(port)

    def delete(self, port_id):
        with self._lock:
            return self._ports.pop(port_id, None) is not None

    @staticmethod
    def _set(port, body):
        port.update({key: value for key, value in body.items()
                     if key in WRITABLE})
        # Bound to a host: "up" as far as anyone can tell (nothing is wired).
        bound = bool(port["binding:host_id"])
        port["binding:vif_type"] = "ovs" if bound else "unbound"
        port["status"] = "ACTIVE" if bound else "DOWN"

    def _free_address(self):
        used = {ip["ip_address"] for port in self._ports.values()
                for ip in port["fixed_ips"]}
        address = POOL[0]
        while str(address) in used:
            if address == POOL[1]:
                raise Conflict("No more IP addresses on subnet %s."
                               % SUBNET_ID)
            address += 1
        return str(address)


def matches(item, query):
    """Whether ``item`` passes a Neutron listing's filters.

    ``query`` is as from ``urllib.parse.parse_qs``; booleans compare
    case-insensitively, as Neutron takes "True" and "true".
    """
    for key, wanted in query.items():
        if key in NOT_FILTERS:
            continue
        if key not in item:
            return False
        value = item[key]
        if isinstance(value, bool):
            value = str(value)
        if str(value).lower() not in {w.lower() for w in wanted}:
            return False
    return True


def only_fields(item, query):
    fields = query.get("fields")
    return {k: v for k, v in item.items() if k in fields} if fields else item
