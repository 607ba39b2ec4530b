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

"""Nova calls for Quick Backup, Horizon style: plain functions, request first.

Horizon's own ``openstack_dashboard.api.nova`` builds clients without
extensions, and each of them first asks Keystone for version discovery and a
re-scoped token. Ours is built on the project-scoped token the user already
holds and the compute URL of the service catalog, with the microversion
pinned, so a Quick Backup costs exactly one HTTP request: the POST to Nova.

What this compute endpoint can do (its newest microversion, whether it
serves our API) is learned once and kept in Django's cache for a while.
"""

import hashlib
import logging

from django.core.cache import cache
from novaclient import api_versions
from novaclient import client as nova_client
from novaclient import extension

from horizon.utils import memoized
from openstack_dashboard.api import base

from backup_dashboard.api import paging
from backup_dashboard.api import sessions
from backup_dashboard import conf
from quick_backup_client import backup_paths
from quick_backup_client import failures
from quick_backup_client import lost_race
from quick_backup_client.novaclient_ext import quick_backup

LOG = logging.getLogger(__name__)

# Pinned: no version discovery (see the extension).
MICROVERSION = api_versions.APIVersion(quick_backup.MICROVERSION)
# From 2.98 a server embeds its image's properties (one GET tells whether a
# backup will be application-consistent).
IMAGE_PROPERTIES_MICROVERSION = api_versions.APIVersion("2.98")
# From 2.93 Nova rebuilds an instance booted from a volume.
REBUILD_VOLUME_BACKED_MICROVERSION = api_versions.APIVersion("2.93")
# How long what an endpoint can do is remembered.

QUICK_BACKUP_EXTENSION = extension.Extension(quick_backup.EXTENSION_NAME,
                                             quick_backup)


@memoized.memoized
def novaclient(request):
    """A novaclient with the Quick Backup extension, for the request's user."""
    return nova_client.Client(MICROVERSION,
                              session=sessions.session(request, "compute"),
                              extensions=[QUICK_BACKUP_EXTENSION])


def _supports(request, version):
    newest = max_version(request)
    return bool(newest) and api_versions.APIVersion(newest) >= version


def server_list(request, instance_ids=None):
    """The project's instances by id: a backup's instance is linked, and
    its task shown, without a call per row. One GET for a project of up to
    1,000 instances (Nova's largest page); beyond, the next 1,000 are read
    until every one of ``instance_ids`` (when given) is found.
    """
    def get(path, params):
        return novaclient(request).client.get(path, params=params)[1]
    return paging.collection(get, "/servers/detail", "servers",
                             wanted=instance_ids)


class RebuildUnsupported(failures.Unsupported):
    """This Nova cannot rebuild an instance booted from a volume."""


def server_rebuild(request, instance_id, image_id, volume_backed):
    """Rebuild the instance from the image (one POST)."""
    version = MICROVERSION
    if volume_backed:
        if not _supports(request, REBUILD_VOLUME_BACKED_MICROVERSION):
            raise RebuildUnsupported()
        version = REBUILD_VOLUME_BACKED_MICROVERSION
    client = nova_client.Client(version, session=sessions.session(
        request, "compute"))
    return client.servers.rebuild(instance_id, image_id)


def backups(request):
    """The extension's manager: every Quick Backup path, one request each."""
    return getattr(novaclient(request), quick_backup.EXTENSION_NAME)


def facts_key(compute_url):
    """The cache key of what is known of one compute endpoint."""
    return "backup_dashboard:compute:" + hashlib.sha256(
        compute_url.encode("utf-8")).hexdigest()


def _facts_key(request):
    return facts_key(base.url_for(request, "compute"))


def _facts_seconds():
    return conf.get("QUICK_BACKUP_DISCOVERY_SECONDS")


def compute_facts(request):
    """What is known of this compute endpoint: ``max_version`` and
    ``serves_backup_instance`` (either may be missing).
    """
    try:
        return dict(cache.get(_facts_key(request)) or {})
    except Exception:
        LOG.warning("Could not read what the compute endpoint can do",
                    exc_info=True)
        return {}


def remember(request, **facts):
    """Add to what is known of this compute endpoint; returns it all."""
    known = compute_facts(request)
    known.update(facts)
    try:
        cache.set(_facts_key(request), known, _facts_seconds())
    except Exception:
        LOG.warning("Could not remember what the compute endpoint can do",
                    exc_info=True)
    return known


def max_version(request):
    """This endpoint's newest microversion (one GET the first time), or None
    when Nova does not say.
    """
    known = compute_facts(request)
    if "max_version" not in known:
        try:
            current = novaclient(request).versions.get_current()
        except Exception:
            # Unknown for now (asked again next time): the 2.1 view.
            LOG.warning("Could not read the compute endpoint's versions",
                        exc_info=True)
            return None
        known = remember(request, max_version=getattr(
            current, "version", None) or None)
    return known["max_version"]


def serves_backup_instance(request, instance_id, relearn=False):
    """True where nova-api serves our API (one GET the first time; it never
    makes an image).
    """
    known = compute_facts(request)
    if relearn or "serves_backup_instance" not in known:
        known = remember(request, serves_backup_instance=backups(
            request).serves(instance_id))
    return known["serves_backup_instance"]


def server_get(request, instance_id):
    """The instance ``instance_id`` (one GET). Where Nova is 2.98 or newer
    its ``image`` carries the image's properties.
    """
    version = MICROVERSION
    if _supports(request, IMAGE_PROPERTIES_MICROVERSION):
        version = IMAGE_PROPERTIES_MICROVERSION
    return backups(request).get_server(instance_id, version.get_string())


def backup_setup():
    """The operator's choice of backup method (Horizon's settings)."""
    return backup_paths.Setup(
        method=conf.get("QUICK_BACKUP_METHOD"),
        backup_type=conf.get("QUICK_BACKUP_BACKUP_TYPE"),
        rotation=conf.get("QUICK_BACKUP_ROTATION"))


# What backup_instance returns: the image id and the path taken.
Made = backup_paths.Made


def backup_instance(request, instance_id, name, description="",
                    volume_backed=False, instance_name=None,
                    consistency=None):
    """Ask Nova for a Quick Backup of an instance (``backup_paths.take``,
    with what this endpoint serves remembered in Django's cache); returns a
    ``Made``. One request in steady state; after Nova's 500, two to Glance
    that delete the image it left queued (``lost_race``: then
    ``in_flight.LostRace``, nothing made).
    """
    return lost_race.take(
        sessions.adapter(request, "image"), request.user.project_id,
        instance_id, name, lambda: backup_paths.take(
            backups(request), backup_setup(), instance_id, name,
            description, volume_backed, instance_name,
            serves=lambda relearn: serves_backup_instance(
                request, instance_id, relearn),
            consistency=consistency))
