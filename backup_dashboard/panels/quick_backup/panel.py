from django.utils.translation import gettext_lazy as _

import horizon


class QuickBackup(horizon.Panel):
    """Serves the Quick Backup workflow; reached from the Instances table."""
    name = _("Quick Backup")
    slug = "quick_backup"
    nav = False
    permissions = ("openstack.services.compute",)
    policy_rules = (("compute", "os_compute_api:servers:create_image"),)
