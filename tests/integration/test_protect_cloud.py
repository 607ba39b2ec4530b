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

"""Protect on the real cloud: a protected volume-backed backup is refused
by the panel's Delete (with the message) and by the command (non-zero
exit), Glance keeping it and Cinder its snapshots; unprotected, the
command's delete removes the image and its snapshots."""

import json

from quick_backup_client import backup_paths
from tests.integration.cloud import delete_backup
from tests.integration.cloud import image
from tests.integration.cloud import image_gone
from tests.integration.cloud import make_backup
from tests.integration.cloud import servers
from tests.integration.cloud import volume_snapshot_gone
from tests.integration.cloud import wait_until
from tests.integration.security import Web
from tests.integration.test_osc_cloud import openstack

PANEL = "/project/quick_backups/"


def test_a_protected_backup_is_never_deleted_until_it_is_unprotected(
        cloud, demo_session):
    vol = servers(demo_session)["vol-1"]
    backup = make_backup(demo_session, vol["id"], "protect-me")
    snapshots = backup_paths.volume_snapshot_ids(image(demo_session,
                                                       backup))
    assert snapshots
    try:
        shown = openstack(cloud, "server", "quick-backup", "protect",
                          backup, "-f", "json")
        assert shown.returncode == 0, shown.stderr
        assert json.loads(shown.stdout)["protected"] is True

        web = Web(cloud, "demo")
        page = web.get(PANEL + backup + "/")
        assert page.status_code == 200
        assert "backups__unprotect__" + backup in page.text
        assert "backups__delete__" + backup not in page.text
        # A crafted post of the Delete the page does not offer.
        answer = web.post(PANEL, {"action": "backups__delete__" + backup})
        assert answer.status_code == 302
        assert 'Error: Backup "protect-me" is protected: unprotect it ' \
            'first.' in web.messages(answer)

        refused = openstack(cloud, "server", "quick-backup", "delete",
                            backup)
        assert refused.returncode != 0
        assert "is protected: unprotect it first" in refused.stderr
        assert not image_gone(demo_session, backup)
        assert not any(volume_snapshot_gone(demo_session, snapshot)
                       for snapshot in snapshots)

        answer = web.post(PANEL, {"action": "backups__unprotect__" + backup})
        assert answer.status_code == 302
        assert image(demo_session, backup)["protected"] is False

        deleted = openstack(cloud, "server", "quick-backup", "delete",
                            backup)
        assert deleted.returncode == 0, deleted.stderr
        assert image_gone(demo_session, backup)
        wait_until(lambda: all(volume_snapshot_gone(demo_session, snapshot)
                               for snapshot in snapshots),
                   what="the backup's volume snapshots to be deleted")
    finally:
        demo_session.patch(
            "/v2/images/" + backup, raise_exc=False,
            endpoint_filter={"service_type": "image", "interface": "public"},
            headers={"Content-Type":
                     "application/openstack-images-v2.1-json-patch"},
            json=[{"op": "replace", "path": "/protected", "value": False}])
        delete_backup(demo_session, backup)
