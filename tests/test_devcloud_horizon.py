"""devcloud's Horizon: gunicorn's worker processes and the memcached they
share, as configured (nothing is started)."""

import ast
import os

import pytest

from devcloud import horizon
from devcloud import horizon_wsgi
from devcloud.layout import Layout, choose_ports


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


def test_horizon_gets_its_own_memcached_port_and_only_with_horizon():
    with_horizon = choose_ports(horizon_port=0)
    assert len(set(with_horizon.values())) == len(with_horizon)
    assert "memcached" in with_horizon
    assert "memcached" not in choose_ports()


def test_every_worker_uses_horizons_memcached_backend_at_that_port(layout):
    env = horizon.environment(layout, {"PYTHONPATH": "elsewhere"})
    settings = layout.path("horizon", "local", "local_settings.py")
    assert assigned(settings, "CACHES") == {"default": {
        "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
        "LOCATION": "127.0.0.1:%d" % layout.ports["memcached"]}}
    assert env["PYTHONPATH"].split(os.pathsep) == [layout.path("horizon"),
                                                   "elsewhere"]


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


def test_memcached_listens_on_localhost_tcp_only_and_never_evicts(
        layout, monkeypatch):
    monkeypatch.setattr(horizon.shutil, "which", lambda name: "/bin/" + name)
    command = horizon.memcached_command(layout)
    assert command[0] == "/bin/memcached"
    assert command[command.index("-l") + 1] == "127.0.0.1"
    assert command[command.index("-p") + 1] == str(layout.ports["memcached"])
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
