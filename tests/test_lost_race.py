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

"""After Nova's 500 to a Quick Backup (two snapshots that met inside Nova
34): the queued image it left is found by what was sent and deleted, once,
in the library that the form and the command share; requests counted."""

import datetime

import pytest
from keystoneauth1 import exceptions as ks_exceptions
from novaclient import exceptions as nova_exceptions

from quick_backup_client import failures
from quick_backup_client import in_flight
from quick_backup_client import lost_race
from quick_backup_server import protocol

NOW = datetime.datetime(2026, 12, 2, 4, 0, tzinfo=datetime.timezone.utc)
SERVER = "6ae1f1c4-1111-4a3f-9d6e-0c2f6b1d2a11"
OTHER_SERVER = "7bf2a2d5-3333-4a3f-9d6e-0c2f6b1d2a11"
PROJECT = "5b8e4c3a9d2f4e1b8a7c6d5e4f3a2b1c"


def image(image_id="left-1", name="nightly", status="queued", seconds=1,
          server=SERVER, **extra):
    """A Glance image made ``seconds`` after NOW (negative: before)."""
    created = NOW + datetime.timedelta(seconds=seconds)
    return dict({"id": image_id, "name": name, "status": status,
                 "created_at": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
                 protocol.MARKER_PROPERTY: protocol.MARKER_VALUE,
                 protocol.INSTANCE_PROPERTY: server}, **extra)


def test_the_leftover_is_the_one_queued_image_of_this_send():
    mine = image()
    assert in_flight.leftover([mine], SERVER, "nightly", NOW) is mine
    # Glance's clock may lag ours a little.
    late_clock = image(seconds=-in_flight.CLOCK_SKEW_SECONDS)
    assert in_flight.leftover([late_clock], SERVER, "nightly", NOW) is \
        late_clock


@pytest.mark.parametrize("other", [
    image(status="saving"), image(status="active"),
    image(name="nightly-2"), image(server=OTHER_SERVER),
    image(seconds=-in_flight.CLOCK_SKEW_SECONDS - 60),
    image(**{protocol.MARKER_PROPERTY: "false"}),
    image(created_at="not a time"),
], ids=["saving", "active", "another name", "another instance",
        "made before this send", "not ours", "no time"])
def test_an_image_this_send_did_not_make_is_never_the_leftover(other):
    assert in_flight.leftover([other], SERVER, "nightly", NOW) is None


def test_two_candidates_are_left_alone_as_neither_is_surely_ours():
    assert in_flight.leftover([image("a"), image("b")], SERVER, "nightly",
                              NOW) is None


def test_glance_is_asked_only_for_queued_images_of_our_name_and_instance():
    assert in_flight.leftover_filters(PROJECT, SERVER, "nightly") == {
        "owner": PROJECT, "name": "nightly", "status": "queued",
        protocol.MARKER_PROPERTY: protocol.MARKER_VALUE,
        protocol.INSTANCE_PROPERTY: SERVER}


def test_a_lost_race_is_its_own_kind_and_made_nothing():
    lost = in_flight.LostRace()
    assert failures.kind(lost) == failures.LOST_RACE
    assert failures.nothing_was_made(lost)


class Answer(object):
    def __init__(self, payload):
        self.payload = payload

    def json(self):
        return self.payload


class Glance(object):
    """A keystoneauth adapter's get/delete, counted."""

    def __init__(self, images=(), listing_fails=None, delete_fails=None):
        self.images, self.sent = list(images), []
        self.listing_fails, self.delete_fails = listing_fails, delete_fails

    def get(self, path, params=None):
        self.sent.append(("GET", path, dict(params or {})))
        if self.listing_fails:
            raise self.listing_fails
        return Answer({"images": self.images})

    def delete(self, path):
        self.sent.append(("DELETE", path, None))
        if self.delete_fails:
            raise self.delete_fails


def send_failing(exc):
    sends = []

    def send():
        sends.append(1)
        raise exc
    return send, sends


def take(glance, exc):
    send, sends = send_failing(exc)
    with pytest.raises(Exception) as raised:
        lost_race.take(glance, PROJECT, SERVER, "nightly", send,
                       clock=lambda: NOW)
    return raised.value, sends


def test_novas_500_costs_one_listing_and_one_delete_then_says_lost_race():
    glance = Glance([image("left-1")])
    raised, sends = take(glance, nova_exceptions.ClientException(500))
    assert isinstance(raised, in_flight.LostRace)
    assert len(sends) == 1  # never sent again here
    [(get, path, params), delete] = glance.sent
    assert (get, path) == ("GET", "/v2/images")
    assert dict(params, sort_key=None, sort_dir=None, limit=None) == dict(
        in_flight.leftover_filters(PROJECT, SERVER, "nightly"),
        sort_key=None, sort_dir=None, limit=None)
    assert delete == ("DELETE", "/v2/images/left-1", None)


def test_a_leftover_deleted_by_someone_else_meanwhile_is_gone_all_the_same():
    glance = Glance([image()], delete_fails=ks_exceptions.NotFound())
    raised, _sends = take(glance, nova_exceptions.ClientException(500))
    assert isinstance(raised, in_flight.LostRace)


@pytest.mark.parametrize("exc", [
    nova_exceptions.Conflict(409, "in task_state image_snapshot"),
    nova_exceptions.BadRequest(400), ks_exceptions.ConnectTimeout(),
    nova_exceptions.ClientException(502), nova_exceptions.ClientException(503),
    nova_exceptions.ClientException(504),
], ids=["409", "400", "timeout", "502", "503", "504"])
def test_other_failures_ask_glance_nothing(exc):
    glance = Glance([image()])
    raised, _sends = take(glance, exc)
    assert raised is exc
    assert glance.sent == []


@pytest.mark.parametrize("glance", [
    Glance([]), Glance([image("a"), image("b")]),
    Glance(listing_fails=ks_exceptions.ConnectFailure()),
    Glance([image()], delete_fails=ks_exceptions.Forbidden()),
], ids=["no leftover", "two candidates", "glance down", "delete refused"])
def test_without_a_leftover_surely_deleted_novas_500_is_raised_as_it_came(
        glance):
    error = nova_exceptions.ClientException(500)
    raised, _sends = take(glance, error)
    assert raised is error  # the backup may exist: "check the images"
    assert not failures.nothing_was_made(raised)
    assert [method for method, _path, _params in glance.sent].count(
        "DELETE") <= 1


def test_a_send_that_succeeds_costs_glance_nothing():
    glance = Glance([image()])
    assert lost_race.take(glance, PROJECT, SERVER, "nightly",
                          lambda: "made") == "made"
    assert glance.sent == []
