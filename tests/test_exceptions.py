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

"""keystoneauth's errors registered with Horizon: a 401 from Glance or
Cinder asks for a new login, as Nova's does, instead of "Unable to ..."."""

import html
import json

from django.conf import settings
from django.test.utils import override_settings
from django.urls import reverse
from keystoneauth1 import exceptions as ks_exceptions

from backup_dashboard.enabled import _1920_project_quick_backup_panel \
    as enabled
from backup_dashboard import exceptions
from backup_dashboard import urlnames
from horizon import exceptions as horizon_exceptions
from tests import test_backups_panel as panel
from tests import test_preview as preview

EXPIRED = {"status_code": 401, "json": {"error": {
    "code": 401, "message": "The request you have made requires "
    "authentication."}}}


def test_the_enabled_file_registers_keystoneauths_errors_with_horizon():
    # Horizon names them itself only through keystoneclient's aliases of
    # them; the plugin does not count on that.
    assert enabled.ADD_EXCEPTIONS == exceptions.ADD_EXCEPTIONS
    registered = settings.HORIZON_CONFIG["exceptions"]
    assert ks_exceptions.Unauthorized in registered["unauthorized"]
    assert ks_exceptions.NotFound in registered["not_found"]
    assert ks_exceptions.ClientException in registered["recoverable"]
    assert set(exceptions.UNAUTHORIZED) <= set(
        horizon_exceptions.UNAUTHORIZED)


def assert_logged_out(test, res, said):
    # Horizon's own answer to an expired token: its "not authorized" page
    # with a link to log in again (as for Nova's 401).
    test.assertEqual(403, res.status_code)
    test.assertTemplateUsed(res, "not_authorized.html")
    page = res.content.decode()
    test.assertIn("You are not authorized to access this page", page)
    test.assertNotIn("requires authentication", page)
    # The message: rendered in the page, or for a modal (an AJAX request)
    # in Horizon's header.
    shown = html.unescape(page) + " ".join(
        text for _level, text, _extra in json.loads(
            res.get("X-Horizon-Messages", "[]")))
    test.assertEqual(1, shown.count("Unauthorized:"))  # one message
    test.assertIn("Unauthorized: " + said, shown)


class ExpiredTokenTests(panel.PanelTestCase):

    def test_glance_answering_401_to_the_backups_page_logs_the_user_out(
            self):
        self.http.get(self.glance_url + "/v2/images", **EXPIRED)
        assert_logged_out(self, self.client.get(self.index),
                          "Unable to list backups.")

    def test_glance_answering_401_to_a_backups_page_logs_the_user_out(self):
        self.http.get(self.glance_url + "/v2/images/" + self.image["id"],
                      **EXPIRED)
        assert_logged_out(self, self.client.get(reverse(
            urlnames.BACKUP_DETAIL, args=[self.image["id"]])),
            "Unable to retrieve the backup.")

    def test_a_404_from_glance_is_still_not_found_and_no_logout(self):
        self.http.get(self.glance_url + "/v2/images/" + self.image["id"],
                      status_code=404, json={})
        res = self.client.get(reverse(urlnames.BACKUP_DETAIL,
                                      args=[self.image["id"]]))
        self.assertNotEqual(403, res.status_code)
        self.assertTemplateNotUsed(res, "not_authorized.html")



class ExpiredTokenOpeningTheFormTests(preview.PreviewTestCase):

    def test_cinder_answering_401_asks_for_a_new_login(self):
        self.http.get(self.cinder_url + "/volumes/detail", **EXPIRED)
        assert_logged_out(self, self.open_form(self.volume_backed()),
                          "The instance's volumes could not be read right now.")

    @override_settings(**preview.ROTATION)
    def test_glance_answering_401_asks_for_a_new_login(self):
        self.http.get(self.glance_url + "/v2/images", **EXPIRED)
        assert_logged_out(self, self.open_form(self.server),
                          "Unable to list this instance's earlier backups.")
