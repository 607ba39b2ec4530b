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

"""The "Quick Backup" row action on Horizon's Instances table."""

from urllib import parse

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from horizon import tables
from openstack_dashboard.dashboards.project.instances import (
    tables as instance_tables)
from openstack_dashboard import policy

from backup_dashboard.api import nova as nova_api
from backup_dashboard import policies
from backup_dashboard import urlnames
from quick_backup_client import backup_paths
from quick_backup_client import in_flight
from quick_backup_server import protocol

# The states in which Nova takes an image of an instance.
BACKUP_READY_STATES = ("ACTIVE", "SHUTOFF", "PAUSED", "SUSPENDED")

# The rules Nova checks for the call that takes the backup.
CREATE_IMAGE_RULE = policies.CREATE_IMAGE
VOLUME_BACKED_RULE = policies.CREATE_IMAGE_VOLUME_BACKED
CREATE_BACKUP_RULE = policies.CREATE_BACKUP


def policy_rules_for(instance):
    """Nova's rules for backing up ``instance`` with the configured method."""
    return backup_rules(backup_paths.is_volume_backed(instance))


def backup_rules(volume_backed):
    """Nova's rules for a backup with the configured method."""
    if volume_backed:
        return (CREATE_IMAGE_RULE, VOLUME_BACKED_RULE)
    if nova_api.backup_setup().method == backup_paths.CREATE_BACKUP:
        return (CREATE_BACKUP_RULE,)
    return (CREATE_IMAGE_RULE,)


class QuickBackup(policy.PolicyTargetMixin, tables.LinkAction):
    name = "quick_backup"
    verbose_name = _("Quick Backup")
    url = urlnames.QUICK_BACKUP
    classes = ("ajax-modal",)
    icon = "archive"
    # Checked in allowed(): they depend on the instance and the method.
    policy_rules = ()

    def get_link_url(self, datum):
        # "next" brings the user back to the page the action was on: the
        # instance list or the instance detail page (request.path, because
        # the list's periodic row updates carry a query of their own).
        url = reverse(self.url, args=[datum.id])
        return "%s?%s" % (url, parse.urlencode(
            {"next": self.table.request.path}))

    def allowed(self, request, instance=None):
        if instance is None or not protocol.is_uuid(instance.id):
            return False  # the form's URL takes Nova's ids only
        if instance.status not in BACKUP_READY_STATES:
            return False
        if in_flight.task_state(instance):
            return False
        return policy.check(policy_rules_for(instance), request,
                            self.get_policy_target(request, instance))


def add_to_instances_table(table_class=instance_tables.InstancesTable):
    """Add QuickBackup right after "Create Snapshot"; safe to call twice.

    The table's metaclass has already copied its actions into
    ``base_actions``, so the action goes there as well as into
    ``_meta.row_actions``; the detail page builds the same table class.
    """
    if QuickBackup.name in table_class.base_actions:
        return
    row_actions = list(table_class._meta.row_actions)
    names = [action.name for action in row_actions]
    after = names.index("snapshot") + 1 if "snapshot" in names else len(names)
    row_actions.insert(after, QuickBackup)
    table_class._meta.row_actions = tuple(row_actions)
    table_class.base_actions[QuickBackup.name] = QuickBackup()
