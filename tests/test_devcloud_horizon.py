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

"""devcloud's Horizon: gunicorn's worker processes and the memcached they
share, as configured, and held until the cloud is filled (nothing is
started)."""

import ast
import os
import threading
import time

import pytest

# devcloud serves Horizon with gunicorn, which devcloud/requirements.txt
# installs beside the dashboard in the project's venv (make unit); a
# series' test env (tox -e unit-<series>) has the dashboard alone.
pytest.importorskip("gunicorn", reason="devcloud's requirements are not "
                    "installed here (devcloud/requirements.txt)")

from devcloud import cloud  # noqa: E402
from devcloud import horizon  # noqa: E402
from devcloud import horizon_wsgi  # noqa: E402
from devcloud.layout import Layout, choose_ports  # noqa: E402


@pytest.fixture
def layout(tmp_path):
    layout = Layout(tmp_path / "state", choose_ports(horizon_port=0))
    layout.reset()
    return layout


def assigned(path, name):
    """The literal a settings file assigns to ``name`` (never executed)."""
    for node in ast.parse(open(path).read()).body:
        if isinstance(node, ast.Assign) and node.targets[0].id == name:
            return ast.literal_eval(node.value)
    raise AssertionError("%s is not set in %s" % (name, path))


def test_horizon_gets_a_port_and_its_memcached_none():
    with_horizon = choose_ports(horizon_port=0)
    assert len(set(with_horizon.values())) == len(with_horizon)
    assert "horizon" in with_horizon
    assert "memcached" not in with_horizon
    assert "horizon" not in choose_ports()


def test_every_worker_uses_horizons_memcached_backend_at_its_socket(layout):
    env = horizon.environment(layout, {"PYTHONPATH": "elsewhere"})
    settings = layout.path("horizon", "local", "local_settings.py")
    assert assigned(settings, "CACHES") == {"default": {
        "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
        "LOCATION": "unix:" + layout.memcached_socket}}
    assert env["PYTHONPATH"].split(os.pathsep) == [layout.path("horizon"),
                                                   "elsewhere"]


def test_the_socket_lies_in_the_state_directory_where_its_path_fits():
    assert Layout("/srv/state").memcached_socket == \
        "/srv/state/memcached/memcached.sock"


def test_a_socket_path_too_long_for_unix_goes_to_its_own_dir_in_tmp():
    deep = Layout("/" + "d" * 120)
    assert deep.memcached_socket.startswith("/tmp/devcloud-memcached-")
    assert len(deep.memcached_socket) <= 100
    assert deep.memcached_socket != Layout("/" + "e" * 120).memcached_socket


def test_a_second_horizon_has_its_own_settings_with_what_it_adds(layout):
    horizon.environment(layout, {"PYTHONPATH": ""}, "other",
                        'SESSION_ENGINE = "x"\n')
    settings = layout.path("other", "local", "local_settings.py")
    assert assigned(settings, "SESSION_ENGINE") == "x"
    assert "other.log" in open(settings).read()


def test_gunicorn_runs_the_asked_number_of_sync_workers_on_localhost():
    command = horizon.command(8123, 3)
    assert command[command.index("--workers") + 1] == "3"
    assert command[command.index("--bind") + 1] == "127.0.0.1:8123"
    assert ("--no-control-socket" in command) == hasattr(
        horizon.gunicorn_config, "ControlSocketDisable")  # gunicorn 25.1 on
    assert command[-1] == "devcloud.horizon_wsgi:build()"


def test_gunicorn_refuses_its_control_socket_where_it_has_one(monkeypatch):
    monkeypatch.setattr(horizon.gunicorn_config, "ControlSocketDisable",
                        object(), raising=False)
    assert "--no-control-socket" in horizon.command(8123, 3)


def test_a_gunicorn_without_a_control_socket_is_not_told_to_refuse_it(
        monkeypatch):
    monkeypatch.delattr(horizon.gunicorn_config, "ControlSocketDisable",
                        raising=False)
    assert "--no-control-socket" not in horizon.command(8123, 3)


def test_memcached_listens_on_its_socket_only_and_never_evicts(
        layout, monkeypatch):
    monkeypatch.setattr(horizon.shutil, "which", lambda name: "/bin/" + name)
    command = horizon.memcached_command(layout)
    assert command[0] == "/bin/memcached"
    assert command[command.index("-s") + 1] == layout.memcached_socket
    assert command[command.index("-a") + 1] == "600"
    assert "-p" not in command and "-l" not in command
    assert command[command.index("-U") + 1] == "0"
    assert "-M" in command


def test_a_missing_memcached_says_what_to_install(layout, monkeypatch):
    monkeypatch.setattr(horizon.shutil, "which", lambda name: None)
    with pytest.raises(RuntimeError, match="apt-get install memcached"):
        horizon.memcached_command(layout)


def test_every_answer_names_the_worker_process_that_made_it():
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    seen = []
    body = horizon_wsgi._name_the_worker(app)(
        {}, lambda status, headers, exc_info=None: seen.append(headers))
    assert body == [b"ok"]
    assert seen == [[("Content-Type", "text/plain"),
                     (horizon_wsgi.WORKER_HEADER, str(os.getpid()))]]


def open_later(path, seconds=0.3):
    """Create ``path`` after ``seconds``, from another thread."""
    timer = threading.Timer(seconds, lambda: open(path, "w").close())
    timer.start()
    return timer


def test_horizon_holds_until_the_gate_file_exists(tmp_path):
    gate = tmp_path / "bootstrapped"
    open_later(gate)
    started = time.monotonic()
    horizon_wsgi.wait_for_gate(str(gate), interval=0.05)
    assert gate.exists()
    assert time.monotonic() - started >= 0.25
    horizon_wsgi.wait_for_gate(None)  # no gate: no wait


def test_the_app_is_loaded_before_the_hold_and_returned_after_it(
        tmp_path, monkeypatch):
    gate = tmp_path / "bootstrapped"
    loaded = []
    monkeypatch.setattr(horizon_wsgi, "get_wsgi_application",
                        lambda: loaded.append(gate.exists()) or object())
    monkeypatch.setenv(horizon.GATE, str(gate))
    open_later(gate)
    horizon_wsgi.build()
    assert loaded == [False]  # loaded while the gate was still shut
    assert gate.exists()


def test_the_cloud_opens_horizons_gate_only_once_bootstrap_is_done(
        tmp_path, monkeypatch):
    running = cloud.Cloud(str(tmp_path / "state"), horizon_port=0)
    served, events = {}, []
    monkeypatch.setattr(cloud.configs, "write_all", lambda layout: None)
    monkeypatch.setattr(cloud.manage, "setup_steps",
                        lambda layout: {"keystone": []})
    monkeypatch.setattr(horizon, "memcached_command",
                        lambda layout: ["memcached"])
    monkeypatch.setattr(running, "_run", lambda name, commands: None)
    monkeypatch.setattr(running, "_serve", lambda name, command=None,
                        env=None: served.setdefault(name, env))
    monkeypatch.setattr(running, "_wait_ready",
                        lambda *names: events.append(names))
    gate = running.layout.path("bootstrapped")

    def bootstrap(layout, discover_hosts, wait_ready):
        events.append(("bootstrap", os.path.exists(gate)))
        return {}
    monkeypatch.setattr(cloud.bootstrap, "bootstrap", bootstrap)

    try:
        running._start()
    finally:
        running.stop()  # removes the socket's directory (/tmp under CI)

    assert served["horizon"][horizon.GATE] == gate
    assert ("bootstrap", False) in events
    assert os.path.exists(gate)
    assert events[-1] == ("memcached", "horizon")
