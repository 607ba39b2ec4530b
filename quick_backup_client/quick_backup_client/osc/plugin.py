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

"""The OpenStackClient plugin module (``openstack.cli.extension``).

OSC builds ``client_manager.quick_backup`` with ``make_client`` on its own
keystoneauth session (its auth options, environment, region, interface and
timeout), and loads the commands of ``openstack.quick_backup.v1``.
"""

import logging

from keystoneauth1 import adapter
from keystoneauth1 import exceptions as ks_exceptions
from novaclient import api_versions
from novaclient import client as nova_client
from novaclient import extension
from osc_lib import utils

from quick_backup_client import backup_actions
from quick_backup_client.novaclient_ext import quick_backup
from quick_backup_client.osc.i18n import _
from quick_backup_client.plans import store
from quick_backup_client import verify

LOG = logging.getLogger(__name__)

API_NAME = "quick_backup"
API_VERSION_OPTION = "os_quick_backup_api_version"
DEFAULT_API_VERSION = "1"
API_VERSIONS = ("1",)


class NoMistral(Exception):
    """The catalogue has no Mistral (``workflowv2``) for this region and
    interface: this cloud has no backup plans.
    """


class Clients(object):
    """What the commands call: Nova (novaclient with the Quick Backup
    extension, pinned like the dashboard's), Glance, and Mistral for the
    plans (made on first use).
    """

    def __init__(self, instance):
        self.session = instance.session
        self._where = {"interface": instance.interface,
                       "region_name": instance.region_name}
        self._mistral = None
        self.nova = nova_client.Client(
            api_versions.APIVersion(quick_backup.MICROVERSION),
            session=instance.session, region_name=instance.region_name,
            endpoint_type=instance.interface,
            extensions=[extension.Extension(quick_backup.EXTENSION_NAME,
                                            quick_backup)])
        self.glance = adapter.Adapter(
            instance.session, service_type="image",
            interface=instance.interface, region_name=instance.region_name)

    @property
    def cinder(self):
        """Cinder's v3 API, for the volume snapshots of a volume-backed
        backup (made on first use, no request of its own).
        """
        return adapter.Adapter(
            self.session, service_type=backup_actions.CINDER_SERVICE_TYPE,
            **self._where)

    @property
    def backups(self):
        """The extension's manager: every Quick Backup path."""
        return getattr(self.nova, quick_backup.EXTENSION_NAME)

    @property
    def services(self):
        """Nova, Glance and Cinder as plain adapters, for the test restore
        (``quick_backup_client.verify``).
        """
        def on(service_type):
            return adapter.Adapter(self.session, service_type=service_type,
                                   **self._where)
        return verify.Services(on("compute"), self.glance, on("volumev3"))

    @property
    def project_id(self):
        return self.session.get_project_id()

    @property
    def mistral(self):
        """python-mistralclient on the same session, at the catalogue's
        ``workflowv2`` endpoint (no request of its own), or ``NoMistral``.
        """
        if self._mistral is None:
            try:
                url = self.session.get_endpoint(
                    service_type=store.SERVICE_TYPE, **self._where)
            except ks_exceptions.EndpointNotFound:
                url = None
            if not url:
                raise NoMistral()
            self._mistral = store.connect(session=self.session,
                                          mistral_url=url.rstrip("/"))
        return self._mistral


def make_client(instance):
    """The plugin's client, built when a command first asks for it."""
    LOG.debug("Quick Backup clients in region %s, interface %s",
              instance.region_name, instance.interface)
    return Clients(instance)


def build_option_parser(parser):
    """OSC's usual version option for a plugin."""
    parser.add_argument(
        "--os-quick-backup-api-version", metavar="<quick-backup-api-version>",
        default=utils.env("OS_QUICK_BACKUP_API_VERSION"),
        help=_("Quick Backup API version, default=%s "
               "(Env: OS_QUICK_BACKUP_API_VERSION)") % DEFAULT_API_VERSION)
    return parser
