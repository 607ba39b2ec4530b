"""Calls to Nova for Quick Backup, Horizon style: plain functions, request first.

Horizon's own ``openstack_dashboard.api.nova`` builds clients without
extensions, and each of them first asks Keystone for version discovery and a
re-scoped token. Ours is built on the project-scoped token the user already
holds and the compute URL of the service catalog, with the microversion
pinned, so a Quick Backup costs exactly one HTTP request: the POST to Nova.
"""

from urllib import parse

from django.conf import settings
from keystoneauth1 import session
from keystoneauth1 import token_endpoint
from novaclient import api_versions
from novaclient import client as nova_client
from novaclient import extension

from horizon.utils import memoized
from openstack_dashboard.api import base

from backup_dashboard.novaclient_ext import quick_backup

# Quick Backup has no microversions of its own, and server_get needs nothing
# newer; pinning skips the version discovery a "latest" client would do.
MICROVERSION = api_versions.APIVersion("2.1")

# Seconds to wait for Nova. createImage answers once the snapshot is queued,
# but a volume-backed instance waits for its volume snapshots first.
DEFAULT_TIMEOUT = 60

QUICK_BACKUP_EXTENSION = extension.Extension(quick_backup.EXTENSION_NAME,
                                             quick_backup)


def _verify():
    """The ``verify`` argument for requests, from Horizon's SSL settings."""
    if getattr(settings, "OPENSTACK_SSL_NO_VERIFY", False):
        return False
    return getattr(settings, "OPENSTACK_SSL_CACERT", None) or True


@memoized.memoized
def novaclient(request):
    """A novaclient with the Quick Backup extension, for this request's user."""
    auth = token_endpoint.Token(base.url_for(request, "compute"),
                                request.user.token.id)
    timeout = getattr(settings, "QUICK_BACKUP_API_TIMEOUT", DEFAULT_TIMEOUT)
    keystone_session = session.Session(auth=auth, verify=_verify(),
                                       timeout=timeout,
                                       app_name="backup_dashboard")
    return nova_client.Client(MICROVERSION, session=keystone_session,
                              extensions=[QUICK_BACKUP_EXTENSION])


def server_get(request, instance_id):
    """The instance ``instance_id``, as novaclient returns it (one GET)."""
    # novaclient puts the id into the path as it is: quote it.
    return novaclient(request).servers.get(parse.quote(instance_id, safe=""))


def backup_instance(request, instance_id, name, description=None):
    """Ask Nova for a Quick Backup of an instance; return the image id.

    Never retried: a second POST could make a second backup.
    """
    return getattr(novaclient(request), quick_backup.EXTENSION_NAME).create(
        instance_id, name, description)
