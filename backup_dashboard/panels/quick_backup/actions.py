"""The "Quick Backup" row action on Horizon's Instances table."""

from urllib import parse

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from quick_backup_server import protocol

from horizon import tables
from openstack_dashboard import policy
from openstack_dashboard.dashboards.project.instances import (
    tables as instance_tables)

# The states in which Nova takes an image of an instance.
BACKUP_READY_STATES = ("ACTIVE", "SHUTOFF", "PAUSED", "SUSPENDED")

# The server side of Quick Backup takes the image with createImage.
CREATE_IMAGE_RULE = ("compute", "os_compute_api:servers:create_image")
VOLUME_BACKED_RULE = (
    "compute", "os_compute_api:servers:create_image:allow_volume_backed")


def is_volume_backed(instance):
    """Nova reports no image for an instance booted from a volume."""
    return not getattr(instance, "image", None)


class QuickBackup(policy.PolicyTargetMixin, tables.LinkAction):
    name = "quick_backup"
    verbose_name = _("Quick Backup")
    url = "horizon:project:quick_backup:create"
    classes = ("ajax-modal",)
    icon = "archive"
    policy_rules = (CREATE_IMAGE_RULE,)

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
        if getattr(instance, "OS-EXT-STS:task_state", None):
            return False
        if is_volume_backed(instance):
            return policy.check((VOLUME_BACKED_RULE,), request,
                                self.get_policy_target(request, instance))
        return True


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
