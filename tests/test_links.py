"""Links to a backup's image: only for an image id, always quoted."""

from django.test.utils import override_settings
from django.urls import reverse

from openstack_dashboard.test import helpers as horizon_helpers

from backup_dashboard.panels.quick_backup import links
from tests import helpers


class ImageLinkTests(horizon_helpers.TestCase):

    @override_settings(ANGULAR_FEATURES={"images_panel": False})
    def test_django_images_panel(self):
        self.assertEqual(
            reverse("horizon:project:images:images:detail",
                    args=[helpers.IMAGE_ID]),
            links.image_detail_url(helpers.IMAGE_ID))

    @override_settings(ANGULAR_FEATURES={"images_panel": True})
    def test_angular_images_panel(self):
        self.assertEqual(
            reverse("ngdetails") + "OS::Glance::Image/" + helpers.IMAGE_ID,
            links.image_detail_url(helpers.IMAGE_ID))

    def test_a_backups_page(self):
        self.assertEqual("/project/quick_backups/%s/" % helpers.IMAGE_ID,
                         links.backup_detail_url(helpers.IMAGE_ID))

    def test_no_link_for_what_is_not_an_image_id(self):
        for value in ("", "x", "../../admin", helpers.IMAGE_ID + "/x",
                      helpers.IMAGE_ID + "\n", "javascript:alert(1)",
                      None, 42):
            for angular in (True, False):
                with self.settings(
                        ANGULAR_FEATURES={"images_panel": angular}):
                    self.assertIsNone(links.image_detail_url(value), value)
                    self.assertIsNone(links.backup_detail_url(value),
                                      value)
