"""Fill a fresh cloud through its APIs, with keystoneauth.

Catalog, demo project and user, flavor, image and demo servers.
"""

from keystoneauth1 import adapter
from keystoneauth1 import session
from keystoneauth1.identity import v3

from devcloud import wait_for
from devcloud.layout import ADMIN, DEMO, REGION

CATALOG = {"compute": "nova", "image": "glance", "placement": "placement",
           "network": "neutron"}  # service type -> name
FLAVOR = {"name": "m1.tiny", "ram": 512, "vcpus": 1, "disk": 1, "id": "1"}
# Nova copies a base image's properties into snapshots of its servers: the
# description lets tests check what a Quick Backup inherits.
IMAGE = {"name": "cirros-tiny", "disk_format": "raw",
         "container_format": "bare", "visibility": "public",
         "description": "CirrOS base image for devcloud"}
IMAGE_BYTES = b"devcloud tiny image\n" * 4
#: Demo servers and the state each must end in.
SERVERS = {"web-1": "ACTIVE", "db-1": "SHUTOFF", "cache-1": "PAUSED",
           "broken-1": "ERROR"}
NOVA_MICROVERSION = "2.79"


def login(auth_url, user):
    """A keystoneauth session of ``user`` (ADMIN, DEMO) in its project."""
    return session.Session(auth=v3.Password(auth_url=auth_url, **user))


def register_catalog(keystone, endpoints):
    for service_type, name in CATALOG.items():
        service = keystone.post("/services", json={"service": {
            "type": service_type, "name": name}}).json()["service"]
        for interface in ("public", "internal", "admin"):
            keystone.post("/endpoints", json={"endpoint": {
                "service_id": service["id"], "interface": interface,
                "region_id": REGION, "url": endpoints[service_type]}})


def create_demo_project(keystone):
    project = keystone.post("/projects", json={"project": {
        "name": DEMO["project_name"], "domain_id": "default",
        "description": "devcloud demo project"}}).json()["project"]
    user = keystone.post("/users", json={"user": {
        "name": DEMO["username"], "password": DEMO["password"],
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


def create_servers(demo_nova, admin_nova, image_id):
    ids = {name: demo_nova.post("/servers", json={"server": {
        "name": name, "imageRef": image_id, "flavorRef": FLAVOR["id"],
        "networks": "none"}}).json()["server"]["id"] for name in SERVERS}
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


def bootstrap(layout, discover_hosts):
    """Populate the cloud once every service answers; returns the facts
    for the cloud's info. ``discover_hosts()`` maps the compute host."""
    admin = login(layout.auth_url, ADMIN)
    keystone = adapter.Adapter(admin, endpoint_override=layout.auth_url)
    register_catalog(keystone, layout.endpoints)
    demo_project_id = create_demo_project(keystone)
    image_id = create_image(adapter.Adapter(
        admin, endpoint_override=layout.endpoints["image"]))

    def nova(user_session):
        return adapter.Adapter(
            user_session, service_type="compute",
            endpoint_override=layout.endpoints["compute"],
            default_microversion=NOVA_MICROVERSION)
    admin_nova = nova(admin)
    admin_nova.post("/flavors", json={"flavor": FLAVOR})
    wait_for_compute(admin_nova, discover_hosts)
    servers = create_servers(nova(login(layout.auth_url, DEMO)), admin_nova,
                             image_id)
    return {"demo_project_id": demo_project_id, "image_id": image_id,
            "flavor_id": FLAVOR["id"], "servers": servers}
