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

"""Run one service in this process.

    python -m devcloud.service NAME --state-dir DIR --port PORT [PORT]

NAME is keystone, placement, glance, nova, neutron, cinder or (where it is
installed) mistral. The WSGI app
is built first and the port opened only afterwards, so a port that answers
means "ready". Nova serves two apps (with and without our filter), one per
``--port``: both ports are bound before either serves. There is no signal
handling: the supervisor's SIGTERM ends the process at once (all state is
throwaway).

Nova's and Cinder's modules choose native threads or eventlet
(devcloud.concurrency), and Mistral's oslo.service's threading backend, which
counts only before sockets, selectors and
locks exist: this module imports the one named on the command line before
anything else, werkzeug's server included (under eventlet its threads are
greenthreads).
"""

import importlib
import sys

CHOOSE_FIRST = {"nova": "devcloud.nova_all", "cinder": "devcloud.cinder_all",
                "mistral": "devcloud.mistral_all"}
if __name__ == "__main__" and sys.argv[1:2] and sys.argv[1] in CHOOSE_FIRST:
    importlib.import_module(CHOOSE_FIRST[sys.argv[1]])

import argparse  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import threading  # noqa: E402

from werkzeug.serving import make_server  # noqa: E402

from devcloud import sqlite_hook  # noqa: E402
from devcloud.faults import FaultInjector  # noqa: E402
from devcloud.layout import SERVICES, Layout  # noqa: E402


def _keystone(layout):
    os.environ["OS_KEYSTONE_CONFIG_DIR"] = layout.path("keystone")
    from keystone.server import wsgi

    from devcloud import keystone_sqlite
    keystone_sqlite.install()
    return FaultInjector(wsgi.initialize_public_application())


def _placement(layout):
    os.environ["OS_PLACEMENT_CONFIG_DIR"] = layout.path("placement")
    from placement import wsgi
    return wsgi.init_application()


def _glance(layout):
    os.environ["OS_GLANCE_CONFIG_DIR"] = layout.path("glance")
    from glance.common import wsgi_app
    return FaultInjector(wsgi_app.init_app())


def _nova(layout):
    from devcloud import nova_all
    return [FaultInjector(app) for app in nova_all.build_apps(layout)]


def _cinder(layout):
    from devcloud import cinder_all
    return FaultInjector(cinder_all.build_app(layout))


def _mistral(layout):
    from devcloud import mistral_all
    return FaultInjector(mistral_all.build_app(layout))


def _neutron(layout):
    from devcloud import neutron
    return FaultInjector(neutron.application)


BUILDERS = {"keystone": _keystone, "placement": _placement,
            "glance": _glance, "nova": _nova, "neutron": _neutron,
            "cinder": _cinder, "mistral": _mistral}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="devcloud.service")
    parser.add_argument("name", choices=SERVICES)
    parser.add_argument("--state-dir", required=True)
    parser.add_argument("--port", type=int, nargs="+", required=True,
                        help="one per app the service serves")
    args = parser.parse_args(argv)
    # The services' config parsers read sys.argv: hand them a clean one.
    sys.argv = [sys.argv[0]]
    sqlite_hook.install()
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(name)s %(message)s")
    try:
        apps = BUILDERS[args.name](Layout(args.state_dir))
    except BaseException:
        # Nova may sys.exit() from the main thread while its own non-daemon
        # threads run: make sure a failed start really ends the process.
        logging.exception("devcloud.service %s failed to start", args.name)
        logging.shutdown()
        os._exit(1)
    apps = apps if isinstance(apps, list) else [apps]
    servers = [make_server("127.0.0.1", port, app, threaded=True)
               for port, app in zip(args.port, apps, strict=True)]
    for server in servers[1:]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    servers[0].serve_forever()


if __name__ == "__main__":
    main()
