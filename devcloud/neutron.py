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

"""A tiny Neutron stand-in (plain WSGI): one network, ports in memory.

A hack that explains itself: it answers what Nova and Horizon's launch
wizard ask, and no more. ``networks`` and ``subnets`` hold the one shared
network and subnet of neutron_store.py; ``ports`` can be listed, shown,
made, updated (Nova binds them with ``binding:host_id``) and deleted; every
other collection is empty and read-only (403). The extensions listed are
ones it answers for (their attributes or their empty collections);
``binding-extended`` is not among them, so Nova binds with a plain port
update (no second binding: live migration between hosts is not served).
Servers booted with ``"networks": "none"`` call it for listings only.
"""

import json
import re
from urllib.parse import parse_qs

from devcloud import neutron_store

API_ROOT = "/v2.0"
EXTENSIONS = ("security-group", "quotas", "quota_details", "external-net",
              "router", "port-security", "standard-attr-description",
              "binding", "provider")
QUOTAS = {"network": 100, "subnet": 100, "port": 500, "router": 10,
          "floatingip": 50, "security_group": 10,
          "security_group_rule": 100, "rbac_policy": 10, "subnetpool": -1}
FIXED = {"networks": [neutron_store.NETWORK],
         "subnets": [neutron_store.SUBNET]}
REASONS = {200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request",
           403: "Forbidden", 404: "Not Found", 409: "Conflict"}
PORTS = neutron_store.Ports()


def _extension(alias):
    return {"alias": alias, "name": alias, "description": alias,
            "updated": "2013-01-01T00:00:00-00:00", "links": []}


def _versions(host):
    return {"versions": [{
        "id": "v2.0", "status": "CURRENT",
        "links": [{"rel": "self", "href": "http://%s/v2.0/" % host}]}]}


def _quota_details():
    return {"quota": {name: {"limit": limit, "used": 0, "reserved": 0}
                      for name, limit in QUOTAS.items()}}


def _not_found(what):
    return 404, {"NeutronError": {"type": "NotFound", "detail": "",
                                  "message": "%s could not be found." % what}}


def _listing(collection, query):
    items = PORTS.list() if collection == "ports" else FIXED.get(
        collection, [])
    return [neutron_store.only_fields(item, query) for item in items
            if neutron_store.matches(item, query)]


def _one(collection, item_id, query):
    if collection == "ports":
        item = PORTS.get(item_id)
    else:
        item = next((i for i in FIXED.get(collection, [])
                     if i["id"] == item_id), None)
    if item is None:
        return _not_found("%s %s" % (collection, item_id))
    return 200, {collection[:-1]: neutron_store.only_fields(item, query)}


def route(path, host, query=None):
    """Return (status, payload) for a GET of ``path``."""
    query = query or {}
    path = path.rstrip("/")
    if path == "":
        return 200, _versions(host)
    if path == API_ROOT:
        return 200, {"resources": []}
    if not path.startswith(API_ROOT + "/"):
        return _not_found("Resource")
    parts = [re.sub(r"\.json$", "", p)
             for p in path[len(API_ROOT) + 1:].split("/") if p]
    collection = parts[0]
    if collection == "extensions":
        if len(parts) == 1:
            return 200, {"extensions": [_extension(a) for a in EXTENSIONS]}
        if parts[1] in EXTENSIONS:
            return 200, {"extension": _extension(parts[1])}
        return _not_found("Extension %s" % parts[1])
    if collection == "quotas":
        if len(parts) == 3 and parts[2] == "details":
            return 200, _quota_details()
        if len(parts) == 2:
            return 200, {"quota": dict(QUOTAS)}
        return 200, {"quotas": []}
    if len(parts) == 1:
        return 200, {collection.replace("-", "_"): _listing(collection,
                                                            query)}
    if len(parts) == 2 and collection in ("ports", *FIXED):
        return _one(collection, parts[1], query)
    return _not_found("%s %s" % (collection, parts[1]))


def _read_only():
    return 403, {"NeutronError": {
        "type": "PolicyNotAuthorized", "detail": "",
        "message": "The devcloud network stand-in makes only ports."}}


def change(method, path, body):
    """Return (status, payload) for a POST, PUT or DELETE of ``path``.

    Only ports change.
    """
    parts = [p for p in path[len(API_ROOT) + 1:].rstrip("/").split("/")
             if p] if path.startswith(API_ROOT + "/") else []
    if not parts or re.sub(r"\.json$", "", parts[0]) != "ports":
        return _read_only()
    port_id = re.sub(r"\.json$", "", parts[1]) if len(parts) == 2 else None
    try:
        if method == "POST" and len(parts) == 1:
            return 201, {"port": PORTS.create(body.get("port") or {})}
        if method == "PUT" and port_id:
            port = PORTS.update(port_id, body.get("port") or {})
            return (200, {"port": port}) if port else _not_found(
                "Port %s" % port_id)
        if method == "DELETE" and port_id:
            return (204, None) if PORTS.delete(port_id) else _not_found(
                "Port %s" % port_id)
    except neutron_store.Conflict as error:
        return 409, {"NeutronError": {"type": "Conflict", "detail": "",
                                      "message": str(error)}}
    return _read_only()


def _body(environ):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    try:
        body = json.loads(environ["wsgi.input"].read(length) or b"{}")
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def application(environ, start_response):
    host = environ.get("HTTP_HOST", "127.0.0.1")
    method = environ["REQUEST_METHOD"]
    path = environ.get("PATH_INFO", "")
    if method in ("GET", "HEAD"):
        status, payload = route(path, host, parse_qs(
            environ.get("QUERY_STRING", ""), keep_blank_values=True))
    else:
        body = _body(environ)
        status, payload = change(method, path, body) if body is not None \
            else (400, {"NeutronError": {"type": "BadRequest", "detail": "",
                                         "message": "Not a JSON object."}})
    body = b"" if payload is None else json.dumps(payload).encode()
    start_response("%d %s" % (status, REASONS[status]),
                   [("Content-Type", "application/json"),
                    ("Content-Length", str(len(body)))])
    return [body] if method != "HEAD" and body else []
