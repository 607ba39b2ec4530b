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

"""Links to what a Quick Backup made; None for a value that is not an image
id (no link rather than a 500). And the way to the login page when Nova
says the user's token has expired."""

import sys
from urllib import parse

from django.urls import reverse

from horizon import exceptions
from openstack_dashboard.utils import settings as setting_utils

from backup_dashboard import urlnames
from quick_backup_server import protocol


def backup_detail_url(image_id):
    """The Backups panel's page for a backup."""
    if not protocol.is_uuid(image_id):
        return None
    return reverse(urlnames.BACKUP_DETAIL, args=[image_id])


def image_detail_url(image_id):
    """The Images panel's page for an image, Angular or Django flavoured."""
    if not protocol.is_uuid(image_id):
        return None
    quoted = parse.quote(image_id, safe="")
    if setting_utils.get_dict_config("ANGULAR_FEATURES", "images_panel"):
        return reverse("ngdetails") + "OS::Glance::Image/" + quoted
    return reverse("horizon:project:images:images:detail", args=[quoted])


def login_expired(request, message):
    """Show ``message`` and raise Horizon's NotAuthorized, marked as
    handled: Horizon's form and workflow views handle what a handler raises
    once more, and would add an empty "Unauthorized:" message.
    """
    try:
        exceptions.handle(request, message, details="")
    except exceptions.NotAuthorized:
        raise exceptions.HandledException(sys.exc_info())
