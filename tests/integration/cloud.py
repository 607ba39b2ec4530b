"""Reading and changing the local cloud from the tests, as its users would."""

from novaclient import api_versions

from devcloud import wait_for

from backup_dashboard import backup_paths

COMPUTE = {"service_type": "compute", "interface": "public"}
IMAGE = {"service_type": "image", "interface": "public"}


def compute_serves(session, microversion):
    """Whether the cloud's Nova serves ``microversion`` (a novaclient
    APIVersion, such as the dashboard's own constants)."""
    newest = session.get_endpoint_data(**COMPUTE).max_microversion
    return api_versions.APIVersion("%d.%d" % newest[:2]) >= microversion


def servers(session):
    """The session's project's servers, by name."""
    body = session.get("/servers/detail", endpoint_filter=COMPUTE).json()
    return {server["name"]: server for server in body["servers"]}


def server(session, server_id):
    return session.get("/servers/" + server_id,
                       endpoint_filter=COMPUTE).json()["server"]


def image(session, image_id):
    return session.get("/v2/images/" + image_id,
                       endpoint_filter=IMAGE).json()


def wait_until(predicate, timeout=90, what="the cloud"):
    """devcloud's one wait helper, with the tests' defaults."""
    return wait_for(predicate, what, timeout)


def wait_idle(session, server_id):
    """Wait until no task (such as an earlier snapshot) runs on a server."""
    wait_until(lambda: not server(session, server_id).get(
        "OS-EXT-STS:task_state"), what="server %s to be idle" % server_id)


def wait_image_active(session, image_id):
    wait_until(lambda: image(session, image_id)["status"] == "active",
               what="image %s to be active" % image_id)
    return image(session, image_id)


VOLUME = {"service_type": "volumev3", "interface": "public"}
# Nova's first microversion that boots a server with "networks": "none".
NO_NETWORK_MICROVERSION = {"OpenStack-API-Version": "compute 2.37"}


def make_backup(session, server_id, name, description=""):
    """A Quick Backup through our API (``backup_instance``), once the server
    is idle; returns the image id once the image is active."""
    wait_idle(session, server_id)
    image_id = session.post(
        "/servers/%s/backup_instance" % server_id, endpoint_filter=COMPUTE,
        json={"name": name, "description": description}).json()["id"]
    wait_image_active(session, image_id)
    return image_id


def image_gone(session, image_id):
    return session.get("/v2/images/" + image_id, endpoint_filter=IMAGE,
                       raise_exc=False).status_code == 404


def delete_backup(session, image_id):
    """Delete a backup's image and the volume snapshots it points to, if
    still there (a test's cleanup)."""
    if image_gone(session, image_id):
        return
    snapshot_ids = backup_paths.volume_snapshot_ids(image(session, image_id))
    session.delete("/v2/images/" + image_id, endpoint_filter=IMAGE,
                   raise_exc=False)
    for snapshot_id in snapshot_ids:
        session.delete("/snapshots/" + snapshot_id, endpoint_filter=VOLUME,
                       raise_exc=False)


def volume_snapshot_gone(session, snapshot_id):
    return session.get("/snapshots/" + snapshot_id, endpoint_filter=VOLUME,
                       raise_exc=False).status_code == 404


def boot_server(session, name, image_id, flavor_id):
    """A server of its own for a test (no network); returns it ACTIVE."""
    server_id = session.post("/servers", endpoint_filter=COMPUTE,
                             headers=NO_NETWORK_MICROVERSION, json={
                                 "server": {"name": name,
                                            "imageRef": image_id,
                                            "flavorRef": flavor_id,
                                            "networks": "none"}}
                             ).json()["server"]["id"]
    wait_until(lambda: server(session, server_id)["status"] == "ACTIVE",
               what="server %s to be ACTIVE" % name)
    return server_id


def delete_server(session, server_id):
    session.delete("/servers/" + server_id, endpoint_filter=COMPUTE,
                   raise_exc=False)
