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

"""The supervisor: ``Cloud`` owns every child process of a local cloud.

It writes the configs, runs the setup commands, starts the services (Mistral
too where it is installed) and Horizon (gunicorn's workers and the memcached
they share), fills the cloud (bootstrap) and stops them all again.

Every child runs in its own session (process group), with its output in
``DIR/logs`` and ``TMPDIR=DIR/tmp``. ``stop()`` sends SIGTERM to each group
still running, then SIGKILL after a grace period, whatever state the start
was in. So that a supervisor killed with SIGKILL orphans nothing, each child
asks the kernel for SIGKILL when its parent goes (PR_SET_PDEATHSIG, set
between fork and exec). The kernel sends it when the *thread* that spawned
the child ends, so services and Horizon are spawned from the calling thread;
only the short setup commands run from worker threads.
"""

import concurrent.futures
import ctypes
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

from keystoneauth1 import exceptions as ksa_exceptions
from keystoneauth1 import session

from devcloud import bootstrap, configs, horizon, manage, wait_for
from devcloud.layout import CHECKOUT, MISTRAL, SERVICES, Layout
from devcloud.layout import choose_ports

PR_SET_PDEATHSIG = 1
_prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up before any fork


def _die_with_parent():
    """Runs in the child between fork and exec."""
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


