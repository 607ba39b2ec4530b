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

"""The link from a backup to the plan that made it, read from the backup's
own image properties (no request).
"""

from django.urls import reverse
from django.utils.html import format_html

from backup_dashboard import urlnames
from quick_backup_server import protocol


def plan_link(backup):
    """The plan's name linked to its page; "-" for a backup of the button
    or the command line.
    """
    image = getattr(backup, "image", None) or {}
    plan_id = image.get(protocol.PLAN_PROPERTY)
    if not plan_id:
        return "-"
    name = image.get(protocol.PLAN_NAME_PROPERTY) or plan_id
    if not protocol.is_uuid(plan_id):
        return name
    return format_html('<a href="{}">{}</a>', reverse(
        urlnames.PLAN_DETAIL, args=[plan_id]), name)
