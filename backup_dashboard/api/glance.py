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

"""Calls to Glance for Quick Backup, on the user's token: the queries of
``quick_backup_client.backup_images``, which the ``openstack`` command
shares."""

from backup_dashboard.api import sessions
from quick_backup_client import backup_actions
from quick_backup_client import backup_images


def _glance(request):
    return sessions.adapter(request, "image")


def images(request, filters):
    """Every image whose properties match ``filters``, newest first (one GET
    per thousand).
    """
    return backup_images.images(_glance(request), filters)


def backups_page(request, filters=None, marker=None, limit=20,
                 backward=False):
    """One page of the project's Quick Backups, newest first (one GET; see
    ``backup_images.backups_page``). Returns ``(images, more)``.
    """
    return backup_images.backups_page(
        _glance(request), request.user.project_id, filters, marker, limit,
        backward)


def image_get(request, image_id):
    """One image (one GET)."""
    return backup_images.image_get(_glance(request), image_id)


def backup_delete(request, image):
    """Delete a backup's image (one DELETE), never a protected one
    (``backup_actions.Protected``); False when it was gone already.
    """
    return backup_actions.delete_image(_glance(request), image)


def image_set_protected(request, image_id, protected):
    """Protect or unprotect one image (one PATCH)."""
    return backup_actions.set_protected(_glance(request), image_id,
                                        protected)


def still_pointed_to(request, snapshot_ids):
    """Those of ``snapshot_ids`` another image of the project points to
    (one GET per thousand volume-backed images).
    """
    return backup_actions.still_pointed_to(
        _glance(request), request.user.project_id, snapshot_ids)
