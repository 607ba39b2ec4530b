"""Fill the fresh cloud: catalog, demo project, flavor, image, servers."""

from devcloud import REGION
from devcloud.layout import ADMIN, DEMO
from devcloud.rest import Client, password_auth, wait_for

CATALOG = (  # (type, name)
    ("compute", "nova"),
    ("image", "glance"),
    ("placement", "placement"),
    ("network", "neutron"),
)
FLAVOR = {"name": "m1.tiny", "ram": 512, "vcpus": 1, "disk": 1, "id": "1"}
IMAGE_NAME = "cirros-tiny"
IMAGE_BYTES = b"devcloud tiny image\n" * 4
#: Demo servers and the state each must end in.
SERVERS = {"web-1": "ACTIVE", "db-1": "SHUTOFF", "cache-1": "PAUSED",
           "broken-1": "ERROR"}
NOVA_VERSION = {"OpenStack-API-Version": "compute 2.79"}


def register_catalog(keystone, endpoints):
    for stype, name in CATALOG:
        service = keystone.post("/services", json={"service": {
            "type": stype, "name": name, "enabled": True}})["service"]
        for interface in ("public", "internal", "admin"):
            keystone.post("/endpoints", json={"endpoint": {
                "service_id": service["id"], "interface": interface,
                "region_id": REGION, "url": endpoints[stype]}})


def create_demo_project(keystone):
    project = keystone.post("/projects", json={"project": {
        "name": DEMO["project_name"], "domain_id": "default",
        "description": "devcloud demo project"}})["project"]
    user = keystone.post("/users", json={"user": {
        "name": DEMO["username"], "password": DEMO["password"],
        "domain_id": "default",
        "default_project_id": project["id"]}})["user"]
    roles = {r["name"]: r["id"] for r in keystone.get("/roles")["roles"]}
    for role in ("member", "reader"):
        keystone.put("/projects/%s/users/%s/roles/%s"
                     % (project["id"], user["id"], roles[role]),
                     expect_json=False)
    return project["id"]


def create_image(glance):
    image = glance.post("/v2/images", json={
        "name": IMAGE_NAME, "disk_format": "raw", "container_format": "bare",
        "visibility": "public"})
    glance.put("/v2/images/%s/file" % image["id"], data=IMAGE_BYTES,
               headers={"Content-Type": "application/octet-stream"},
               expect_json=False)
    return image["id"]


def wait_for_compute(nova, discover_hosts):
    """Wait for nova-compute to report, map it to the cell, see it listed."""
    def compute_up():
        services = nova.get("/os-services?binary=nova-compute")["services"]
        return any(s["state"] == "up" for s in services)
    wait_for(compute_up, "nova-compute to come up")
    discover_hosts()
    wait_for(lambda: nova.get("/os-hypervisors")["hypervisors"],
             "the compute host to be mapped")


def server_status(nova, server_id):
    return nova.get("/servers/%s" % server_id)["server"]["status"]


def wait_status(nova, server_id, wanted, timeout=120):
    def reached():
        status = server_status(nova, server_id)
        if status == "ERROR" and wanted != "ERROR":
            raise RuntimeError("server %s went to ERROR" % server_id)
        return status == wanted
    wait_for(reached, "server %s to be %s" % (server_id, wanted), timeout)


def create_servers(demo_nova, admin_nova, image_id, flavor_id):
    ids = {}
    for name in SERVERS:
        ids[name] = demo_nova.post("/servers", json={"server": {
            "name": name, "imageRef": image_id, "flavorRef": flavor_id,
            "networks": "none"}})["server"]["id"]
    for server_id in ids.values():
        wait_status(demo_nova, server_id, "ACTIVE")
    actions = {"db-1": (demo_nova, {"os-stop": None}),
               "cache-1": (demo_nova, {"pause": None}),
               "broken-1": (admin_nova, {"os-resetState": {"state": "error"}})}
    for name, (client, body) in actions.items():
        client.post("/servers/%s/action" % ids[name], json=body,
                    expect_json=False)
    for name, wanted in SERVERS.items():
        wait_status(demo_nova, ids[name], wanted)
    return ids


def bootstrap(layout, discover_hosts, wait_services):
    """Populate the cloud; returns facts to add to cloud.json.

    ``wait_services(names)`` blocks until those services listen;
    ``discover_hosts()`` maps the compute host into its cell.
    """
    wait_services(["keystone"])
    token, _, _ = password_auth(layout.auth_url, ADMIN)
    keystone = Client(layout.auth_url, token)
    register_catalog(keystone, layout.endpoints)
    demo_project_id = create_demo_project(keystone)

    wait_services(["glance"])
    image_id = create_image(Client(layout.url("glance"), token))

    wait_services(["nova", "neutron", "placement"])
    admin_nova = Client(layout.endpoints["compute"], token, NOVA_VERSION)
    admin_nova.post("/flavors", json={"flavor": FLAVOR})
    wait_for_compute(admin_nova, discover_hosts)

    demo_token, _, _ = password_auth(layout.auth_url, DEMO)
    demo_nova = Client(layout.endpoints["compute"], demo_token, NOVA_VERSION)
    servers = create_servers(demo_nova, admin_nova, image_id, FLAVOR["id"])
    return {
        "demo_project_id": demo_project_id,
        "image_id": image_id,
        "flavor_id": FLAVOR["id"],
        "servers": servers,
    }
