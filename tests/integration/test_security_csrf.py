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

"""CSRF on every POST of the plugin, against the real Horizon: without a
token, or with another session's, Horizon refuses it (its CSRF failure view
sends the browser to the login page with the reason, where Django alone
answers 403) and Nova and Glance, asked as admin, show that nothing was made,
rebuilt or deleted; the same request with the session's own token works."""

import pytest

from tests.integration import cloud as cloud_api
from tests.integration.security import Web
from tests.integration.security import cloud_state
from tests.integration.security import csrf_refused

#: No token, another logged-in user's, and one of the right shape but made
#: up.
FORGED = {"no token": None, "alt's token": "alt", "made-up token": "a" * 64}


@pytest.fixture(scope="module")
def webs(cloud):
    return {"demo": Web(cloud, "demo"), "alt": Web(cloud, "alt")}


def forged_tokens(webs):
    return {what: webs["alt"].token if token == "alt" else token
            for what, token in FORGED.items()}


def assert_all_refused(webs, path, data, admin, servers):
    before = cloud_state(admin, servers)
    for what, token in forged_tokens(webs).items():
        answer = webs["demo"].post(path, data, token=token)
        assert csrf_refused(answer), (what, answer.status_code,
                                      answer.headers.get("Location"))
        # The same, as Horizon's JavaScript sends it (header, no field).
        answer = webs["demo"].post(path, data, token=None, headers={
            "X-CSRFToken": token or "", "X-Requested-With": "XMLHttpRequest"})
        assert csrf_refused(answer), what
    assert cloud_state(admin, servers) == before


def test_quick_backup_restore_and_delete_refuse_a_forged_post(
        cloud, webs, demo_session, admin_session):
    web_1 = cloud.info["servers"]["web-1"]
    cloud_api.wait_idle(demo_session, web_1)  # an earlier test's backup
    create = "/project/quick_backups/%s/create/" % web_1
    form = dict(webs["demo"].hidden_fields(create), name="csrf-probe",
                description="")

    assert_all_refused(webs, create, form, admin_session, [web_1])

    # The same form with the session's own token makes the backup.
    made = webs["demo"].post(create, form)
    assert made.status_code == 302 and not csrf_refused(made)
    backups = [i for i in cloud_state(admin_session, [])["images"]
               if i[1] == "csrf-probe"]
    assert len(backups) == 1
    image_id = backups[0][0]
    try:
        cloud_api.wait_image_active(demo_session, image_id)
        cloud_api.wait_idle(demo_session, web_1)
        restore = "/project/quick_backups/%s/restore/" % image_id
        assert_all_refused(webs, restore, webs["demo"].hidden_fields(restore),
                           admin_session, [web_1])
        for action in ({"action": "backups__delete__%s" % image_id},
                       {"action": "backups__delete",
                        "object_ids": [image_id]}):
            assert_all_refused(webs, "/project/quick_backups/", action,
                               admin_session, [web_1])
        # Deleting with the session's own token works.
        deleted = webs["demo"].post("/project/quick_backups/", {
            "action": "backups__delete__%s" % image_id})
        assert deleted.status_code == 302 and not csrf_refused(deleted)
        assert cloud_api.image_gone(demo_session, image_id)
    finally:
        cloud_api.delete_backup(demo_session, image_id)


def test_the_instance_page_with_its_backups_tab_refuses_a_forged_post(
        cloud, webs, admin_session):
    web_1 = cloud.info["servers"]["web-1"]
    assert_all_refused(
        webs, "/project/instances/%s/?tab=instance_details__quick_backups"
        % web_1, {"action": "instances__quick_backup__%s" % web_1},
        admin_session, [web_1])
