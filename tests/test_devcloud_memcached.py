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

"""devcloud's memcached as it really runs: Horizon's cache on a Unix socket
that only its user can reach, with no TCP or UDP port open."""

import contextlib
import os
import shutil
import socket
import stat
import subprocess
import tempfile
import time

import pytest

# As test_devcloud_horizon: a series' test env (tox -e unit-<series>) has
# the dashboard alone, not devcloud's requirements (gunicorn).
pytest.importorskip("gunicorn", reason="devcloud's requirements are not "
                    "installed here (devcloud/requirements.txt)")

from devcloud import horizon  # noqa: E402
from devcloud.layout import Layout  # noqa: E402

pytestmark = pytest.mark.skipif(
    shutil.which("memcached") is None,
    reason="Debian's memcached is not installed (make memcached)")


@contextlib.contextmanager
def running(layout):
    """devcloud's memcached for ``layout``, once its socket is there; then
    ended, and its socket removed (with its directory under /tmp)."""
    horizon.prepare_memcached_socket(layout)
    process = subprocess.Popen(horizon.memcached_command(layout))
    try:
        deadline = time.monotonic() + 10
        while not os.path.exists(layout.memcached_socket):
            assert time.monotonic() < deadline, "memcached made no socket"
            time.sleep(0.05)
        yield process
    finally:
        process.terminate()
        process.wait(10)
        horizon.remove_memcached_socket(layout)


@pytest.fixture
def memcached(tmp_path):
    layout = Layout(str(tmp_path))
    with running(layout) as process:
        yield layout, process


def _socket_inodes(pid):
    inodes = set()
    for fd in os.listdir("/proc/%d/fd" % pid):
        try:
            target = os.readlink("/proc/%d/fd/%s" % (pid, fd))
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:["):-1])
    return inodes


def _inet_inodes():
    inodes = set()
    for table in ("tcp", "tcp6", "udp", "udp6"):
        try:
            lines = open("/proc/net/" + table).read().splitlines()[1:]
        except OSError:
            continue
        inodes.update(line.split()[9] for line in lines)
    return inodes


def _ask(path, command):
    """One command of memcached's text protocol over the socket."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as unix:
        unix.settimeout(10)
        unix.connect(path)
        unix.sendall(command)
        answer = b""
        while not answer.endswith(b"\r\n") or (
                answer.startswith(b"VALUE") and b"END\r\n" not in answer):
            answer += unix.recv(4096)
        return answer


def test_horizons_cache_answers_on_the_socket(memcached):
    layout, _process = memcached
    path = layout.memcached_socket
    assert _ask(path, b"add claim 0 60 4\r\nonce\r\n") == b"STORED\r\n"
    # A second claim of the same key is refused: what once-only rests on.
    assert _ask(path, b"add claim 0 60 4\r\ntwce\r\n") == \
        b"NOT_STORED\r\n"
    assert _ask(path, b"get claim\r\n") == \
        b"VALUE claim 0 4\r\nonce\r\nEND\r\n"


def test_memcached_opens_no_network_port(memcached):
    _layout, process = memcached
    sockets = _socket_inodes(process.pid)
    assert sockets, "memcached holds no socket at all"
    assert not sockets & _inet_inodes()


def test_only_horizons_user_can_reach_the_socket(memcached):
    layout, _process = memcached
    directory = os.path.dirname(layout.memcached_socket)
    assert stat.S_IMODE(os.stat(directory).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(layout.memcached_socket).st_mode) == 0o600


def test_the_fallback_socket_directory_under_tmp_is_removed_after_the_run(
        tmp_path):
    deep = Layout(str(tmp_path / ("d" * 120)))
    directory = os.path.dirname(deep.memcached_socket)
    assert directory.startswith("/tmp/devcloud-memcached-")
    with running(deep):
        assert os.path.isdir(directory)
    assert not os.path.exists(directory)


def test_the_state_directorys_socket_directory_stays_without_its_socket():
    # A state directory short enough for the socket to be in it (a test's
    # tmp_path may not be: under CI's TMPDIR it is over 100 characters).
    with tempfile.TemporaryDirectory(dir="/tmp", prefix="qb-") as state:
        layout = Layout(state)
        directory = os.path.dirname(layout.memcached_socket)
        assert directory.startswith(state + os.sep)
        horizon.prepare_memcached_socket(layout)
        open(layout.memcached_socket, "w").close()  # as memcached leaves it
        horizon.remove_memcached_socket(layout)
        assert not os.path.exists(layout.memcached_socket)
        assert os.path.isdir(directory)
