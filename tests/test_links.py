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
