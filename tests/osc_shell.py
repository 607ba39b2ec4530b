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

"""OpenStackClient's own shell with Keystone, Nova and Glance answered (and
counted) by requests_mock, for the `openstack server quick-backup` tests.

Each test logs in anew: OSC would keep the plugin's client (its session
and catalogue) from one test to the next.

Hack: Horizon's test data (loaded by the dashboard's TestCases in the same
pytest process) replaces ``__init__`` and ``__str__`` of keystoneauth's and
novaclient's exception classes for good. The command runs in a process of
its own, with the real ones: the ``http`` fixture puts back the classes as
they were when this module was imported (at collection, before any test).
"""

import logging
import os

import pytest
import requests_mock
from keystoneauth1 import exceptions as ks_exceptions
from keystoneauth1 import fixture as ks_fixture
from novaclient import exceptions as nova_exceptions
from openstackclient import shell
from osc_lib import clientmanager

from quick_backup_client.osc import waiting

AUTH_URL = "http://keystone.example.com/v3"
NOVA_URL = "http://nova.example.com/v2.1"
GLANCE_URL = "http://glance.example.com"
MISTRAL_URL = "http://mistral.example.com/v2"
CINDER_URL = "http://cinder.example.com/v3/5b8e4c3a9d2f4e1b8a7c6d5e4f3a2b1c"
PROJECT_ID = "5b8e4c3a9d2f4e1b8a7c6d5e4f3a2b1c"
SERVER_ID = "6ae1f1c4-1111-4a3f-9d6e-0c2f6b1d2a11"
IMAGE_ID = "b7e1e1f2-2222-4c1a-8f5e-3b9c1d2e4f55"
SERVER_URL = "%s/servers/%s" % (NOVA_URL, SERVER_ID)
IMAGE_URL = "%s/v2/images/%s" % (GLANCE_URL, IMAGE_ID)
# The base image of ``server()`` (image-backed); a Nova before 2.98 embeds
# none of its properties, so the command reads them in Glance: by default
# the image is gone (404), and the label unknown.
BASE_IMAGE_ID = "cirros"
BASE_IMAGE_URL = "%s/v2/images/%s" % (GLANCE_URL, BASE_IMAGE_ID)
VOLUMES = [{"id": "0c1d2e3f-4444-4a5b-8c6d-7e8f9a0b1c2d"},
           {"id": "1d2e3f4a-5555-4b6c-9d7e-8f9a0b1c2d3e"}]


PATCHED = ("__init__", "__str__", "silence_logging")
PRISTINE = {cls: {name: cls.__dict__.get(name) for name in PATCHED}
            for module in (ks_exceptions, nova_exceptions)
            for cls in vars(module).values()
            if isinstance(cls, type) and issubclass(cls, Exception)}


def _restore_exception_classes(monkeypatch):
    for cls, attributes in PRISTINE.items():
        for name, value in attributes.items():
            if value is not None:
                monkeypatch.setattr(cls, name, value)
            elif name in cls.__dict__:
                monkeypatch.delattr(cls, name)


def server(volume_backed=False, name="web-1"):
    return {"id": SERVER_ID, "name": name, "status": "ACTIVE",
            "image": "" if volume_backed else {"id": BASE_IMAGE_ID},
            "os-extended-volumes:volumes_attached":
                VOLUMES if volume_backed else []}


def nova_error(status, message):
    key = {403: "forbidden", 404: "itemNotFound", 409: "conflictingRequest",
           500: "computeFault"}[status]
    return {"status_code": status,
            "json": {key: {"code": status, "message": message}}}


@pytest.fixture
def http(monkeypatch):
    yield from _mocked(monkeypatch, (("compute", NOVA_URL),
                                     ("image", GLANCE_URL)))


@pytest.fixture
def http_with_mistral(monkeypatch):
    """As ``http``, with Mistral (``workflowv2``) in the catalogue."""
    yield from _mocked(monkeypatch, (("compute", NOVA_URL),
                                     ("image", GLANCE_URL),
                                     ("workflowv2", MISTRAL_URL)))


@pytest.fixture
def http_with_cinder(monkeypatch):
    """As ``http``, with Cinder (``volumev3``) in the catalogue."""
    yield from _mocked(monkeypatch, (("compute", NOVA_URL),
                                     ("image", GLANCE_URL),
                                     ("volumev3", CINDER_URL)))


def _mocked(monkeypatch, services):
    _restore_exception_classes(monkeypatch)
    # OSC keeps a plugin's client for the whole process (in a descriptor on
    # its ClientManager class): each test starts with a client, and so a
    # session and a catalogue, of its own.
    cache = vars(clientmanager.ClientManager).get("quick_backup")
    if cache is not None:
        monkeypatch.setattr(cache, "_handle", None)
    for name in list(os.environ):
        if name.startswith("OS_") or name.startswith("LC_") or \
                name in ("LANG", "LANGUAGE", "TZ"):
            monkeypatch.delenv(name)
    for name, value in {"OS_AUTH_URL": AUTH_URL, "OS_USERNAME": "demo",
                        "OS_PASSWORD": "secret", "OS_PROJECT_NAME": "demo",
                        "OS_USER_DOMAIN_NAME": "Default",
                        "OS_PROJECT_DOMAIN_NAME": "Default",
                        "OS_REGION_NAME": "RegionOne",
                        "OS_IDENTITY_API_VERSION": "3"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(waiting, "POLL_SECONDS", 0)
    with requests_mock.Mocker() as mocker:
        token = ks_fixture.V3Token(project_id=PROJECT_ID, project_name="demo",
                                   user_name="demo")
        for service_type, url in services:
            token.add_service(service_type).add_standard_endpoints(
                public=url, region="RegionOne")
        mocker.get(AUTH_URL, json=ks_fixture.V3Discovery(AUTH_URL))
        mocker.post(AUTH_URL + "/auth/tokens", json=token,
                    headers={"X-Subject-Token": "user-token"})
        mocker.get(BASE_IMAGE_URL, status_code=404)
        yield mocker


def openstack(capsys, *argv):
    """Run `openstack ARGV`; returns (exit code, stdout, stderr)."""
    # The shell logs to the stderr of its run: its handler must not outlive
    # the run (nor write to the next test's closed capture).
    handlers = logging.root.handlers[:]
    try:
        code = shell.main(list(argv))
    finally:
        logging.root.handlers[:] = handlers
    out, err = capsys.readouterr()
    return code, out, err


def sent(http, host):
    """The requests that went to ``host``, as "METHOD path?query"."""
    return ["%s %s" % (r.method, r.path_url) for r in http.request_history
            if r.hostname == host]
