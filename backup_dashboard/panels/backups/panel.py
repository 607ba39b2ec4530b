"""The Backups panel: what Quick Backup made, and the Quick Backup form."""

from django.utils.translation import gettext_lazy as _

import horizon


class Backups(horizon.Panel):
    """Project > Compute > Backups; the Instances table's Quick Backup
    action opens its form from here too.
    """
    name = _("Backups")
    slug = "quick_backups"
    permissions = ("openstack.services.compute", "openstack.services.image")
