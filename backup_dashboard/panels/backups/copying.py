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

"""Copies in Glance's other stores on the Backups table: the Stores column
(with the progress of a copy) and the Copy to Store and Remove Copy row
actions. All from the image the page's one Glance listing returned: a
single-store Glance lists no ``stores``, and then none of this shows.
"""

from django.utils.translation import gettext_lazy as _

from horizon import tables
from openstack_dashboard import policy

from backup_dashboard.panels import columns
from backup_dashboard import policies
from backup_dashboard import urlnames
from quick_backup_client import copies

# The Stores column's state: a copying row is not final, so Horizon's row
# update follows it until the copy is in place (or failed).
COPYING, SETTLED = "copying", "settled"
STATE_CHOICES = ((COPYING, None), (SETTLED, True))
VOLUME_BACKED_HELP = _("This backup's data are volume snapshots in the "
                       "Block Storage service: copying its image to another "
                       "store would move nothing, so it cannot be copied "
                       "this way.")


def _image(backup):
    return getattr(backup, "image", None) or {}


def copy_state(backup):
    return COPYING if copies.is_copying(_image(backup)) else SETTLED


def stores_text(backup):
    """Where the backup is, and what Glance is copying or failed to copy."""
    image = _image(backup)
    if not copies.is_multi_store(image):
        return "-"
    parts = [", ".join(copies.stores(image)) or "-"]
    if copies.is_copying(image):
        going = copies.importing(image)
        parts.append(_("Copying to %s") % ", ".join(going) if going
                     else _("Copy starting"))
    elif copies.failed(image):
        parts.append(_("Copy to %s failed") % ", ".join(
            copies.failed(image)))
    return "; ".join(str(part) for part in parts)


class StoresColumn(columns.Column):
    """Its raw data is the copy's state (what the row update follows), its
    cell where the backup is; hidden when no row comes from a multi-store
    Glance.
    """

    def __init__(self, **kwargs):
        super().__init__(copy_state, verbose_name=_("Stores"), status=True,
                         status_choices=STATE_CHOICES, **kwargs)

    def get_data(self, datum):
        return stores_text(datum)

    def get_default_classes(self):
        classes = list(super().get_default_classes())
        data = getattr(self.table, "data", None) or ()
        if not any(copies.is_multi_store(_image(row)) for row in data):
            classes.append("hide")
        return classes


def _target(request, datum=None):
    return policies.image_target(_image(datum))


class CopyBackup(tables.LinkAction):
    """Glance's copy-image: never offered for a volume-backed backup."""
    name = "copy"
    verbose_name = _("Copy to Store")
    url = urlnames.COPY
    classes = ("ajax-modal",)
    icon = "clone"
    policy_rules = (policies.COPY_IMAGE,)

    def get_policy_target(self, request, datum=None):
        return _target(request, datum)

    def allowed(self, request, backup=None):
        image = _image(backup)
        return backup is not None and image.get("status") == "active" and \
            copies.can_copy(image) and not copies.is_copying(image)


class RemoveCopy(tables.LinkAction):
    """Remove the copy in one store: offered while there are two or more."""
    name = "remove_copy"
    verbose_name = _("Remove Copy")
    url = urlnames.REMOVE_COPY
    classes = ("ajax-modal", "btn-danger")
    icon = "minus"
    policy_rules = policies.REMOVE_COPY

    def get_policy_target(self, request, datum=None):
        return _target(request, datum)

    def allowed(self, request, backup=None):
        image = _image(backup)
        return backup is not None and image.get("status") == "active" and \
            len(copies.stores(image)) > 1 and not copies.is_copying(image)


def detail_context(request, backup):
    """The backup's page: its stores (None on a single-store Glance) and,
    for a volume-backed backup (whose image Glance lists in no store), why
    it cannot be copied, where this user could copy others.
    """
    image = _image(backup)
    if copies.is_volume_backed(image):
        if not policy.check((policies.COPY_IMAGE,), request,
                            policies.image_target(image)):
            return {"stores": None, "stores_help": None}
        return {"stores": "-", "stores_help": VOLUME_BACKED_HELP}
    if not copies.is_multi_store(image):
        return {"stores": None, "stores_help": None}
    return {"stores": stores_text(backup), "stores_help": None}
