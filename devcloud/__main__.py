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

"""``python -m devcloud demo``: the cloud and Horizon until Ctrl-C.

Run by ``make demo``; ``--no-horizon`` and ``--base-port`` suit other uses.
The compute endpoint of region RegionStock is the same Nova without the
Quick Backup filter (Horizon switches regions in its top bar).
"""

import argparse
import os
import signal
import sys

from devcloud import demo_plan
from devcloud import openrc
from devcloud.cloud import Cloud
from devcloud.layout import CHECKOUT


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m devcloud",
        description="Run real Keystone, Placement, Glance, Nova (fake "
                    "driver), Cinder (no data path) and Mistral (where "
                    "installed), a Neutron stand-in and Horizon with the "
                    "plugin on 127.0.0.1 until Ctrl-C.")
    demo = parser.add_subparsers(dest="command", required=True).add_parser(
        "demo", help="start a fresh cloud and run it until Ctrl-C")
    demo.add_argument("--state-dir", default=os.path.join(
        CHECKOUT, ".state", "demo"), help="databases, configs, logs and "
        "cloud.json; emptied first (default: .state/demo in the checkout)")
    demo.add_argument("--port", type=int, default=int(os.environ.get(
        "DEMO_PORT", 8000)), help="Horizon's port, 0 for any free one "
        "(default: $DEMO_PORT or 8000)")
    demo.add_argument("--no-horizon", action="store_true",
                      help="the cloud alone")
    demo.add_argument("--horizon-workers", type=int, default=2,
                      help="Horizon's worker processes, sharing one "
                      "memcached (default: 2)")
    demo.add_argument("--base-port", type=int,
                      help="services on ports N, N+1, ... (default: free "
                      "ports)")
    args = parser.parse_args(argv)
    if args.horizon_workers < 1:
        parser.error("--horizon-workers: at least 1")

    # Ctrl-C and SIGTERM stop everything (SIGINT explicitly too: a shell
    # starts background jobs with SIGINT ignored).
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _interrupt)
    print("Starting the local cloud%s in %s (about a minute)..." % (
        "" if args.no_horizon else " and Horizon",
        os.path.abspath(args.state_dir)), flush=True)
    try:
        with Cloud(args.state_dir,
                   horizon_port=None if args.no_horizon else args.port,
                   base_port=args.base_port,
                   horizon_workers=args.horizon_workers) as cloud:
            if cloud.horizon_url:
                print("\nQuick Backup demo is up:\n"
                      "  Horizon:  %s (%d worker processes sharing one "
                      "memcached)\n"
                      "  login:    user demo, password demo "
                      "(admin: admin / admin)\n"
                      "  then:     Project > Compute > Instances > "
                      "Quick Backup\n"
                      "  stock:    region %s (top bar) is the same Nova "
                      "without the filter" % (cloud.horizon_url,
                                              args.horizon_workers,
                                              cloud.info["stock_region"]))
            rc = openrc.write(os.path.join(cloud.layout.root, "openrc"),
                              cloud.info)
            print("  openrc:   %s (user demo, region %s); in another "
                  "terminal:\n"
                  "            . %s\n"
                  "            %s server quick-backup web-1 --wait" % (
                      rc, openrc.REGION, rc, os.path.join(
                          os.path.dirname(sys.executable), "openstack")))
            try:
                plan = demo_plan.create(cloud.info)
            except Exception as error:  # the demo runs on without it
                plan = None
                print("  plan:     the demo's backup plan could not be "
                      "made (%s); see the logs" % type(error).__name__)
            if plan is not None:
                print("  plan:     \"%s\" backs up %s every five minutes "
                      "(Project > Compute > Backup Plans)" % (
                          plan.name, demo_plan.SERVER))
            print("  cloud:    %s\n  logs:     %s\n  started in %.0fs. "
                  "Press Ctrl-C to stop.\n" % (
                      os.path.join(cloud.layout.root, "cloud.json"),
                      cloud.info["log_dir"], cloud.start_seconds),
                  flush=True)
            print("%s exited; see the logs. Stopping." % cloud.wait())
            return 1
    except KeyboardInterrupt:
        return 0
    except (RuntimeError, TimeoutError) as error:
        print("The local cloud could not start: %s" % error)
        return 1
    finally:
        print("Stopped.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
