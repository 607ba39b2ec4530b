"""Where things live: the state directory, the chosen ports and the URLs."""

import json
import os
import shutil
import socket
import sys
import sysconfig

from devcloud import REGION

#: Services that serve HTTP, in start order, with their offset from
#: ``--base-port``.
SERVICES = ("keystone", "placement", "glance", "nova", "neutron")
OFFSETS = {name: i for i, name in enumerate(SERVICES)}

#: Marker file that identifies a directory created by devcloud, so that
#: ``up`` never wipes a directory it does not own.
MARKER = ".devcloud"

ADMIN = {"username": "admin", "password": "admin", "project_name": "admin",
         "user_domain_name": "Default", "project_domain_name": "Default"}
DEMO = {"username": "demo", "password": "demo", "project_name": "demo",
        "user_domain_name": "Default", "project_domain_name": "Default"}


def scripts_dir():
    """Directory holding the venv's console scripts (keystone-manage, ...)."""
    return sysconfig.get_path("scripts")


def script(name):
    return os.path.join(scripts_dir(), name)


def venv_etc(*parts):
    """A path under the venv's ``etc`` (where wheels put data_files)."""
    return os.path.join(sys.prefix, "etc", *parts)


def port_is_free(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port():
    """A port on 127.0.0.1 that is free right now (picked by the kernel)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def choose_ports(base_port=None):
    """Map each service to a free port on 127.0.0.1.

    With ``base_port`` the ports are ``base_port + offset`` and must all be
    free; without it the kernel picks unused ephemeral ports.
    """
    if base_port is None:
        ports = {}
        while len(set(ports.values())) != len(SERVICES):
            ports = {name: free_port() for name in SERVICES}
        return ports
    ports = {name: base_port + OFFSETS[name] for name in SERVICES}
    busy = [str(p) for p in ports.values() if not port_is_free(p)]
    if busy:
        raise SystemExit("devcloud: port(s) already in use: %s"
                         % ", ".join(busy))
    return ports


class Layout:
    """Paths under the state directory and URLs derived from the ports."""

    def __init__(self, state_dir, ports=None):
        self.root = os.path.abspath(state_dir)
        self.ports = ports or {}

    def path(self, *parts):
        return os.path.join(self.root, *parts)

    def url(self, service):
        return "http://127.0.0.1:%d" % self.ports[service]

    @property
    def auth_url(self):
        return self.url("keystone") + "/v3"

    @property
    def endpoints(self):
        """Catalog URLs by service type."""
        return {
            "identity": self.auth_url,
            "compute": self.url("nova") + "/v2.1",
            "image": self.url("glance"),
            "placement": self.url("placement"),
            "network": self.url("neutron"),
        }

    def reset(self):
        """Empty the state directory (only if devcloud created it)."""
        if os.path.isdir(self.root) and os.listdir(self.root):
            if not os.path.exists(self.path(MARKER)):
                raise SystemExit(
                    "devcloud: %s is not empty and was not made by devcloud; "
                    "refusing to wipe it" % self.root)
            for entry in os.listdir(self.root):
                full = self.path(entry)
                if os.path.isdir(full) and not os.path.islink(full):
                    shutil.rmtree(full)
                else:
                    os.unlink(full)
        os.makedirs(self.root, exist_ok=True)
        with open(self.path(MARKER), "w") as marker:
            marker.write("state directory of a devcloud run\n")
        for sub in ("logs", "keystone", "placement", "glance", "nova"):
            os.makedirs(self.path(sub), exist_ok=True)

    def cloud_info(self, extra=None):
        """The content of cloud.json."""
        info = {
            "region": REGION,
            "auth_url": self.auth_url,
            "endpoints": self.endpoints,
            "ports": self.ports,
            "faults": {"compute": self.url("nova") + "/__faults__",
                       "image": self.url("glance") + "/__faults__"},
            "admin": dict(ADMIN),
            "demo": dict(DEMO),
            "state_dir": self.root,
            "log_dir": self.path("logs"),
        }
        info.update(extra or {})
        return info

    def write_cloud_json(self, extra=None):
        tmp = self.path("cloud.json.tmp")
        with open(tmp, "w") as out:
            json.dump(self.cloud_info(extra), out, indent=2, sort_keys=True)
            out.write("\n")
        os.replace(tmp, self.path("cloud.json"))
