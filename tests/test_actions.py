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

from unittest import mock

from django.test.utils import override_settings
from django.urls import reverse

from openstack_dashboard.dashboards.project.instances import tables
from openstack_dashboard.test import helpers as horizon_helpers

from backup_dashboard.api import mistral as mistral_api
from backup_dashboard.panels.quick_backup import actions
from tests import fake_mistral_client
from tests import helpers

INDEX_URL = reverse("horizon:project:instances:index")


def deny(*denied_rules):
    """A POLICY_CHECK_FUNCTION that refuses the given rule names."""
    def check(rules, request, target=None):
        return not any(rule in denied_rules for _service, rule in rules)
    return check


def with_state(server, status="ACTIVE", task_state=None, image=None):
    """A copy of a test server in another state (or volume-backed)."""
    info = {"status": status, "OS-EXT-STS:task_state": task_state}
    if image is not None:
        info["image"] = image
    return helpers.nova_server(server, **info)


class AllowedTests(helpers.QuickBackupTestCase):

    def allowed(self, server):
        action = actions.QuickBackup()
        return action.allowed(self.request, server)

    def test_allowed_in_ready_states(self):
        for status in ("ACTIVE", "SHUTOFF", "PAUSED", "SUSPENDED"):
            self.assertTrue(self.allowed(with_state(self.server, status)),
                            status)

    def test_hidden_in_other_states(self):
        for status in ("BUILD", "ERROR", "SHELVED_OFFLOADED", "RESIZE",
                       "VERIFY_RESIZE", "RESCUE", "DELETED", "SOFT_DELETED"):
            self.assertFalse(self.allowed(with_state(self.server, status)),
                             status)

    def test_hidden_for_an_id_not_shaped_like_novas(self):
        # The form's URL takes Nova's ids only: no link that would 404.
        for server_id in ("1", "web-1", "a/b"):
            self.assertFalse(self.allowed(
                helpers.nova_server(self.server, id=server_id)), server_id)

    def test_hidden_while_a_task_is_in_progress(self):
        for task in ("image_snapshot", "image_uploading", "deleting",
                     "rebooting"):
            self.assertFalse(self.allowed(
                with_state(self.server, "ACTIVE", task_state=task)), task)

    @override_settings(POLICY_CHECK_FUNCTION=deny(actions.VOLUME_BACKED_RULE[1]))
    def test_volume_backed_needs_its_own_rule(self):
        self.assertFalse(self.allowed(with_state(self.server, image="")))
        self.assertTrue(self.allowed(self.server))  # image-backed

    @override_settings(POLICY_CHECK_FUNCTION=deny())
    def test_volume_backed_allowed_by_its_rule(self):
        self.assertTrue(self.allowed(with_state(self.server, image="")))

    @override_settings(QUICK_BACKUP_METHOD="create_backup",
                       POLICY_CHECK_FUNCTION=deny(
                           actions.CREATE_BACKUP_RULE[1]))
    def test_create_backup_mode_needs_novas_backup_rule(self):
        self.assertFalse(self.allowed(self.server))
        # A volume-backed one is backed up with createImage all the same.
        self.assertTrue(self.allowed(with_state(self.server, image="")))

    @override_settings(QUICK_BACKUP_METHOD="create_backup",
                       POLICY_CHECK_FUNCTION=deny(
                           actions.CREATE_IMAGE_RULE[1]))
    def test_create_backup_mode_does_not_need_the_create_image_rule(self):
        self.assertTrue(self.allowed(self.server))
        self.assertFalse(self.allowed(with_state(self.server, image="")))

    def test_link_carries_the_page_to_come_back_to(self):
        action = actions.QuickBackup()
        action.table = mock.Mock(request=mock.Mock(path="/project/instances/"))
        self.assertEqual(
            reverse("horizon:project:quick_backups:create",
                    args=[self.server.id]) + "?next=%2Fproject%2Finstances%2F",
            action.get_link_url(self.server))


class RegistrationTests(horizon_helpers.TestCase):

    def test_added_once_right_after_create_snapshot(self):
        actions.add_to_instances_table()  # a second time: no change
        names = [a.name for a in tables.InstancesTable._meta.row_actions]
        self.assertEqual(1, names.count("quick_backup"))
        self.assertEqual(names.index("snapshot") + 1,
                         names.index("quick_backup"))
        self.assertIsInstance(
            tables.InstancesTable.base_actions["quick_backup"],
            actions.QuickBackup)


class InstancesPageTests(helpers.QuickBackupTestCase):

    @horizon_helpers.create_mocks(helpers.INSTANCES_PAGE_MOCKS,
                                  stop_mock=False)  # actions checked after
    def get_index(self, servers):
        helpers.answer_instances_page(self, servers)
        return self.client.get(INDEX_URL)

    def test_action_on_each_ready_row_and_no_extra_request(self):
        error = with_state(self.servers.list()[1], "ERROR")
        res = self.get_index([self.server, error])
        self.assertEqual(0, self.http.call_count)

        action = self.getAndAssertTableRowAction(res, "instances",
                                                 "quick_backup",
                                                 self.server.id)
        self.assertEqual("Quick Backup", action.verbose_name)
        url = reverse("horizon:project:quick_backups:create",
                      args=[self.server.id])
        self.assertContains(res, url + "?next=%2Fproject%2Finstances%2F")
        self.assertNotContains(
            res, reverse("horizon:project:quick_backups:create",
                         args=[error.id]))

    def test_add_to_plan_with_mistral_costs_no_request_at_all(self):
        fake = fake_mistral_client.FakeMistral()
        with mock.patch.object(mistral_api, "is_available",
                               lambda request: True), \
                mock.patch.object(mistral_api, "client",
                                  lambda request: fake):
            res = self.get_index([self.server])
        self.assertContains(res, 'value="instances__add_to_plan"')
        self.assertContains(res, "Add to Backup Plan")
        self.assertEqual([], fake.calls)
        self.assertEqual(0, self.http.call_count)
        self.assertEqual(1, self.mock_server_list_paged.call_count)

    def test_no_add_to_plan_without_mistral_in_the_catalog(self):
        res = self.get_index([self.server])
        self.assertNotContains(res, "add_to_plan")
        self.assertEqual(0, self.http.call_count)

    @override_settings(POLICY_CHECK_FUNCTION=deny(actions.CREATE_IMAGE_RULE[1]))
    def test_action_hidden_when_policy_denies(self):
        res = self.get_index([self.server])
        table = res.context["instances_table"]
        names = [a.name for a in table.get_row_actions(self.server)]
        self.assertNotIn("quick_backup", names)
        self.assertNotContains(res, "Quick Backup")


class InstanceDetailPageTests(helpers.QuickBackupTestCase):

    @horizon_helpers.create_mocks(helpers.INSTANCE_PAGE_MOCKS)
    def test_action_in_the_detail_page_menu(self):
        helpers.answer_instance_page(self)
        detail_url = reverse("horizon:project:instances:detail",
                             args=[self.server.id])

        res = self.client.get(detail_url)

        self.assertContains(
            res, reverse("horizon:project:quick_backups:create",
                         args=[self.server.id]) + "?next=" +
            detail_url.replace("/", "%2F"))
        self.assertEqual(0, self.http.call_count)
