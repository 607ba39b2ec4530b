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

"""Horizon's policy asked with the instance's (or snapshot's) own project and
user, by the forms sent by URL as by the row actions: under a rule such as
"only the user who made an instance may back it up", another user's instance
is refused before Nova is asked, and what that costs."""

import os
import tempfile

from django.test.utils import override_settings
from django.urls import reverse
from openstack_auth import policy as auth_policy

import openstack_dashboard

from backup_dashboard import urlnames
from backup_dashboard.panels.quick_backup import owners
from backup_dashboard.panels.quick_backup import submissions
from tests import helpers
from tests.test_backups_panel import SNAPSHOTS
from tests.test_backups_panel import PanelTestCase
from tests.test_backups_panel import volume_backed

# Rules of Horizon's policy files, as an operator would add them.
CREATOR_ONLY = {
    "compute": '"os_compute_api:servers:create_image": "user_id:%(user_id)s"\n'
               '"os_compute_api:servers:rebuild": "user_id:%(user_id)s"\n',
    "volume": '"volume:delete_snapshot": "user_id:%(user_id)s"\n'}


class CreatorOnlyTestCase(PanelTestCase):
    """Horizon's real policy engine with CREATOR_ONLY added."""

    def setUp(self):
        super().setUp()
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        dirs = {}
        for service, rules in CREATOR_ONLY.items():
            path = "%s/%s" % (folder.name, service)
            dirs[service] = [path]
            os.makedirs(path)
            with open(path + "/creator_only.yaml", "w") as out:
                out.write(rules)
        conf = os.path.join(os.path.dirname(openstack_dashboard.__file__),
                            "conf")
        settings = override_settings(
            POLICY_CHECK_FUNCTION="openstack_auth.policy.check",
            POLICY_FILES={"compute": conf + "/nova_policy.yaml",
                          "volume": conf + "/cinder_policy.yaml"},
            DEFAULT_POLICY_FILES={
                "compute": conf + "/default_policies/nova.yaml",
                "volume": conf + "/default_policies/cinder.yaml"},
            POLICY_DIRS=dirs)
        settings.enable()
        self.addCleanup(settings.disable)
        auth_policy.reset()
        self.addCleanup(auth_policy.reset)
        self.others = helpers.nova_server(self.server, user_id="someone-else")


class QuickBackupTests(CreatorOnlyTestCase):

    def url(self, server):
        return reverse(urlnames.QUICK_BACKUP, args=[server.id])

    def send(self, server, owner=None, signed_for=None):
        submission_id = submissions.new_submission_id()
        form = {"instance_id": server.id, "instance_name": server.name,
                "name": "nightly", "description": "",
                "submission_id": submission_id}
        if owner is None:
            form["owner"] = helpers.signed_owner(self, submission_id,
                                                 signed_for or server)
        elif owner:
            form["owner"] = owner
        return self.client.post(self.url(server), form)

    def assert_refused(self, res):
        self.assertRedirectsNoFollow(res, reverse(urlnames.INSTANCES))
        self.assertEqual([("error", "You are not allowed to back up this "
                                    "instance.")], self.messages(res))
        self.assertEqual(0, self.posts())

    def test_the_form_opened_for_another_users_instance_is_refused(self):
        self.mock_server_get(self.others)
        self.assert_refused(self.client.get(self.url(self.others)))
        self.assertEqual(1, self.http.call_count)

    def test_the_form_it_signed_is_refused_without_asking_nova(self):
        self.mock_backup(self.others.id)
        self.assert_refused(self.send(self.others))
        self.assertEqual(0, self.http.call_count)

    def test_the_form_sent_by_url_alone_reads_the_instance_once(self):
        self.mock_server_get(self.others)
        self.mock_backup(self.others.id)
        self.assert_refused(self.send(self.others, owner=False))
        self.assertEqual(1, self.http.call_count)

    def test_a_signed_owner_of_another_instance_is_not_trusted(self):
        self.mock_server_get(self.others)
        self.mock_backup(self.others.id)
        mine = helpers.nova_server(self.server, id=helpers.IMAGE_ID)
        self.assert_refused(self.send(self.others, signed_for=mine))
        self.assertEqual(1, self.http.call_count)

    def test_an_edited_owner_is_not_trusted(self):
        self.mock_server_get(self.others)
        self.mock_backup(self.others.id)
        self.assert_refused(self.send(self.others, owner="x" + owners.sign(
            self.request, self.others, "0" * 32)))
        self.assertEqual(1, self.http.call_count)

    def test_the_users_own_instance_costs_the_backup_alone(self):
        self.mock_backup()
        res = self.send(self.server)
        self.assertEqual("success", self.messages(res)[0][0])
        self.assertEqual(1, self.http.call_count)

    def test_the_form_opened_for_the_users_own_instance_signs_its_owner(self):
        self.mock_server_get()
        res = self.client.get(self.url(self.server))
        context = res.context["workflow"].context
        self.assertEqual(
            {"project_id": self.server.tenant_id,
             "user_id": self.server.user_id},
            owners.target(res.wsgi_request, self.server.id,
                          context["submission_id"], context["owner"]))
        self.assertContains(res, 'name="owner"')


