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

"""One place for ports, paths under the state directory, URLs and logins."""

import hashlib
import importlib.util
import os
import shutil
import socket
import sys
import sysconfig

CHECKOUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGION = "RegionOne"
#: The same services, but for compute the same Nova without our filter.
STOCK_REGION = "RegionStock"
#: Whether this cloud runs Mistral (``workflowv2``): where it is installed,
#: i.e. in the newest series' virtualenv (tools/series.py says which series
#: install it).
MISTRAL = importlib.util.find_spec("mistral") is not None
#: Services (one process each) that serve HTTP.
SERVICES = ("keystone", "placement", "glance", "nova", "neutron",
            "cinder") + (("mistral",) if MISTRAL else ())
#: Their ports, and the Nova process's second one (stock nova-api); with
#: ``--base-port N`` they get N, N+1, ...
PORTS = SERVICES + ("nova-stock",)
#: Marks a state directory as ours, so that we never wipe anybody else's.
MARKER = ".devcloud"
#: A Unix socket's path has at most 107 bytes (sun_path); with room.
SOCKET_PATH_MAX = 100

#: Ports that take fault rules (devcloud.faults), by cloud.json name.
FAULTS = {"compute": "nova", "compute_stock": "nova-stock",
          "image": "glance", "volume": "cinder", "identity": "keystone",
          "network": "neutron"} | (
              {"workflow": "mistral"} if MISTRAL else {})

ADMIN = {"username": "admin", "password": "admin", "project_name": "admin",
         "user_domain_name": "Default", "project_domain_name": "Default"}
DEMO = {"username": "demo", "password": "demo", "project_name": "demo",
        "user_domain_name": "Default", "project_domain_name": "Default"}
#: A second ordinary project, for the cross-project tests; its password is
#: random per run (bootstrap), so that a search of the logs for it means
#: something.
ALT = {"username": "alt", "project_name": "alt",
       "user_domain_name": "Default", "project_domain_name": "Default"}
#: Mistral's service user (role ``service`` in project ``service``): the
#: trustee of the trusts its cron triggers run with.
MISTRAL_USER = {"username": "mistral", "password": "mistral",
                "project_name": "service", "user_domain_name": "Default",
                "project_domain_name": "Default"}


def free_port(port=0):
    """Check that ``port`` can be bound on 127.0.0.1 and return it (0: any
    free port the kernel picks)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # As the servers do, so that a port whose last run's connections
        # linger in TIME_WAIT counts as free.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError as error:
            raise RuntimeError("devcloud: port %d: %s"
                               % (port, error.strerror)) from None
        return sock.getsockname()[1]


def choose_ports(base_port=None, horizon_port=None):
    """Ports by name: PORTS (N, N+1, ... or free ones) and, unless
    ``horizon_port`` is None, Horizon (0: a free one). Horizon's memcached
    has no port: it listens on ``Layout.memcached_socket`` only."""
    wanted = {name: base_port + i if base_port else 0
              for i, name in enumerate(PORTS)}
    if horizon_port is not None:
        wanted.update(horizon=horizon_port)
    for _ in range(5):  # free ports picked one by one may repeat
        ports = {name: free_port(port) for name, port in wanted.items()}
        if len(set(ports.values())) == len(ports):
            return ports
    raise RuntimeError("devcloud: ports collide: %s" % ports)


def script(name):
    """A console script of the virtualenv (keystone-manage, ...)."""
    return os.path.join(sysconfig.get_path("scripts"), name)


def venv_etc(*parts):
    """A path under the virtualenv's ``etc`` (where wheels put data_files)."""
    return os.path.join(sys.prefix, "etc", *parts)


class Layout:
    """Paths under the state directory, and URLs derived from the ports."""

    def __init__(self, state_dir, ports=None):
        self.root = os.path.abspath(state_dir)
        self.ports = ports or {}

    def path(self, *parts):
        return os.path.join(self.root, *parts)

    def service_ports(self, name):
        """The ports a service's process serves (Nova: also nova-stock)."""
        return [self.ports[port] for port in PORTS
                if port == name or port == name + "-stock"]

    @property
    def memcached_socket(self):
        """The Unix socket of Horizon's memcached, in a directory only this
        user may enter (under the state directory; under /tmp when that
        path would be longer than a socket's path may be)."""
        path = self.path("memcached", "memcached.sock")
        if len(path) > SOCKET_PATH_MAX:
            digest = hashlib.sha256(self.root.encode()).hexdigest()[:12]
            path = os.path.join("/tmp", "devcloud-memcached-" + digest,
                                "memcached.sock")
        return path

    def log(self, name):
        return self.path("logs", name + ".log")

    def url(self, name):
        return "http://127.0.0.1:%d" % self.ports[name]

    @property
    def auth_url(self):
        return self.url("keystone") + "/v3"

    @property
    def horizon_url(self):
        return self.url("horizon") + "/" if "horizon" in self.ports else None

    @property
    def endpoints(self):
        """Catalog URLs by service type."""
        return {"identity": self.auth_url,
                "compute": self.url("nova") + "/v2.1",
                "image": self.url("glance"),
                "placement": self.url("placement"),
                "network": self.url("neutron"),
                "volumev3": self.url("cinder") + "/v3"} | (
                    {"workflowv2": self.url("mistral") + "/v2"}
                    if MISTRAL else {})

    @property
    def endpoints_stock(self):
        """What differs in STOCK_REGION: Nova without the filter."""
        return {"compute": self.url("nova-stock") + "/v2.1"}

    def reset(self):
        """Empty the state directory (only if it is empty or ours)."""
        if os.path.isdir(self.root) and os.listdir(self.root):
            if not os.path.exists(self.path(MARKER)):
                raise RuntimeError("devcloud: %s is not empty and not a "
                                   "devcloud state directory" % self.root)
            shutil.rmtree(self.root)
        # A directory per service, but the Neutron stand-in (no state).
        for sub in ("logs", "tmp") + tuple(
                name for name in SERVICES if name != "neutron"):
            os.makedirs(self.path(sub), exist_ok=True)
        with open(self.path(MARKER), "w") as marker:
            marker.write("state directory of a devcloud run\n")

    def info(self):
        """What tests and people need to reach the cloud (cloud.json)."""
        return {"auth_url": self.auth_url,
                "endpoints": self.endpoints,
                "stock_region": STOCK_REGION,
                "endpoints_stock": self.endpoints_stock,
                "horizon_url": self.horizon_url,
                "faults": {name: self.url(service) + "/__faults__"
                           for name, service in FAULTS.items()},
                "admin": dict(ADMIN),
                "demo": dict(DEMO),
                "log_dir": self.path("logs")}