class Cloud:
    """The local cloud in ``state_dir`` (emptied first), as a context manager.

    ``horizon_port``: 0 for any free port, None for no Horizon.
    ``base_port``: services on N, N+1, ... (layout.PORTS; default: free
    ports).
    ``horizon_workers``: Horizon's worker processes.
    """

    def __init__(self, state_dir, horizon_port=0, base_port=None,
                 horizon_workers=2):
        self.layout = Layout(state_dir, choose_ports(base_port, horizon_port))
        self.horizon_workers = horizon_workers
        self.children = []  # every Popen: services, Horizon, setup commands
        self.services = {}  # name -> Popen, for the long-running children
        self.lock = threading.Lock()  # guards .children and .stopping
        self.stopping = False
        self.http = session.Session()  # unauthenticated, for readiness
        self.env = dict(
            os.environ, TMPDIR=self.layout.path("tmp"),
            PYTHONPATH=os.pathsep.join(filter(None, [
                CHECKOUT, os.environ.get("PYTHONPATH")])),
            OS_NOVA_DISABLE_EVENTLET_PATCHING="1", PYTHONUNBUFFERED="1")
        self.info = None
        self.start_seconds = None

    @property
    def horizon_url(self):
        return self.layout.horizon_url

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def start(self):
        """Start and fill everything; on any failure (or Ctrl-C) stop what
        was started, then raise."""
        started = time.monotonic()
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        self.start_seconds = time.monotonic() - started
        return self

    def _start(self):
        layout = self.layout
        memcached = ("horizon" in layout.ports
                     and horizon.memcached_command(layout))  # or stop now
        layout.reset()
        configs.write_all(layout)
        self._serve("neutron")
        steps = manage.setup_steps(layout)
        pool = concurrent.futures.ThreadPoolExecutor(len(steps))
        try:
            setups = {pool.submit(self._run, name, commands): name
                      for name, commands in steps.items()}
            for done in concurrent.futures.as_completed(setups):
                done.result()
                if setups[done] != "nova":
                    self._serve(setups[done])
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
        if MISTRAL:  # its start (~8 CPU seconds) slowed Keystone's setup
            self._serve("mistral")
        self._wait_ready("keystone", "placement")  # nova-compute needs them
        self._serve("nova")
        if "horizon" in layout.ports:
            horizon.prepare_memcached_socket(layout)
            self._serve("memcached", memcached)
            self.serve_horizon("horizon", layout.ports["horizon"])
        self.info = layout.info() | bootstrap.bootstrap(
            layout, self._discover_hosts, lambda: self._wait_ready(*SERVICES))
        open(self._horizon_gate(), "w").close()  # Horizon may now listen
        if "horizon" in layout.ports:
            self._wait_ready("memcached", "horizon")
        with open(layout.path("cloud.json"), "w") as out:
            json.dump(self.info, out, indent=2, sort_keys=True)

    def _spawn(self, log_name, command, env=None):
        """Start a child in its own session; output to logs/LOG_NAME.log."""
        with self.lock:
            if self.stopping:
                raise RuntimeError("devcloud: stopping")
            with open(self.layout.log(log_name), "ab") as log:
                log.write(b"$ %s\n" % " ".join(command).encode())
                log.flush()
                child = subprocess.Popen(
                    command, stdin=subprocess.DEVNULL, stdout=log,
                    stderr=subprocess.STDOUT, env=env or self.env,
                    cwd=self.layout.root, start_new_session=True,
                    preexec_fn=_die_with_parent)
            self.children.append(child)
        return child

    def _serve(self, name, command=None, env=None):
        """Start a long-running child: a devcloud service unless told."""
        self.services[name] = self._spawn(name, command or [
            sys.executable, "-m", "devcloud.service", name,
            "--state-dir", self.layout.root, "--port",
            *map(str, self.layout.service_ports(name))], env)

    def serve_horizon(self, name, port, extra_settings=""):
        """Start a Horizon named ``name`` (its settings and log) on ``port``;
        tests start a second one with other settings, and stop it with
        ``end(name)``."""
        env = horizon.environment(self.layout, self.env, name,
                                  extra_settings)
        # Loaded at once, listening once the cloud is filled (bootstrap).
        env[horizon.GATE] = self._horizon_gate()
        self._serve(name, horizon.command(port, self.horizon_workers), env)

    def _horizon_gate(self):
        return self.layout.path("bootstrapped")

    def _run(self, name, commands):
        """Run setup commands in order (log ``logs/setup-NAME.log``)."""
        for command in commands:
            code = self._spawn("setup-" + name, command).wait()
            if code:
                raise RuntimeError("devcloud: %s exited with %d, see %s" % (
                    " ".join(os.path.basename(c) for c in command[:1]
                             + command[3:5]), code,
                    self.layout.log("setup-" + name)))

    def _discover_hosts(self):
        self._run("nova", [manage.discover_hosts(self.layout)])

    def _answers(self, name):
        """Whether the server answers HTTP (Horizon: its login page, 200)."""
        if self.services[name].poll() is not None:
            raise RuntimeError("devcloud: %s exited with %s, see %s" % (
                name, self.services[name].returncode, self.layout.log(name)))
        if name == "memcached":
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as unix:
                unix.settimeout(5)
                try:
                    unix.connect(self.layout.memcached_socket)
                except OSError:
                    return False
            return True
        if name == "horizon":  # slow once: it compiles its stylesheets
            url, must_succeed = self.horizon_url + "auth/login/", True
        else:
            url, must_succeed = self.layout.url(name), False
        try:
            self.http.get(url, raise_exc=must_succeed, timeout=120)
        except ksa_exceptions.ConnectFailure:
            return False
        return True

    def _wait_ready(self, *names):
        for name in names:
            wait_for(lambda: self._answers(name), "answer from %s on %s" % (
                name, self.layout.ports.get(name) or
                self.layout.memcached_socket))

    def wait(self):
        """Block until a service or Horizon exits; return its name. (Only
        for a process whose children are all ours, like the CLI.)"""
        pid = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOWAIT).si_pid
        return {c.pid: n for n, c in self.services.items()}.get(pid, "a child")

    def stop(self, grace=10):
        """End every child: SIGTERM to each group, SIGKILL after ``grace``."""
        with self.lock:
            self.stopping = True
            running = [c for c in self.children if c.poll() is None]
        _end(running, grace)
        if "horizon" in self.layout.ports:
            horizon.remove_memcached_socket(self.layout)

    def end(self, name, grace=10):
        """End one long-running child (and its process group)."""
        _end([self.services.pop(name)], grace)


def _end(running, grace):
    """SIGTERM to each child's group, SIGKILL after ``grace`` seconds."""
    for child in running:
        _signal_group(child, signal.SIGTERM)
    deadline = time.monotonic() + grace
    for child in running:
        try:
            child.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            _signal_group(child, signal.SIGKILL)
            child.wait()


def _signal_group(child, signum):
    try:
        os.killpg(child.pid, signum)
    except ProcessLookupError:
        pass