class RestoreTests(CreatorOnlyTestCase):

    def setUp(self):
        super().setUp()
        self.url = reverse(urlnames.RESTORE, args=[self.image["id"]])
        self.others = helpers.nova_server(self.others, id=self.server.id)
        self.mock_image(self.image)
        self.rebuilt = self.http.post(self.server_url() + "/action",
                                      json={"server": self.server.to_dict()})

    def assert_refused(self, res):
        self.assertRedirectsNoFollow(res, self.index)
        self.assertEqual([("error", "You are not allowed to restore this "
                                    "instance.")], self.messages(res))
        self.assertEqual(0, self.rebuilt.call_count)
        self.assertEqual(2, self.http.call_count)  # the image, the instance

    def test_restore_of_another_users_instance_is_refused_opened(self):
        self.mock_server_get(self.others)
        self.assert_refused(self.client.get(self.url))

    def test_restore_of_another_users_instance_is_refused_sent(self):
        self.mock_server_get(self.others)
        self.assert_refused(self.client.post(self.url, {
            "submission_id": submissions.new_submission_id()}))

    def test_restore_of_the_users_own_instance_rebuilds_it(self):
        self.mock_server_get()
        res = self.client.post(self.url, {
            "submission_id": submissions.new_submission_id()})
        self.assertEqual("success", self.messages(res)[0][0])
        self.assertEqual(1, self.rebuilt.call_count)

    def test_the_row_offers_restore_for_the_users_own_instances_only(self):
        self.http.get(self.glance_url + "/v2/images", json={"images": [
            self.image]})
        for server, offered in ((self.server, True), (self.others, False)):
            self.mock_servers([server])
            res = self.client.get(self.index)
            (self.assertContains if offered else self.assertNotContains)(
                res, "action_restore")
        self.assertEqual(4, self.http.call_count)  # Glance + Nova, twice


class SnapshotDeleteTests(CreatorOnlyTestCase):

    def test_only_the_users_own_volume_snapshots_go_with_the_backup(self):
        image = volume_backed(self.image)
        self.http.delete(self.glance_url + "/v2/images/" + image["id"])
        self.http.get(self.cinder_url + "/snapshots/detail", json={
            "snapshots": [{"id": SNAPSHOTS[0], "name": "mine",
                           "user_id": self.user.id},
                          {"id": SNAPSHOTS[1], "name": "theirs",
                           "user_id": "someone-else"}]})
        deleted = [self.http.delete(self.cinder_url + "/snapshots/" + s)
                   for s in SNAPSHOTS]
        self.mock_listing([image])
        self.mock_servers()
        self.http.get(self.glance_url + "/v2/images?bdm_v2=True",
                      json={"images": []})

        res = self.client.post(self.index, {"action": "backups__delete",
                                            "object_ids": [image["id"]]})

        self.assertEqual([1, 0], [d.call_count for d in deleted])
        self.assertIn(('warning', 'Backup "nightly" was deleted; you are not '
                       'allowed to delete its volume snapshot "theirs", '
                       'which remains.'), self.messages(res))
