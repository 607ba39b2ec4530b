"""Smoke-check a running devcloud with the requests Horizon and tests make.

    python -m devcloud.smoke --state-dir DIR

Prints one line per check and exits non-zero if any failed. It snapshots
``web-1`` once (creating an image named ``smoke-<time>``).
"""

import argparse
import json
import os
import sys
import time

from devcloud.rest import ApiError, Client, password_auth, wait_for

EXPECTED = {"web-1": "ACTIVE", "db-1": "SHUTOFF", "cache-1": "PAUSED",
            "broken-1": "ERROR"}


def _nova(info, token, version):
    return Client(info["endpoints"]["compute"], token,
                  {"OpenStack-API-Version": "compute %s" % version})


def check_servers(info, token, project_id):
    nova = _nova(info, token, "2.42")
    servers = nova.get("/servers/detail?limit=21&project_id=%s"
                       "&sort_key=display_name&sort_dir=asc"
                       % project_id)["servers"]
    states = {s["name"]: s["status"] for s in servers}
    assert states == EXPECTED, states
    return states


def check_horizon_compute(info, token, project_id):
    base = info["endpoints"]["compute"]
    Client(base, token).get("")  # version document
    _nova(info, token, "2.61").get("/flavors/detail?is_public=None")
    limits = _nova(info, token, "2.42").get("/limits?reserved=1")
    usage = _nova(info, token, "2.40").get(
        "/os-simple-tenant-usage/%s?start=2020-01-01T00:00:00"
        "&end=2100-01-01T00:00:00" % project_id)
    return {"maxTotalInstances":
            limits["limits"]["absolute"]["maxTotalInstances"],
            "usage_servers": len(usage["tenant_usage"].get(
                "server_usages", []))}


def check_create_image(info, token, server_id):
    nova = _nova(info, token, "2.45")
    image_id = nova.post("/servers/%s/action" % server_id, json={
        "createImage": {"name": "smoke-%d" % time.time()}})["image_id"]
    glance = Client(info["endpoints"]["image"], token)
    wait_for(lambda: glance.get("/v2/images/%s" % image_id)["status"]
             == "active", "image %s to become active" % image_id, 60)
    return image_id


def check_glance(info, token):
    glance = Client(info["endpoints"]["image"], token)
    images = glance.get("/v2/images?limit=1000&sort_key=created_at"
                        "&sort_dir=desc")["images"]
    glance.get("/v2/images?visibility=community")
    glance.get("/v2/schemas/image")
    namespaces = glance.get("/v2/metadefs/namespaces")["namespaces"]
    assert namespaces, "no metadefs namespaces"
    return {"images": len(images), "namespaces": len(namespaces)}


def check_neutron(info, token, project_id, server_id):
    neutron = Client(info["endpoints"]["network"], token)
    for path in ("ports?fields=security_groups&fields=device_id"
                 "&device_id=%s" % server_id,
                 "floatingips", "networks", "subnets", "extensions",
                 "security-groups", "quotas/%s/details" % project_id):
        neutron.get("/v2.0/" + path)
    return "ok"


def check_faults(info, token, server_id):
    faults = Client(info["faults"]["compute"], token)
    faults.post("", json={"method": "GET", "status": 409, "count": 1,
                          "path_regex": "/servers/%s$" % server_id})
    nova = _nova(info, token, "2.1")
    try:
        nova.get("/servers/%s" % server_id)
        raise AssertionError("fault was not injected")
    except ApiError as exc:
        assert exc.status == 409, exc
    nova.get("/servers/%s" % server_id)  # count 1: back to normal
    faults.request("DELETE", "")
    return "ok"


def memory_mib(info):
    """Resident memory of each service process (and the supervisor), MiB."""
    pids = dict(info.get("pids", {}), supervisor=info.get("supervisor_pid"))
    rss = {}
    for name, pid in pids.items():
        try:
            with open("/proc/%d/status" % pid) as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        rss[name] = int(line.split()[1]) // 1024
        except (OSError, TypeError):
            pass
    rss["total"] = sum(rss.values())
    return rss


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m devcloud.smoke")
    parser.add_argument("--state-dir", required=True)
    args = parser.parse_args(argv)
    with open(os.path.join(args.state_dir, "cloud.json")) as f:
        info = json.load(f)
    token, project_id, _ = password_auth(info["auth_url"], info["demo"])
    web = info["servers"]["web-1"]
    checks = [
        ("servers", lambda: check_servers(info, token, project_id)),
        ("horizon compute", lambda: check_horizon_compute(
            info, token, project_id)),
        ("createImage", lambda: check_create_image(info, token, web)),
        ("glance", lambda: check_glance(info, token)),
        ("neutron stand-in", lambda: check_neutron(
            info, token, project_id, web)),
        ("fault injection", lambda: check_faults(info, token, web)),
    ]
    failed = 0
    for name, check in checks:
        start = time.monotonic()
        try:
            result = check()
            print("PASS %-16s %5.2fs %s" % (name, time.monotonic() - start,
                                            result))
        except Exception as exc:
            failed += 1
            print("FAIL %-16s %r" % (name, exc))
    print("memory (MiB RSS): %s" % memory_mib(info))
    print("%d passed, %d failed" % (len(checks) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
