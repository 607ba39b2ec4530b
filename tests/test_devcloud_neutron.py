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

"""The devcloud Neutron stand-in: its one network and the ports Nova
makes, binds and deletes, spoken to over WSGI as neutronclient does."""

import io
import json

import pytest

from devcloud import neutron
from devcloud import neutron_store


def call(method, path, query="", body=None):
    data = json.dumps(body).encode() if body is not None else b""
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path,
               "QUERY_STRING": query, "HTTP_HOST": "127.0.0.1:9696",
               "CONTENT_LENGTH": str(len(data)),
               "wsgi.input": io.BytesIO(data)}
    seen = {}

    def start_response(status, headers):
        seen["status"] = int(status.split()[0])

    answer = b"".join(neutron.application(environ, start_response))
    return seen["status"], json.loads(answer) if answer else None


@pytest.fixture(autouse=True)
def no_ports(monkeypatch):
    monkeypatch.setattr(neutron, "PORTS", neutron_store.Ports())


def names(status_payload, collection="networks"):
    status, payload = status_payload
    assert status == 200
    return [item["name"] for item in payload[collection]]


def test_the_network_is_shared_and_no_project_s_own():
    assert names(call("GET", "/v2.0/networks.json",
                      "shared=True")) == ["devcloud-net"]
    # Horizon's and Nova's "the project's own" listing.
    assert names(call("GET", "/v2.0/networks.json",
                      "tenant_id=demo&shared=False")) == []
    status, payload = call("GET", "/v2.0/networks/%s" %
                           neutron_store.NETWORK_ID, "fields=subnets")
    assert payload == {"network": {"subnets": [neutron_store.SUBNET_ID]}}


def test_a_port_is_made_bound_listed_by_device_and_deleted():
    status, made = call("POST", "/v2.0/ports", body={"port": {
        "network_id": neutron_store.NETWORK_ID, "tenant_id": "demo",
        "device_id": "server-1", "admin_state_up": True}})
    assert status == 201
    port = made["port"]
    assert port["fixed_ips"] == [{"subnet_id": neutron_store.SUBNET_ID,
                                  "ip_address": "10.20.0.10"}]
    assert (port["status"], port["binding:vif_type"]) == ("DOWN", "unbound")

    status, bound = call("PUT", "/v2.0/ports/%s" % port["id"], body={
        "port": {"binding:host_id": "compute-1",
                 "device_owner": "compute:nova", "mac_address": "nope"}})
    assert (bound["port"]["status"], bound["port"]["binding:vif_type"]) \
        == ("ACTIVE", "ovs")
    assert bound["port"]["mac_address"] == port["mac_address"]
    status, listed = call("GET", "/v2.0/ports.json",
                          "device_id=server-1&fields=id")
    assert listed == {"ports": [{"id": port["id"]}]}
    assert call("GET", "/v2.0/ports.json", "device_id=server-2")[1] == {
        "ports": []}

    assert call("DELETE", "/v2.0/ports/%s" % port["id"]) == (204, None)
    assert call("GET", "/v2.0/ports/%s" % port["id"])[0] == 404
    assert call("DELETE", "/v2.0/ports/%s" % port["id"])[0] == 404


def test_a_freed_address_is_handed_out_again():
    body = {"port": {"network_id": neutron_store.NETWORK_ID}}
    first = call("POST", "/v2.0/ports", body=body)[1]["port"]
    second = call("POST", "/v2.0/ports", body=body)[1]["port"]
    call("DELETE", "/v2.0/ports/%s" % first["id"])
    third = call("POST", "/v2.0/ports", body=body)[1]["port"]
    assert [p["fixed_ips"][0]["ip_address"] for p in (second, third)] == [
        "10.20.0.11", "10.20.0.10"]


@pytest.mark.parametrize("method, path, body", [
    ("POST", "/v2.0/networks", {"network": {"name": "mine"}}),
    ("POST", "/v2.0/security-groups", {"security_group": {"name": "x"}}),
    ("DELETE", "/v2.0/networks/%s" % neutron_store.NETWORK_ID, None),
])
def test_everything_but_ports_is_read_only(method, path, body):
    status, payload = call(method, path, body=body)
    assert status == 403
    assert payload["NeutronError"]["type"] == "PolicyNotAuthorized"


def test_a_port_on_another_network_is_refused():
    status, payload = call("POST", "/v2.0/ports", body={
        "port": {"network_id": "elsewhere"}})
    assert status == 409
    assert call("GET", "/v2.0/ports.json")[1] == {"ports": []}


def test_the_extensions_do_not_claim_multiple_port_bindings():
    status, payload = call("GET", "/v2.0/extensions.json")
    aliases = {e["alias"] for e in payload["extensions"]}
    assert {"binding", "security-group", "quotas"} <= aliases
    assert "binding-extended" not in aliases
