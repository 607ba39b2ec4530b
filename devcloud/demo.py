"""``make demo``: the local cloud and Horizon with Quick Backup, until Ctrl-C."""

import os
import signal
import threading

from devcloud import stack as local_stack

DEFAULT_PORT = 8000
DEFAULT_STATE_DIR = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    ".state", "demo")


def run(state_dir=None, port=None):
    port = port or int(os.environ.get("DEMO_PORT", DEFAULT_PORT))
    stack = local_stack.Stack(state_dir or DEFAULT_STATE_DIR,
                              horizon_port=port)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    print("Starting the local cloud and Horizon (about a minute)...",
          flush=True)
    try:
        stack.start(echo=lambda line: print("  " + line, flush=True))
        print("\nQuick Backup demo is up:\n"
              "  Horizon:  %s\n"
              "  login:    user demo, password demo "
              "(admin: admin / admin)\n"
              "  then:     Project > Compute > Instances > Quick Backup\n"
              "  logs:     %s\n"
              "Press Ctrl-C to stop.\n"
              % (stack.horizon_url, os.path.join(stack.state_dir, "logs")),
              flush=True)
        while not stop.wait(1):
            if any(p.poll() is not None for p in (stack.cloud, stack.horizon)):
                print("A service stopped; see the logs. Shutting down.")
                return 1
        return 0
    except RuntimeError as error:
        print("The demo could not start: %s" % error, flush=True)
        return 1
    finally:
        print("Stopping...", flush=True)
        stack.stop()
        print("Stopped.", flush=True)
