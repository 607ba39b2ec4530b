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
def _parsed(key):
    """The workflow's expression, parsed once (parsing is the slow part)."""
    pytest.importorskip("yaql")
    from yaql.language import factory
    return factory.YaqlFactory().create()(workflow.expression(
        "get_server", key).replace("task().result", "$.shown"))


@functools.lru_cache(maxsize=None)
def _context():
    import yaql
    return yaql.create_context()


def _yaql(key, shown):
    return _parsed(key).evaluate(data={"shown": shown},
                                 context=_context().create_child_context())


STATUSES = ("ACTIVE", "SHUTOFF", "PAUSED", "ERROR")
AGENTS = (None, "yes", "YES", "1", "no", "false", True)
REQUIRES = (None, "yes", "no")


def _cases():
    for status, agent, require, shape in itertools.product(
            STATUSES, AGENTS, REQUIRES, ("2.98", "older", "volume")):
        properties = {key: value for key, value in (
            ("hw_qemu_guest_agent", agent),
            ("os_require_quiesce", require)) if value is not None}
        yield server(status, properties if shape == "2.98" else None,
                     image=shape != "volume")


@pytest.mark.parametrize("shown", list(_cases()))
def test_the_workflows_yaql_labels_as_the_python_rule(shown):
    properties = rule.server_image_properties(shown)
    assert _yaql("consistency", shown) == rule.label(shown["status"],
                                                     properties)
    assert _yaql("enforced", shown) == rule.enforced(properties)
