"""Reading the local cloud's state from the tests, as its users would."""

import time

COMPUTE = {"service_type": "compute", "interface": "public"}
IMAGE = {"service_type": "image", "interface": "public"}


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
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for %s" % what)
        time.sleep(0.5)


def wait_idle(session, server_id):
    """Wait until no task (such as an earlier snapshot) runs on a server."""
    wait_until(lambda: not server(session, server_id).get(
        "OS-EXT-STS:task_state"), what="server %s to be idle" % server_id)


def wait_image_active(session, image_id):
    wait_until(lambda: image(session, image_id)["status"] == "active",
               what="image %s to be active" % image_id)
    return image(session, image_id)
