"""``up`` and ``down``: run a whole devcloud and tear it down again."""

import os
import signal
import threading
import time

from devcloud import bootstrap, configs, setup_steps
from devcloud.layout import Layout, choose_ports, script
from devcloud.supervisor import Supervisor

PID_FILE = "devcloud.pid"
#: Services that must listen before a given one starts.
START_AFTER = {"nova": ("keystone", "placement")}


def _log(message):
    print("devcloud: %s" % message, flush=True)


class Run:
    """One devcloud run in one state directory."""

    def __init__(self, state_dir, base_port=None):
        self.layout = Layout(state_dir)
        self.layout.reset()
        self.layout.ports = choose_ports(base_port)
        self.supervisor = Supervisor(self.layout)
        self.started = {}  # name -> threading.Event, set once listening
        self.errors = []
        self.timings = {}

    def _prepare_and_start(self, name, conf):
        """Set up one service's databases, then start and await it."""
        try:
            if conf:
                log_path = self.layout.path("logs", "setup-%s.log" % name)
                t0 = time.monotonic()
                for cmd in setup_steps.STEPS[name](self.layout, conf):
                    self.supervisor.run_step(cmd, log_path)
                self.timings["setup-" + name] = round(
                    time.monotonic() - t0, 1)
            for dep in START_AFTER.get(name, ()):
                self.wait_services([dep])
            t0 = time.monotonic()
            self.supervisor.start(name)
            self.supervisor.wait_listening(name)
            self.timings["start-" + name] = round(time.monotonic() - t0, 1)
        except Exception as exc:
            self.errors.append("%s: %s" % (name, exc))
        finally:
            self.started[name].set()

    def wait_services(self, names):
        for name in names:
            self.started[name].wait()
            if self.errors:
                raise RuntimeError("; ".join(self.errors))

    def discover_hosts(self):
        self.supervisor.run_step(
            [script("nova-manage"), "--config-file",
             self.layout.path("nova", "nova.conf"),
             "cell_v2", "discover_hosts", "--verbose"],
            self.layout.path("logs", "setup-nova.log"))

    def up(self):
        t0 = time.monotonic()
        conf_paths = configs.write_all(self.layout)
        conf_paths["neutron"] = None
        self.started = {name: threading.Event() for name in self.layout.ports}
        for name in self.layout.ports:
            threading.Thread(target=self._prepare_and_start,
                             args=(name, conf_paths[name]),
                             daemon=True).start()
        facts = bootstrap.bootstrap(self.layout, self.discover_hosts,
                                    self.wait_services)
        facts["pids"] = self.supervisor.pids()
        facts["supervisor_pid"] = os.getpid()
        facts["timings"] = dict(self.timings)
        facts["cold_start_seconds"] = round(time.monotonic() - t0, 1)
        self.layout.write_cloud_json(facts)
        return facts


def _running_pid(state_dir):
    """PID of a live ``up`` process of ``state_dir``, or None."""
    try:
        with open(os.path.join(os.path.abspath(state_dir), PID_FILE)) as f:
            pid = int(f.read().strip())
        os.kill(pid, 0)
    except (FileNotFoundError, ValueError, ProcessLookupError):
        return None
    return pid


def up(state_dir, base_port=None):
    """Start everything, block until SIGINT/SIGTERM, then stop everything."""
    if _running_pid(state_dir):
        _log("already running in %s (pid %d); use down first"
             % (state_dir, _running_pid(state_dir)))
        return 1
    stop, ready = threading.Event(), threading.Event()

    def on_signal(signum, frame):
        stop.set()
        if not ready.is_set():  # abort a start in progress at once
            raise KeyboardInterrupt

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, on_signal)
    run = Run(state_dir, base_port)
    with open(run.layout.path(PID_FILE), "w") as pid_file:
        pid_file.write("%d\n" % os.getpid())
    try:
        _log("starting in %s (ports %s)" % (run.layout.root,
                                            run.layout.ports))
        facts = run.up()
        ready.set()
        _log("READY in %.1fs: %s" % (facts["cold_start_seconds"],
                                     run.layout.path("cloud.json")))
        while not stop.wait(1):
            dead = run.supervisor.dead()
            if dead:
                _log("service(s) exited: %s; stopping" % ", ".join(dead))
                return 1
        return 0
    except KeyboardInterrupt:
        _log("interrupted while starting")
        return 1
    except Exception as exc:
        _log("FAILED: %s (logs in %s)" % (exc, run.layout.path("logs")))
        return 1
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)
        run.supervisor.stop_all()
        try:
            os.unlink(run.layout.path(PID_FILE))
        except FileNotFoundError:
            pass
        _log("stopped")


def down(state_dir, timeout=30):
    """Ask the ``up`` process of ``state_dir`` to stop, and wait for it."""
    path = os.path.join(os.path.abspath(state_dir), PID_FILE)
    try:
        with open(path) as pid_file:
            pid = int(pid_file.read().strip())
    except (FileNotFoundError, ValueError):
        _log("nothing running in %s" % state_dir)
        return 0
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        _log("process %d is gone" % pid)
        return 0
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not os.path.exists(path):
            _log("stopped %d" % pid)
            return 0
        time.sleep(0.2)
    _log("process %d did not stop in %ds" % (pid, timeout))
    return 1
