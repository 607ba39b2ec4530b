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

"""A tiny read-only Neutron stand-in (plain WSGI).

Answers the GETs Nova and Horizon make with empty collections and sane
quota values, so pages render and servers booted with ``"networks":
"none"`` work. Tokens are not checked; anything but GET gets 403.
"""

import json
import re

API_ROOT = "/v2.0"
EXTENSIONS = ("security-group", "quotas", "quota_details", "external-net",
              "router", "port-security", "standard-attr-description")
QUOTAS = {"network": 100, "subnet": 100, "port": 500, "router": 10,
          "floatingip": 50, "security_group": 10,
          "security_group_rule": 100, "rbac_policy": 10, "subnetpool": -1}


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


def route(path, host):
    """Return (status, payload) for a GET of ``path``."""
    path = path.rstrip("/")
    if path == "":
        return 200, _versions(host)
    if path == API_ROOT:
        return 200, {"resources": []}
    if not path.startswith(API_ROOT + "/"):
        return _not_found("Resource")
    parts = [p for p in path[len(API_ROOT) + 1:].split("/") if p]
    collection = re.sub(r"\.json$", "", parts[0])
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
        return 200, {collection.replace("-", "_"): []}
    return _not_found("%s %s" % (collection, parts[1]))


def application(environ, start_response):
    host = environ.get("HTTP_HOST", "127.0.0.1")
    if environ["REQUEST_METHOD"] in ("GET", "HEAD"):
        status, payload = route(environ.get("PATH_INFO", ""), host)
    else:
        status, payload = 403, {"NeutronError": {
            "type": "PolicyNotAuthorized", "detail": "",
            "message": "The devcloud network stand-in is read-only."}}
    body = json.dumps(payload).encode()
    reason = {200: "OK", 403: "Forbidden", 404: "Not Found"}[status]
    start_response("%d %s" % (status, reason),
                   [("Content-Type", "application/json"),
                    ("Content-Length", str(len(body)))])
    return [body] if environ["REQUEST_METHOD"] != "HEAD" else []
