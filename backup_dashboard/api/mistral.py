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

"""Mistral for backup plans: a client on the user's own token, and whether
this cloud has Mistral at all (read from the catalog, never asked).
"""

import urllib.parse

from django.conf import settings
from mistralclient.api import client as mistral_client
import requests

from horizon.utils import memoized
from openstack_dashboard.api import base

from backup_dashboard import conf

SERVICE_TYPE = "workflowv2"
# Writing the plans' workflows (the first plan of a project, and its first
# after an upgrade: workflow.ensure) makes Mistral parse and check all
# three: 17 s measured on a busy two-core machine, more than the local
# cloud's time limit of 10 s for a call. That once-per-project write gets
# at least this many seconds.
WORKFLOWS_WRITE_TIMEOUT = 120


class _Session(requests.Session):
    """requests' session with a time limit on every call: a Mistral that
    does not answer is an error message, not a page that never loads.
    """

    def __init__(self, timeout):
        super().__init__()
        self.timeout = timeout

    def request(self, method, url, *args, **kwargs):
        kwargs.setdefault("timeout", self.timeout_for(method, url))
        return super().request(method, url, *args, **kwargs)

    def timeout_for(self, method, url):
        path = urllib.parse.urlsplit(url).path.rstrip("/")
        if method.upper() in ("POST", "PUT") and path.endswith(
                "/workflows"):
            return max(self.timeout or 0, WORKFLOWS_WRITE_TIMEOUT)
        return self.timeout


def is_available(request):
    """True where the catalog has Mistral (``workflowv2``) in this region."""
    try:
        return base.is_service_enabled(request, SERVICE_TYPE)
    except Exception:
        return False


@memoized.memoized
def client(request):
    """A python-mistralclient v2 client for the request's user and project
    (no Keystone round trip: the token and the catalog's URL). Not
    ``store.connect``, whose ``session`` is a keystoneauth one: this one is
    requests' own, for the time limit.
    """
    return mistral_client.client(
        mistral_url=base.url_for(request, SERVICE_TYPE),
        auth_token=request.user.token.id,
        project_id=request.user.project_id, user_id=request.user.id,
        insecure=getattr(settings, "OPENSTACK_SSL_NO_VERIFY", False),
        cacert=getattr(settings, "OPENSTACK_SSL_CACERT", None),
        session=_Session(conf.get("QUICK_BACKUP_API_TIMEOUT")))
