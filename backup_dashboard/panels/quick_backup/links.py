"""Links to what a Quick Backup made."""

from django.urls import reverse

from openstack_dashboard.utils import settings as setting_utils


def image_detail_url(image_id):
    """The Images panel's page for an image, Angular or Django flavoured."""
    if setting_utils.get_dict_config("ANGULAR_FEATURES", "images_panel"):
        return reverse("ngdetails") + "OS::Glance::Image/" + image_id
    return reverse("horizon:project:images:images:detail", args=[image_id])
