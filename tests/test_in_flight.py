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

"""The library's rules for a backup in flight: busy instances and stuck
backups (plain Python, as the dashboard, the command and plans use them)."""

import datetime

from novaclient import exceptions as nova_exceptions
import pytest

from quick_backup_client import failures
from quick_backup_client import in_flight

NOW = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.timezone.utc)


def image(status="queued", minutes=61, **extra):
    created = NOW - datetime.timedelta(minutes=minutes)
    return dict({"status": status,
                 "created_at": created.strftime("%Y-%m-%dT%H:%M:%SZ")},
                **extra)


class Server(object):
    def __init__(self, task=None):
        setattr(self, in_flight.TASK_STATE, task)


def test_any_task_makes_an_instance_busy_and_none_leaves_it_idle():
    assert in_flight.task_state(Server("image_uploading")) == \
        "image_uploading"
    assert in_flight.task_state({in_flight.TASK_STATE: "rebooting"}) == \
        "rebooting"
    assert in_flight.task_state(Server()) is None
    assert in_flight.task_state({}) is None
    with pytest.raises(in_flight.InstanceBusy) as raised:
        in_flight.check_idle(Server("image_snapshot"))
    assert raised.value.task_state == "image_snapshot"
    idle = Server()
    assert in_flight.check_idle(idle) is idle


def test_a_busy_refusal_is_its_own_kind_and_made_nothing():
    busy = in_flight.InstanceBusy("image_snapshot")
    assert failures.kind(busy) == failures.TASK_RUNNING
    assert failures.nothing_was_made(busy)


def test_novas_409_for_a_task_is_that_kind_and_one_for_a_state_is_busy():
    task = nova_exceptions.Conflict(409, "Cannot 'createImage' instance x "
                                         "while it is in task_state "
                                         "image_uploading")
    state = nova_exceptions.Conflict(409, "Cannot 'createImage' instance x "
                                          "while it is in vm_state error")
    assert failures.kind(task) == failures.TASK_RUNNING
    assert failures.kind(state) == failures.BUSY
    assert failures.nothing_was_made(task)


def test_wait_idle_reads_the_server_until_its_task_ends():
    answers = iter([Server("image_pending_upload"), Server("image_uploading"),
                    Server()])
    reads, naps = [], []

    def read():
        reads.append(1)
        return next(answers)

    server = in_flight.wait_idle(read, timeout=60, interval=5,
                                 clock=lambda: 0, sleep=naps.append)

    assert in_flight.task_state(server) is None
    assert (len(reads), naps) == (3, [5, 5])


def test_wait_idle_costs_nothing_for_an_idle_server_already_read():
    def read():
        raise AssertionError("read again")
    idle = Server()
    assert in_flight.wait_idle(read, server=idle) is idle


def test_wait_idle_gives_up_at_the_bound_with_the_task():
    ticks = iter(range(0, 1000, 5))
    reads = []

    def read():
        reads.append(1)
        return Server("image_uploading")

    with pytest.raises(in_flight.InstanceBusy) as raised:
        in_flight.wait_idle(read, timeout=20, interval=5,
                            clock=lambda: next(ticks), sleep=lambda s: None)
    assert raised.value.task_state == "image_uploading"
    assert 2 <= len(reads) <= 5


@pytest.mark.parametrize("backup, task, stuck", [
    (image("queued"), None, True),
    (image("saving"), None, True),
    (image("queued"), "image_uploading", False),  # still being made
    (image("saving", minutes=59), None, False),  # not past the bound yet
    (image("active"), None, False),
    (image("killed"), None, False),  # Glance says failed already
    (image("queued", created_at="not a time"), None, False),
    (image("queued", created_at=None), None, False),
])
def test_a_backup_is_stuck_when_unfinished_past_the_bound_with_no_task(
        backup, task, stuck):
    assert in_flight.is_stuck(backup, task, NOW, bound=3600) is stuck


def test_the_stuck_bound_is_the_callers():
    assert in_flight.is_stuck(image(minutes=11), None, NOW, bound=600)
    assert not in_flight.is_stuck(image(minutes=11), None, NOW)
    assert in_flight.STUCK_AFTER_SECONDS == 3600


def test_a_time_without_a_zone_is_utc():
    assert in_flight.is_stuck({"status": "queued",
                               "created_at": "2026-11-23T10:00:00"},
                              None, NOW)
