"""Command line: ``python -m devcloud up|down --state-dir DIR`` and
``python -m devcloud demo`` (the cloud and Horizon, for ``make demo``)."""

import argparse
import sys

from devcloud import cloud
from devcloud import demo


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m devcloud",
        description="Run a local OpenStack (Keystone, Placement, Glance, "
                    "Nova with a fake driver, Neutron stand-in).")
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("up", help="start a fresh cloud and run until "
                                   "SIGINT/SIGTERM")
    up.add_argument("--state-dir", required=True,
                    help="directory for databases, configs, logs and "
                         "cloud.json (emptied first)")
    up.add_argument("--base-port", type=int, default=None,
                    help="use ports N..N+4 (default: any free ports)")
    down = sub.add_parser("down", help="stop the cloud running in a "
                                       "state directory")
    down.add_argument("--state-dir", required=True)
    demo_parser = sub.add_parser(
        "demo", help="the cloud and Horizon with Quick Backup, until Ctrl-C")
    demo_parser.add_argument("--state-dir", default=None,
                             help="default: .state/demo in the checkout")
    demo_parser.add_argument("--port", type=int, default=None,
                             help="Horizon's port (default: $DEMO_PORT "
                                  "or 8000)")
    args = parser.parse_args(argv)
    if args.command == "demo":
        return demo.run(args.state_dir, args.port)
    if args.command == "up":
        return cloud.up(args.state_dir, args.base_port)
    return cloud.down(args.state_dir)


if __name__ == "__main__":
    sys.exit(main())
