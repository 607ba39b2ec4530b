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

"""Copies on devcloud's Glance with two file stores (local, offsite) and
its policy granting members copy_image, in the real Horizon: a backup is
copied to the other store, followed until it is there, and one copy
removed; a volume-backed backup is never offered a copy."""

from keystoneauth1 import adapter
import pytest

from quick_backup_client import copies
from tests.integration import cloud as cloud_api
from tests.integration.security import Web

BACKUPS = "/project/quick_backups/"


def stores(session, image_id):
    return copies.stores(cloud_api.image(session, image_id))


@pytest.fixture(scope="module")
def web(cloud):
    return Web(cloud, "demo")


@pytest.fixture
def backup(cloud, demo_session):
    image_id = cloud_api.make_backup(
        demo_session, cloud.info["servers"]["web-1"], "copy-me")
    yield image_id
    cloud_api.delete_backup(demo_session, image_id)


def test_a_backup_is_copied_to_the_other_store_then_one_copy_removed(
        web, backup, demo_session):
    copy_url = "%s%s/copy/" % (BACKUPS, backup)
    remove_url = "%s%s/remove-copy/" % (BACKUPS, backup)
    listing = web.get(BACKUPS).text
    # Horizon's policy (devcloud grants copy_image) offers the action.
    assert copy_url in listing
    assert remove_url not in listing
    form = web.hidden_fields(copy_url)
    assert 'value="offsite"' in web.get(copy_url).text

    sent = web.post(copy_url, dict(form, store="offsite"))
    assert sent.status_code == 302
    assert web.messages(sent) == [
        'Success: Backup "copy-me" is being copied to store "offsite".']
    again = web.post(copy_url, dict(form, store="offsite"))
    assert web.messages(again) == ["Info: This form was already submitted."]

    cloud_api.wait_until(
        lambda: stores(demo_session, backup) == ["local", "offsite"],
        what="the copy to offsite")
    page = web.get("%s%s/" % (BACKUPS, backup)).text
    assert "local, offsite" in page
    assert remove_url in page

    form = web.hidden_fields(remove_url)
    removed = web.post(remove_url, dict(form, store="local"))
    assert removed.status_code == 302
    assert stores(demo_session, backup) == ["offsite"]
    # The last copy is never removed: its page refuses.
    last = web.get(remove_url)
    assert last.status_code == 302
    assert "only copy" in " ".join(web.messages(last))


def test_a_volume_backed_backup_is_refused_with_the_reason(
        cloud, web, demo_session):
    image_id = cloud_api.make_backup(
        demo_session, cloud.info["servers"]["vol-1"], "vol-copy")
    try:
        copy_url = "%s%s/copy/" % (BACKUPS, image_id)
        assert copy_url not in web.get(BACKUPS).text
        sent = web.post(copy_url, {"store": "offsite",
                                   "submission_id": "2" * 32})
        assert sent.status_code == 302
        assert "would move nothing" in " ".join(web.messages(sent))
        glance = adapter.Adapter(demo_session, service_type="image",
                                 interface="public")
        image = cloud_api.image(demo_session, image_id)
        with pytest.raises(copies.CopyRefused) as refused:
            copies.copy(glance, image, ["offsite"])
        assert refused.value.reason == copies.VOLUME_BACKED
        assert not copies.is_copying(cloud_api.image(demo_session, image_id))
    finally:
        cloud_api.delete_backup(demo_session, image_id)
