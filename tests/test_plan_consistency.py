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

"""The consistency rule: its cases, and the plan workflow's YAQL twin
giving the same label on the same servers."""

import collections.abc  # noqa: yaql 3.2 uses collections.abc unimported
import functools
import itertools

import pytest

from quick_backup_client import consistency
from quick_backup_client.plans import workflow
from quick_backup_server import consistency as rule

IMAGE = {"id": "cirros", "links": []}


def server(status="ACTIVE", properties=None, image=True):
    """Nova's JSON of a server (``properties`` None: below 2.98)."""
    shown = dict(IMAGE) if image else ""
    if image and properties is not None:
        shown["properties"] = properties
    return {"id": "s1", "status": status, "image": shown}


@pytest.mark.parametrize("shown, label", [
    (server(properties={"hw_qemu_guest_agent": "yes"}), "application"),
    (server(properties={"hw_qemu_guest_agent": "True"}), "application"),
    (server(properties={"hw_qemu_guest_agent": "no"}), "crash"),
    (server(properties={}), "crash"),
    # A paused instance's agent cannot answer: Nova freezes nothing.
    (server("PAUSED", {"hw_qemu_guest_agent": "yes"}), "crash"),
    (server("SHUTOFF", {"hw_qemu_guest_agent": "yes"}), "shutoff"),
    (server("SHUTOFF"), "shutoff"),
    (server(), "unknown"),
    (server(image=False), "unknown"),
])
def test_the_rule_labels_what_nova_will_do(shown, label):
    assert rule.label(shown["status"],
                      rule.server_image_properties(shown)) == label


def test_nova_enforces_only_with_os_require_quiesce_as_well():
    assert rule.enforced({"hw_qemu_guest_agent": "yes",
                          "os_require_quiesce": "yes"})
    assert not rule.enforced({"hw_qemu_guest_agent": "yes"})
    assert not rule.enforced({"os_require_quiesce": "yes"})
    assert not rule.enforced(None)


class Server(object):
    def __init__(self, **info):
        self.__dict__.update(info)


def test_a_volume_backed_instance_is_read_from_its_boot_volume():
    volume_backed = Server(status="ACTIVE", image="")
    boot = {"bootable": "true", "volume_image_metadata": {
        "hw_qemu_guest_agent": "yes"}}
    data = {"bootable": "false"}
    assert consistency.expected(volume_backed, [boot, data]) == "application"
    # Without its volumes read: unknown, never a guess.
    assert consistency.expected(volume_backed) == "unknown"


def test_an_old_backup_without_the_property_is_unknown():
    assert consistency.of_image({"id": "i"}) == "unknown"
    assert consistency.of_image({"quick_backup_consistency": "odd"}) == \
        "unknown"
    assert consistency.of_image({"quick_backup_consistency": "crash"}) == \
        "crash"


@functools.lru_cache(maxsize=None)
def _parsed(task, key):
    """The workflow's expression, parsed once (parsing is the slow part)."""
    pytest.importorskip("yaql")
    from yaql.language import factory
    return factory.YaqlFactory().create()(workflow.expression(
        task, key).replace("task().result", "$.shown"))


@functools.lru_cache(maxsize=None)
def _context():
    import yaql
    return yaql.create_context()


def _yaql(task, key, data):
    return _parsed(task, key).evaluate(
        data=data, context=_context().create_child_context())


def _run_label(shown, base=None):
    """What the workflow labels ``shown``: get_server's facts, then (where
    it routes there) the base image read in Glance (``base``: its
    properties; None: the GET failed), then the label task's.
    """
    facts = {key: _yaql("get_server", key, {"shown": shown})
             for key in ("status", "embedded", "base_image")}
    facts.update(task_state=None, base_read=False, base_properties=None)
    if _yaql("get_server", "- get_base_image", facts):
        facts.update(base_read=True, base_properties=base)
    else:
        assert _yaql("get_server", "- label", facts)
    return (_yaql("label", "consistency", facts),
            _yaql("label", "enforced", facts))


STATUSES = ("ACTIVE", "SHUTOFF", "PAUSED", "ERROR")
AGENTS = (None, "yes", "YES", "1", "no", "false", True)
REQUIRES = (None, "yes", "no")
SHAPES = ("2.98", "older, base image read", "older, read failed", "volume")


def _cases():
    for status, agent, require, shape in itertools.product(
            STATUSES, AGENTS, REQUIRES, SHAPES):
        properties = {key: value for key, value in (
            ("hw_qemu_guest_agent", agent),
            ("os_require_quiesce", require)) if value is not None}
        shown = server(status, properties if shape == "2.98" else None,
                       image=shape != "volume")
        base = dict(properties, id="cirros", status="active") \
            if shape == "older, base image read" else None
        yield shown, base


@pytest.mark.parametrize("shown, base", list(_cases()))
def test_the_workflows_yaql_labels_as_the_python_rule(shown, base):
    # The Python rule, given the properties Nova acts on: embedded, else
    # the base image's (where the instance is not shut off, so read).
    properties = rule.server_image_properties(shown)
    if properties is None and isinstance(shown["image"], dict) and \
            shown["status"] != "SHUTOFF":
        properties = base
    assert _run_label(shown, base) == (
        rule.label(shown["status"], properties), rule.enforced(properties))


def test_the_base_image_is_read_once_a_run_and_never_for_a_shut_off_one():
    facts = {"task_state": None, "embedded": None, "base_image": "cirros",
             "status": "ACTIVE", "base_read": False}
    assert _yaql("get_server", "- get_base_image", facts) is True
    # After a wait for a busy instance, get_server runs again: not again.
    assert _yaql("get_server", "- get_base_image",
                 dict(facts, base_read=True)) is False
    assert _yaql("get_server", "- get_base_image",
                 dict(facts, status="SHUTOFF")) is False
    assert _yaql("get_server", "- get_base_image",
                 dict(facts, embedded={})) is False
    assert _yaql("get_server", "- get_base_image",
                 dict(facts, base_image=None)) is False
