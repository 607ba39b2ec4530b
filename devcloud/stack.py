"""The whole local stack, the cloud and Horizon, as child processes.

Used by ``make demo`` and by the browser tests: ``start()`` returns once
Horizon answers; ``stop()`` ends both process groups, whatever state they
are in.
"""

import json
import os
import signal
import subprocess
import sys
import threading

from devcloud import dashboard
from devcloud import layout

CLOUD_START_TIMEOUT = 300
READY_LINE = "devcloud: READY"
STOP_TIMEOUT = 30


class Stack:

    def __init__(self, state_dir, horizon_port=None, base_port=None):
        self.state_dir = os.path.abspath(state_dir)
        self.horizon_port = horizon_port or layout.free_port()
        self.base_port = base_port
        self.cloud = None
        self.horizon = None
        self.info = None

    @property
    def horizon_url(self):
        return "http://127.0.0.1:%d/" % self.horizon_port

    def start(self, echo=None):
        """Start the cloud, then Horizon. ``echo`` gets the cloud's lines.

        On any failure, whatever was started is stopped before raising.
        """
        try:
            return self._start(echo)
        except BaseException:
            self.stop()
            raise

    def _start(self, echo):
        if not layout.port_is_free(self.horizon_port):
            raise RuntimeError("port %d is already in use" % self.horizon_port)
        command = [sys.executable, "-m", "devcloud", "up",
                   "--state-dir", self.state_dir]
        if self.base_port:
            command += ["--base-port", str(self.base_port)]
        self.cloud = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, start_new_session=True,
            cwd=dashboard.PROJECT_ROOT)
        self._wait_cloud_ready(echo or (lambda line: None))
        with open(os.path.join(self.state_dir, "cloud.json")) as cloud_json:
            self.info = json.load(cloud_json)
        self.horizon = dashboard.start(
            self.state_dir, self.info["auth_url"], self.horizon_port,
            os.path.join(self.state_dir, "logs", "horizon-server.log"))
        dashboard.wait_ready(self.horizon_url, self.horizon)
        return self

    def _wait_cloud_ready(self, echo):
        done = threading.Event()  # READY seen, or the cloud's output ended
        ready = []

        def read_output():
            for line in self.cloud.stdout:
                echo(line.rstrip("\n"))
                if line.startswith(READY_LINE):
                    ready.append(line)
                    done.set()
            done.set()

        threading.Thread(target=read_output, daemon=True).start()
        done.wait(CLOUD_START_TIMEOUT)
        if not ready:
            raise RuntimeError("the local cloud did not start; see %s"
                               % os.path.join(self.state_dir, "logs"))

    def stop(self):
        """Stop Horizon, then the cloud (which stops its services)."""
        for process in (self.horizon, self.cloud):
            if process is None or process.poll() is not None:
                continue
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                continue
            try:
                process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def __enter__(self):
        return self.start()  # stops what it started if it fails

    def __exit__(self, *exc_info):
        self.stop()
