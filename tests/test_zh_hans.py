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

"""The dashboard in Simplified Chinese: the language a user picks in
Horizon's settings (its cookie) shows the form, the panel and a failure in
Chinese, from the compiled catalogue."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from backup_dashboard import urlnames
from tests import helpers
from tests import test_backups_panel
from tests import test_workflow


class ChineseMixin(object):

    def setUp(self):
        super().setUp()
        # What Horizon's user settings page stores (LocaleMiddleware reads
        # it before the browser's Accept-Language).
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"

    def tearDown(self):
        translation.activate(settings.LANGUAGE_CODE)
        super().tearDown()


class ChineseFormTests(ChineseMixin, helpers.QuickBackupTestCase):

    def test_the_quick_backup_form_is_in_chinese(self):
        self.mock_server_get()

        res = self.client.get(reverse(urlnames.QUICK_BACKUP,
                                      args=[self.server.id]))

        self.assertEqual(200, res.status_code)
        self.assertEqual("zh-hans", res.wsgi_request.LANGUAGE_CODE)
        for text in ("备份名称", "最多 255 个字符。", "创建备份",
                     "快速备份请求计算服务为此实例的磁盘创建一个镜像。"):
            self.assertContains(res, text)
        self.assertNotContains(res, "Backup Name")
        self.assertNotContains(res, "Create Backup")


class ChinesePanelTests(ChineseMixin, test_backups_panel.PanelTestCase):

    def test_the_backups_panel_is_in_chinese(self):
        self.mock_listing([dict(self.image, status="saving",
                                created_at=helpers.minutes_ago(1))])
        self.mock_servers()

        res = self.client.get(self.index)

        self.assertEqual(200, res.status_code)
        for text in ("名称", "实例", "进度", "保存中", "等待中",
                     "删除备份"):
            self.assertContains(res, text)
        self.assertNotContains(res, "Delete Backup")
        self.assertNotContains(res, "Saving")

    def test_a_backup_page_is_in_chinese(self):
        self.mock_image(test_backups_panel.volume_backed(self.image))
        self.http.get(self.nova_url + "/servers/" + self.server.id,
                      json={"server": self.server.to_dict()})
        self.http.get(self.cinder_url + "/snapshots/detail",
                      json={"snapshots": []})

        res = self.client.get(reverse(urlnames.BACKUP_DETAIL,
                                      args=[self.image["id"]]))

        self.assertEqual(200, res.status_code)
        for text in ("镜像 ID", "在“镜像”页面查看", "2 个卷快照", "可用"):
            self.assertContains(res, text)


class ChineseFailureTests(ChineseMixin, test_workflow.SubmitTestCase):

    def test_a_failed_backup_says_why_in_chinese(self):
        self.mock_backup(status_code=409, json={
            "conflictingRequest": {"code": 409, "message": "Nova's words"}})

        res = self.client.post(self.url, self.form())

        [(level, text)] = self.messages(res)
        self.assertEqual("error", level)
        self.assertEqual(
            "实例“%s”现在无法备份：它正忙（可能仍有快照或备份在进行中），"
            "或处于不允许备份的状态。请在它空闲时重试。" % self.server.name,
            text)

    def test_a_backup_that_started_says_so_in_chinese(self):
        self.mock_backup()

        res = self.client.post(self.url, self.form())

        [(level, text)] = self.messages(res)
        self.assertEqual("success", level)
        self.assertIn("实例“%s”的快速备份“nightly”已开始。镜像 ID："
                      % self.server.name, text)
        self.assertIn(helpers.IMAGE_ID, text)
