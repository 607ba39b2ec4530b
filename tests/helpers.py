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

"""A thin layer over Horizon's TestCase: every HTTP request is seen.

Horizon's TestCase fails a test that opens a real connection. On top of it,
a requests_mock Mocker answers (and counts) every HTTP request that leaves
the dashboard, Keystone included, so tests can assert how many were sent.
"""

import datetime
import uuid
from unittest import mock

import requests_mock
from django.core.cache import cache

from openstack_dashboard import api
from openstack_dashboard.api import base
from openstack_dashboard.test import helpers

from backup_dashboard.api import nova as nova_api
from backup_dashboard.panels.quick_backup import owners

IMAGE_ID = "b7e1e1f2-2222-4c1a-8f5e-3b9c1d2e4f55"


def nova_server(server, **info):
    """A copy of a Horizon test server with ``info`` changed and an id shaped
    like Nova's (Horizon's test data uses "1", "2"...)."""
    data = dict(server.to_dict(), **info)
    if "id" not in info:
        data["id"] = str(uuid.uuid5(uuid.NAMESPACE_URL, server.id))
    return type(server)(server.manager, data, loaded=True)


def minutes_ago(minutes):
    """Glance's ``created_at`` of an image asked for ``minutes`` ago."""
    then = datetime.datetime.now(datetime.timezone.utc) - \
        datetime.timedelta(minutes=minutes)
    return then.strftime("%Y-%m-%dT%H:%M:%SZ")


def signed_owner(test, submission_id, server=None):
    """The owner field the Quick Backup form's GET signs for ``test``'s
    user and ``server`` (``test.server``): with it a POST reads nothing."""
    request = mock.Mock(user=mock.Mock(id=test.user.id,
                                       project_id=test.tenant.id))
    return owners.sign(request, server or test.server, submission_id)


# Horizon's calls for the Instances page, to mock with create_mocks.
INSTANCES_PAGE_MOCKS = {
    api.nova: ("flavor_list", "server_list_paged",
               "tenant_absolute_limits", "is_feature_available"),
    api.glance: ("image_list_detailed",),
    api.neutron: ("floating_ip_simple_associate_supported",
                  "floating_ip_supported"),
    api.network: ("servers_update_addresses",),
    api.cinder: ("volume_list",),
}


def answer_instances_page(test, servers):
    """Answer Horizon's INSTANCES_PAGE_MOCKS with ``servers``."""
    test.mock_is_feature_available.return_value = True
    test.mock_flavor_list.return_value = test.flavors.list()
    test.mock_image_list_detailed.return_value = (test.images.list(),
                                                  False, False)
    test.mock_server_list_paged.return_value = [servers, False, False]
    test.mock_servers_update_addresses.return_value = None
    test.mock_tenant_absolute_limits.return_value = \
        test.limits["absolute"]
    test.mock_floating_ip_supported.return_value = True
    test.mock_floating_ip_simple_associate_supported.return_value = True


# Horizon's calls for an instance's page, to mock with create_mocks.
INSTANCE_PAGE_MOCKS = {
    api.nova: ("server_get", "instance_volumes_list", "flavor_get",
               "is_feature_available"),
    api.neutron: ("server_security_groups",
                  "floating_ip_simple_associate_supported",
                  "floating_ip_supported", "is_extension_supported"),
    api.network: ("servers_update_addresses",),
}


def answer_instance_page(test):
    """Answer Horizon's INSTANCE_PAGE_MOCKS for ``test.server``."""
    test.mock_server_get.return_value = test.server
    test.mock_servers_update_addresses.return_value = None
    test.mock_instance_volumes_list.return_value = []
    test.mock_flavor_get.return_value = test.flavors.first()
    test.mock_server_security_groups.return_value = []
    test.mock_floating_ip_simple_associate_supported.return_value = True
    test.mock_floating_ip_supported.return_value = True
    test.mock_is_feature_available.return_value = True
    test.mock_is_extension_supported.return_value = False


class HttpMockMixin(object):

    def setUp(self):
        super().setUp()
        self.http = requests_mock.Mocker()
        self.http.start()
        self.addCleanup(self.http.stop)
        self.nova_url = self.catalog_url("compute")
        self.cinder_url = self.catalog_url("volumev3")
        self.glance_url = self.catalog_url("image")
        self.server = nova_server(self.servers.first())
        # Steady state: what the compute endpoint can do is known (a Nova
        # with our filter and microversions up to 2.100).
        cache.clear()
        self.learned(serves_backup_instance=True, max_version="2.100")

    def catalog_url(self, service_type):
        service = base.get_service_from_catalog(self.service_catalog,
                                                service_type)
        return base.get_url_for_service(service, "RegionOne", "publicURL")

    def learned(self, **facts):
        """What the dashboard knows of the compute endpoint, from now on."""
        key = nova_api.facts_key(self.nova_url)
        cache.set(key, dict(cache.get(key) or {}, **facts))

    def server_url(self, server_id=None):
        return "%s/servers/%s" % (self.nova_url, server_id or self.server.id)

    def mock_server_get(self, server=None, **kwargs):
        server = server or self.server
        kwargs.setdefault("json", {"server": server.to_dict()})
        return self.http.get(self.server_url(server.id), **kwargs)

    def posts(self):
        """How many POSTs left the dashboard (each may make an image)."""
        return sum(r.method == "POST" for r in self.http.request_history)

    def mock_probe(self, served, server_id=None):
        """Nova's answer to "is backup_instance served here?"."""
        if served:
            return self.http.get(
                self.server_url(server_id) + "/backup_instance",
                json={"backup_instance": {"methods": ["POST"]}})
        return self.http.get(self.server_url(server_id) + "/backup_instance",
                             status_code=404, json={"itemNotFound": {
                                 "code": 404, "message": "The resource "
                                 "could not be found."}})

    def mock_action(self, server_id=None, **kwargs):
        """Nova's createImage/createBackup (2.45 and later)."""
        if not kwargs.keys() & {"exc", "json", "text", "content", "body"}:
            kwargs["json"] = {"image_id": IMAGE_ID}
        kwargs.setdefault("status_code", 202)
        return self.http.post(self.server_url(server_id) + "/action",
                              **kwargs)

    def mock_backup(self, server_id=None, **kwargs):
        if not kwargs.keys() & {"exc", "json", "text", "content", "body"}:
            kwargs["json"] = {"id": IMAGE_ID}
        return self.http.post(self.server_url(server_id) + "/backup_instance",
                              **kwargs)


class QuickBackupTestCase(HttpMockMixin, helpers.TestCase):
    """For views, through Django's test client."""


class QuickBackupAPITestCase(HttpMockMixin, helpers.APITestCase):
    """For the API module, called with ``self.request``."""
