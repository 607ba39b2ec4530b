"""Start the service processes and stop them all again.

Each service runs as ``python -m devcloud.service`` in its own session
(process group), with output going to ``DIR/logs/NAME.log``. Stopping sends
SIGTERM to every group, then SIGKILL to what is left. Children also watch
their parent and exit if it disappears, so nothing is orphaned even if the
supervisor itself is killed.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time

import devcloud


def _repo_root():
    """The directory that holds the devcloud package (for PYTHONPATH)."""
    return os.path.dirname(os.path.dirname(os.path.abspath(
        devcloud.__file__)))


def child_env():
    """Environment for every child: our packages importable, no eventlet."""
    env = dict(os.environ)
    paths = [_repo_root()] + [p for p in env.get("PYTHONPATH", "").split(
        os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env["OS_NOVA_DISABLE_EVENTLET_PATCHING"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    return env


def port_open(port, host="127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


class Supervisor:
    """Owns the child processes of one devcloud run."""

    def __init__(self, layout):
        self.layout = layout
        self.procs = {}
        self.steps = set()  # one-off commands still running
        self.stopping = False
        self.lock = threading.Lock()
        self.env = child_env()

    def _spawn(self, cmd, log_path):
        with self.lock:
            if self.stopping:
                raise RuntimeError("stopping")
            with open(log_path, "ab") as log:
                log.write(("$ %s\n" % " ".join(cmd)).encode())
                log.flush()
                return subprocess.Popen(
                    cmd, stdout=log, stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL, env=self.env,
                    cwd=self.layout.root, start_new_session=True)

    def run_step(self, cmd, log_path):
        """Run a one-off command (logged to ``log_path``); raise on failure.

        Tracked like the services, so stopping also ends it.
        """
        proc = self._spawn(cmd, log_path)
        with self.lock:
            self.steps.add(proc)
        try:
            returncode = proc.wait()
        finally:
            with self.lock:
                self.steps.discard(proc)
        if returncode != 0:
            raise RuntimeError("%s failed (exit %d), see %s" % (
                " ".join(os.path.basename(c) for c in cmd[:1] + cmd[3:5]),
                returncode, log_path))

    def start(self, name):
        log_path = self.layout.path("logs", "%s.log" % name)
        cmd = [sys.executable, "-m", "devcloud.service", name,
               "--state-dir", self.layout.root,
               "--port", str(self.layout.ports[name]),
               "--parent-pid", str(os.getpid())]
        proc = self._spawn(cmd, log_path)
        with self.lock:
            self.procs[name] = proc
        return proc

    def wait_listening(self, name, timeout=120):
        """Wait until the service's port accepts connections."""
        deadline = time.monotonic() + timeout
        port = self.layout.ports[name]
        while time.monotonic() < deadline:
            proc = self.procs.get(name)
            if proc is not None and proc.poll() is not None:
                raise RuntimeError("%s exited with %s; see %s" % (
                    name, proc.returncode,
                    self.layout.path("logs", name + ".log")))
            if proc is not None and port_open(port):
                return
            time.sleep(0.2)
        raise TimeoutError("%s did not listen on port %d" % (name, port))

    def dead(self):
        """Names of children that have exited."""
        with self.lock:
            return [n for n, p in self.procs.items() if p.poll() is not None]

    def pids(self):
        with self.lock:
            return {n: p.pid for n, p in self.procs.items()}

    def stop_all(self, grace=10):
        with self.lock:
            self.stopping = True
            procs = list(self.procs.values()) + list(self.steps)
        for proc in procs:
            _signal_group(proc, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for proc in procs:
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            # Kill the whole group even if the leader exited, in case it
            # left helpers behind.
            _signal_group(proc, signal.SIGKILL)
            proc.wait()


def _signal_group(proc, sig):
    try:
        os.killpg(proc.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass
