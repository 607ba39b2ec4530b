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

"""The plan form's "Also copy each backup to": the stores a plan may copy
its backups to, offered only on a multi-store Glance whose policy (as
Horizon knows it) lets this user copy images, as the Backups panel's Copy
to Store. One request, on the form only: Glance's list of stores.
"""

from django import forms as django_forms
from django.utils.translation import gettext_lazy as _

from horizon import forms
from openstack_dashboard import policy

from backup_dashboard.api import glance_copies
from backup_dashboard import policies

NO_COPY = _("No copy")
HELP = _("Each new backup is also copied to this image store once it is "
         "stored. A volume-backed instance's backup is not copied: its "
         "data are volume snapshots in the Block Storage service. A copy "
         "that fails makes the run fail, and the backup is kept.")


def targets(request):
    """The stores other than Glance's default (where backups are made) the
    user may copy to: [] where the policy does not allow copying, on a
    single-store Glance, or when the stores cannot be listed.
    """
    own = policies.image_target({"owner": request.user.project_id})
    if not policy.check((policies.COPY_IMAGE,), request, own):
        return []
    try:
        stores = glance_copies.available_stores(request)
    except Exception:  # noqa: a single-store Glance answers with an error
        return []
    if len(stores) < 2:
        return []
    return [store for store in stores if not store["default"]]


def field(stores, current=None):
    """The form field offering ``stores`` (``targets``) and the plan's
    ``current`` store (kept on an edit even where it is not offered any
    more), or None when there is nothing to offer.
    """
    choices = [(store["id"], store["id"] if store["description"] ==
                store["id"] else "%s (%s)" % (store["description"],
                                              store["id"]))
               for store in stores]
    if current and current not in {store["id"] for store in stores}:
        choices.append((current, current))
    if not choices:
        return None
    return forms.ChoiceField(
        label=_("Also copy each backup to"), required=False,
        choices=[("", NO_COPY)] + choices, help_text=HELP,
        widget=django_forms.Select())
