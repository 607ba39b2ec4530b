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

"""backup_dashboard.api.nova: the client it builds and the calls it makes."""

from unittest import mock

from django.test.utils import override_settings
from keystoneauth1 import token_endpoint

from backup_dashboard.api import nova as nova_api
from quick_backup_client.novaclient_ext import quick_backup
from tests import helpers


class NovaClientTests(helpers.QuickBackupAPITestCase):

    def test_client_uses_the_users_token_and_catalog_endpoint(self):
        client = nova_api.novaclient(self.request)

        auth = client.client.session.auth
        self.assertIsInstance(auth, token_endpoint.Token)
        self.assertEqual(self.token.id, auth.token)
        self.assertEqual(self.nova_url, auth.endpoint)
        self.assertEqual("2.1", client.api_version.get_string())

    def test_client_has_the_quick_backup_extension(self):
        client = nova_api.novaclient(self.request)

        self.assertIsInstance(getattr(client, quick_backup.EXTENSION_NAME),
                              quick_backup.QuickBackupManager)

    def test_client_is_built_once_per_request(self):
        self.assertIs(nova_api.novaclient(self.request),
                      nova_api.novaclient(self.request))

    @override_settings(OPENSTACK_SSL_NO_VERIFY=True,
                       OPENSTACK_SSL_CACERT="/etc/ssl/ca.pem")
    def test_ssl_no_verify(self):
        client = nova_api.novaclient(self.request)
        self.assertFalse(client.client.session.verify)

    @override_settings(OPENSTACK_SSL_NO_VERIFY=False,
                       OPENSTACK_SSL_CACERT="/etc/ssl/ca.pem")
    def test_ssl_cacert(self):
        client = nova_api.novaclient(self.request)
        self.assertEqual("/etc/ssl/ca.pem", client.client.session.verify)

    @override_settings(OPENSTACK_SSL_NO_VERIFY=False,
                       OPENSTACK_SSL_CACERT=None)
    def test_ssl_verify_by_default(self):
        client = nova_api.novaclient(self.request)
        self.assertIs(True, client.client.session.verify)

    @override_settings(QUICK_BACKUP_API_TIMEOUT=7)
    def test_timeout_setting(self):
        client = nova_api.novaclient(self.request)
        self.assertEqual(7, client.client.session.timeout)


class BackupInstanceTests(helpers.QuickBackupAPITestCase):

    def test_backup_instance_is_one_post_to_nova(self):
        self.mock_backup()

        made = nova_api.backup_instance(self.request, self.server.id,
                                        "nightly", "before upgrade")

        self.assertEqual(nova_api.Made(helpers.IMAGE_ID, "backup_instance"),
                         made)
        self.assertEqual(1, self.http.call_count)  # Keystone included
        sent = self.http.last_request
        self.assertEqual("POST", sent.method)
        self.assertEqual(self.server_url() + "/backup_instance", sent.url)
        self.assertEqual({"name": "nightly", "description": "before upgrade"},
                         sent.json())
        self.assertEqual(self.token.id, sent.headers["X-Auth-Token"])

    def test_backup_instance_passes_arguments_to_the_extension(self):
        with mock.patch.object(quick_backup.QuickBackupManager,
                               "create", return_value="img") as create:
            result = nova_api.backup_instance(self.request, "server-id",
                                              "name", "description",
                                              consistency="crash")
        self.assertEqual("img", result.image_id)
        create.assert_called_once_with("server-id", "name", "description",
                                       consistency="crash")

    def test_server_get_quotes_the_id_into_the_path(self):
        self.http.get(self.nova_url + "/servers/a%2Fb%3Fc%20d",
                      json={"server": self.server.to_dict()})
        nova_api.server_get(self.request, "a/b?c d")
        self.assertEqual(1, self.http.call_count)

    def test_server_get_is_one_get(self):
        self.mock_server_get()

        server = nova_api.server_get(self.request, self.server.id)

        self.assertEqual(self.server.name, server.name)
        self.assertEqual(1, self.http.call_count)
