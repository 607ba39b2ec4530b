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

"""keystoneauth sessions on the user's own token, one per service and request.

Built from the token the user already holds and the service's URL in the
catalog: no Keystone round trip, no version discovery.
"""

from django.conf import settings
from keystoneauth1 import adapter as ks_adapter
from keystoneauth1 import session as ks_session
from keystoneauth1 import token_endpoint

from horizon.utils import memoized
from openstack_dashboard.api import base

from backup_dashboard import conf


def _verify():
    """The ``verify`` argument for requests, from Horizon's SSL settings."""
    if getattr(settings, "OPENSTACK_SSL_NO_VERIFY", False):
        return False
    return getattr(settings, "OPENSTACK_SSL_CACERT", None) or True


@memoized.memoized
def session(request, service_type):
    """A session whose requests go to ``service_type``'s catalog URL."""
    auth = token_endpoint.Token(base.url_for(request, service_type),
                                request.user.token.id)
    return ks_session.Session(
        auth=auth, verify=_verify(), app_name="backup_dashboard",
        timeout=conf.get("QUICK_BACKUP_API_TIMEOUT"))


def adapter(request, service_type):
    """The same, for plain calls: paths are relative to the service's URL."""
    return ks_adapter.Adapter(session(request, service_type),
                              service_type=service_type)
