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

"""The "Add to Backup Plan" table action on Horizon's Instances table.

It acts on the selected rows without loading the table (``preempt``: no
Nova request) and leads to the Add to Backup Plan form with their ids.
Shown only where the catalog names Mistral: rendering the Instances page
asks Mistral nothing.
"""

from urllib import parse

from django import shortcuts
from django.urls import NoReverseMatch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from horizon import tables
from openstack_dashboard.dashboards.project.instances import (
    tables as instance_tables)

from backup_dashboard.api import mistral as mistral_api
from backup_dashboard import urlnames
from quick_backup_server import protocol

# The query parameter that names an instance (the Create and Add forms).
INSTANCE_PARAM = "instance"


def form_url(urlname, instance_ids):
    """The URL of a plan form with ``instance_ids`` chosen."""
    return "%s?%s" % (reverse(urlname), parse.urlencode(
        [(INSTANCE_PARAM, instance_id) for instance_id in instance_ids]))


def _plans_enabled():
    """True where the Backup Plans panel is enabled (its URLs exist)."""
    try:
        reverse(urlnames.PLAN_ADD)
    except NoReverseMatch:
        return False
    return True


class AddToPlan(tables.Action):
    name = "add_to_plan"
    verbose_name = _("Add to Backup Plan")
    verbose_name_plural = _("Add to Backup Plan")
    icon = "calendar"
    help_text = _("Add the selected instances to a backup plan, or make a "
                  "new plan of them.")
    preempt = True  # the table's data is not loaded for it

    def get_default_attrs(self):
        # Enabled by Horizon's script only while rows are selected.
        return dict(super().get_default_attrs(),
                    **{"data-batch-action": "true"})

    def allowed(self, request, datum=None):
        return datum is None and mistral_api.is_available(request) and \
            _plans_enabled()

    def handle(self, table, request, obj_ids):
        ids = [obj_id for obj_id in dict.fromkeys(obj_ids)
               if protocol.is_uuid(obj_id)]
        return shortcuts.redirect(form_url(urlnames.PLAN_ADD, ids))


def add_to_instances_table(table_class=instance_tables.InstancesTable):
    """Add AddToPlan before "Delete Instances"; safe to call twice (see
    quick_backup/actions.py for why ``base_actions`` too).
    """
    if AddToPlan.name in table_class.base_actions:
        return
    table_actions = list(table_class._meta.table_actions)
    names = [action.name for action in table_actions]
    at = names.index("delete") if "delete" in names else len(names)
    table_actions.insert(at, AddToPlan)
    table_class._meta.table_actions = tuple(table_actions)
    table_class.base_actions[AddToPlan.name] = AddToPlan()
