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

"""Fill a fresh cloud through its APIs, with keystoneauth.

Catalog (regions RegionOne and RegionStock), demo project and user, a second
project alt (user alt, random password, one server), Mistral's service user
(where Mistral runs), flavor, image, volumes and demo servers.
"""

import secrets

from keystoneauth1 import adapter
from keystoneauth1 import session
from keystoneauth1.identity import v3

from devcloud import wait_for
from devcloud.layout import (ADMIN, ALT, DEMO, MISTRAL, MISTRAL_USER, REGION,
                             STOCK_REGION)

CATALOG = {"compute": "nova", "image": "glance", "placement": "placement",
           "network": "neutron", "volumev3": "cinderv3"} | (
               {"workflowv2": "mistral"} if MISTRAL else {})  # type -> name
FLAVOR = {"name": "m1.tiny", "ram": 512, "vcpus": 1, "disk": 1, "id": "1"}
# Nova copies a base image's properties into snapshots of its servers: the
# description lets tests check what a Quick Backup inherits.
IMAGE = {"name": "cirros-tiny", "disk_format": "raw",
         "container_format": "bare", "visibility": "public",
         "description": "CirrOS base image for devcloud"}
IMAGE_BYTES = b"devcloud tiny image\n" * 4
#: Demo servers and the state each must end in.
SERVERS = {"web-1": "ACTIVE", "db-1": "SHUTOFF", "cache-1": "PAUSED",
           "broken-1": "ERROR", "vol-1": "ACTIVE"}
#: The alt project's one server.
ALT_SERVER = "alt-1"
NOVA_MICROVERSION = "2.79"
#: vol-1 boots from the first (made from the image) and has the second
#: attached, so that a createImage of it makes two Cinder snapshots.
VOLUMES = ("vol-1-root", "vol-1-data")
VOLUME_GB = 1


def login(auth_url, user):
    """A keystoneauth session of ``user`` (ADMIN, DEMO) in its project."""
    return session.Session(auth=v3.Password(auth_url=auth_url, **user))


def register_catalog(keystone, layout):
    """RegionOne: every service; RegionStock: the same URLs, but compute's
    is the stock nova-api. RegionOne's endpoints are made first, so a client
    that names no region (the tests) gets RegionOne's."""
    keystone.post("/regions", json={"region": {"id": STOCK_REGION}})
    services = {s["type"]: s["id"]  # identity: from keystone-manage
                for s in keystone.get("/services").json()["services"]}
    for service_type, name in CATALOG.items():
        services[service_type] = keystone.post("/services", json={"service": {
            "type": service_type, "name": name}}).json()["service"]["id"]
    for region, endpoints in ((REGION, layout.endpoints), (
            STOCK_REGION, layout.endpoints | layout.endpoints_stock)):
        for service_type, url in endpoints.items():
            if (region, service_type) == (REGION, "identity"):
                continue  # keystone-manage bootstrap registered it
            for interface in ("public", "internal", "admin"):
                keystone.post("/endpoints", json={"endpoint": {
                    "service_id": services[service_type], "region_id": region,
                    "interface": interface, "url": url}})


def grant_service_role(keystone):
    """Nova sends Cinder a service token of the admin user (the services'
    user here); keystonemiddleware accepts it only with the service role."""
    role = keystone.get("/roles?name=service").json()["roles"][0]
    user = keystone.get("/users?name=%s" % ADMIN["username"]).json()["users"]
    project = keystone.get("/projects?name=%s" % ADMIN["project_name"]).json()
    keystone.put("/projects/%s/users/%s/roles/%s" % (
        project["projects"][0]["id"], user[0]["id"], role["id"]))


def create_service_user(keystone, who=MISTRAL_USER):
    """``who``'s project (``service``) and user, with the ``service`` role
    there: enough for keystonemiddleware to validate tokens and for Mistral
    to be the trustee of its users' trusts (Keystone's trusts are on by
    default)."""
    project = keystone.post("/projects", json={"project": {
        "name": who["project_name"], "domain_id": "default",
        "description": "devcloud service project"}}).json()["project"]
    user = keystone.post("/users", json={"user": {
        "name": who["username"], "password": who["password"],
        "domain_id": "default",
        "default_project_id": project["id"]}}).json()["user"]
    role = keystone.get("/roles?name=service").json()["roles"][0]
    keystone.put("/projects/%s/users/%s/roles/%s"
                 % (project["id"], user["id"], role["id"]))


def create_project(keystone, who=DEMO):
    """``who``'s project and user (member and reader); returns the project's
    id."""
    project = keystone.post("/projects", json={"project": {
        "name": who["project_name"], "domain_id": "default",
        "description": "devcloud %s project" % who["project_name"]}}
    ).json()["project"]
    user = keystone.post("/users", json={"user": {
        "name": who["username"], "password": who["password"],
        "domain_id": "default",
        "default_project_id": project["id"]}}).json()["user"]
    roles = {r["name"]: r["id"]
             for r in keystone.get("/roles").json()["roles"]}
    for role in ("member", "reader"):
        keystone.put("/projects/%s/users/%s/roles/%s"
                     % (project["id"], user["id"], roles[role]))
    return project["id"]


