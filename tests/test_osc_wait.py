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

"""--wait's progress line: rewritten in place on a terminal, one line per
status in a log, with the elapsed time."""

import io

import pytest
from osc_lib import exceptions

from quick_backup_client.osc import waiting

IMAGE_ID = "b7e1e1f2-2222-4c1a-8f5e-3b9c1d2e4f55"


class Terminal(io.StringIO):
    def isatty(self):
        return True


class Glance(object):
    """Answers one image status per GET."""

    def __init__(self, statuses):
        self.statuses = list(statuses)

    def get(self, path, **kwargs):
        assert path == "/v2/images/" + IMAGE_ID
        status = self.statuses.pop(0)
        return type("Answer", (), {"json": lambda self: {
            "id": IMAGE_ID, "status": status}})()


def waiter(statuses, stream):
    ticks = iter(range(0, 1000, 65))  # 65 s between two looks
    return waiting.Waiter(Glance(statuses), stream, sleep=lambda s: None,
                         clock=lambda: next(ticks))


def test_a_terminal_sees_one_line_rewritten_until_active():
    screen = Terminal()

    image = waiter(["queued", "saving", "active"], screen).wait(IMAGE_ID,
                                                                "web-1")

    assert image["status"] == "active"
    assert screen.getvalue() == (
        "\rBackup %(id)s: queued, 1:05 elapsed"
        "\rBackup %(id)s: saving, 2:10 elapsed"
        "\rBackup %(id)s: active, 3:15 elapsed\n" % {"id": IMAGE_ID})


def test_a_log_gets_a_line_per_status_change():
    log = io.StringIO()

    waiter(["queued", "saving", "saving", "saving", "active"], log).wait(
        IMAGE_ID, "web-1")

    assert [line.split(": ")[1] for line in log.getvalue().splitlines()] == [
        "queued, 1:05 elapsed", "saving, 2:10 elapsed",
        "active, 5:25 elapsed"]


def test_a_killed_image_ends_the_line_and_fails():
    screen = Terminal()

    with pytest.raises(exceptions.CommandError, match="is killed"):
        waiter(["saving", "killed"], screen).wait(IMAGE_ID, "web-1")

    assert screen.getvalue().endswith("killed, 2:10 elapsed\n")