def create_image(glance):
    image_id = glance.post("/v2/images", json=IMAGE).json()["id"]
    glance.put("/v2/images/%s/file" % image_id, data=IMAGE_BYTES,
               headers={"Content-Type": "application/octet-stream"})
    return image_id


def wait_for_compute(nova, discover_hosts):
    """Wait for nova-compute to report, map it to the cell, see it listed."""
    wait_for(lambda: any(s["state"] == "up" for s in nova.get(
        "/os-services?binary=nova-compute").json()["services"]),
        "nova-compute up")
    discover_hosts()
    wait_for(lambda: nova.get("/os-hypervisors").json()["hypervisors"],
             "compute host mapped")


def wait_status(nova, server_id, wanted):
    def reached():
        status = nova.get("/servers/" + server_id).json()["server"]["status"]
        if status == "ERROR" and wanted != "ERROR":
            raise RuntimeError("server %s went to ERROR" % server_id)
        return status == wanted
    wait_for(reached, "server %s %s" % (server_id, wanted))


def create_volumes(admin_cinder, cinder, image_id):
    """Wait for Cinder's scheduler to know the backend (else the first
    volume fails), then make VOLUMES (the first from the image) and wait
    for them to be available."""
    wait_for(lambda: admin_cinder.get(
        "/scheduler-stats/get_pools").json()["pools"], "Cinder backend")
    ids = {}
    for name in VOLUMES:
        volume = {"name": name, "size": VOLUME_GB}
        if name == VOLUMES[0]:
            volume["imageRef"] = image_id
        ids[name] = cinder.post("/volumes", json={
            "volume": volume}).json()["volume"]["id"]

    def available(volume_id):
        status = cinder.get("/volumes/" + volume_id).json()["volume"]["status"]
        if status == "error":
            raise RuntimeError("volume %s went to error" % volume_id)
        return status == "available"
    for volume_id in ids.values():
        wait_for(lambda: available(volume_id), "volume %s" % volume_id)
    return ids


def create_servers(demo_nova, admin_nova, image_id, volumes):
    boot = {name: {"imageRef": image_id} for name in SERVERS}
    boot["vol-1"] = {"block_device_mapping_v2": [
        {"uuid": volumes[name], "source_type": "volume",
         "destination_type": "volume", "boot_index": index,
         "delete_on_termination": index == 0}
        for index, name in enumerate(VOLUMES)]}
    ids = {name: demo_nova.post("/servers", json={"server": dict(
        boot[name], name=name, flavorRef=FLAVOR["id"], networks="none")}
    ).json()["server"]["id"] for name in SERVERS}
    for server_id in ids.values():
        wait_status(demo_nova, server_id, "ACTIVE")
    actions = {"db-1": (demo_nova, {"os-stop": None}),
               "cache-1": (demo_nova, {"pause": None}),
               "broken-1": (admin_nova, {"os-resetState": {"state": "error"}})}
    for name, (nova, body) in actions.items():
        nova.post("/servers/%s/action" % ids[name], json=body)
    for name, wanted in SERVERS.items():
        wait_status(demo_nova, ids[name], wanted)
    return ids


def boot_alt_server(alt_nova, image_id):
    """The alt project's server (booting while demo's do); returns its id."""
    return alt_nova.post("/servers", json={"server": {
        "name": ALT_SERVER, "imageRef": image_id, "flavorRef": FLAVOR["id"],
        "networks": "none"}}).json()["server"]["id"]


def bootstrap(layout, discover_hosts, wait_ready):
    """Populate the cloud once Keystone answers; returns the facts for the
    cloud's info. ``wait_ready()`` waits for the other services (Keystone's
    part runs while they start), ``discover_hosts()`` maps the compute
    host."""
    admin = login(layout.auth_url, ADMIN)
    keystone = adapter.Adapter(admin, endpoint_override=layout.auth_url)
    register_catalog(keystone, layout)
    grant_service_role(keystone)
    if MISTRAL:
        create_service_user(keystone)
    demo_project_id = create_project(keystone)
    alt = dict(ALT, password=secrets.token_urlsafe(24))
    alt_project_id = create_project(keystone, alt)
    wait_ready()
    image_id = create_image(adapter.Adapter(
        admin, endpoint_override=layout.endpoints["image"]))
    demo = login(layout.auth_url, DEMO)
    volumes = create_volumes(*(adapter.Adapter(
        user, endpoint_override=layout.endpoints["volumev3"])
        for user in (admin, demo)), image_id)

    def nova(user_session):
        return adapter.Adapter(
            user_session, service_type="compute",
            endpoint_override=layout.endpoints["compute"],
            default_microversion=NOVA_MICROVERSION)
    admin_nova = nova(admin)
    admin_nova.post("/flavors", json={"flavor": FLAVOR})
    wait_for_compute(admin_nova, discover_hosts)
    alt_nova = nova(login(layout.auth_url, alt))
    alt_server_id = boot_alt_server(alt_nova, image_id)
    servers = create_servers(nova(demo), admin_nova, image_id, volumes)
    wait_status(alt_nova, alt_server_id, "ACTIVE")
    return {"demo_project_id": demo_project_id, "image_id": image_id,
            "flavor_id": FLAVOR["id"], "servers": servers,
            "volumes": volumes, "alt": alt,
            "alt_project_id": alt_project_id,
            "alt_servers": {ALT_SERVER: alt_server_id}}
