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

"""``openstack server quick-backup copy`` and ``remove-copy``: what each
sends (counted), --wait's progress, and every refusal in our words.
"""

import json
import sys
from importlib import metadata

import pytest

from quick_backup_server import protocol
from tests.osc_shell import GLANCE_URL, IMAGE_ID, IMAGE_URL, PROJECT_ID
from tests.osc_shell import SERVER_ID
from tests.osc_shell import http  # noqa: F401 (a fixture)
from tests.osc_shell import openstack, sent

COMMANDS = {
    "server_quick-backup_copy": "quick_backup_client.osc.copy:"
                                "CopyQuickBackup",
    "server_quick-backup_remove-copy": "quick_backup_client.osc.copy:"
                                       "RemoveQuickBackupCopy"}
STORES = {"stores": [{"id": "local", "default": "true"},
                     {"id": "offsite"}]}


@pytest.fixture(autouse=True)
def registered(tmp_path, monkeypatch):
    """The commands' entry points, where the installed metadata predates
    them (an editable install made before they were added).
    """
    found = metadata.entry_points()
    # Python 3.9's is a dict by group (select() came with 3.10).
    group = found.select(group="openstack.quick_backup.v1") if hasattr(
        found, "select") else found.get("openstack.quick_backup.v1", ())
    if set(COMMANDS) <= {point.name for point in group}:
        return
    info = tmp_path / "quick_backup_copy_commands-0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: quick-backup-copy-commands\n"
        "Version: 0\n")
    (info / "entry_points.txt").write_text(
        "[openstack.quick_backup.v1]\n" + "".join(
            "%s = %s\n" % item for item in COMMANDS.items()))
    monkeypatch.setattr(sys, "path", sys.path + [str(tmp_path)])


def backup(**fields):
    image = {"id": IMAGE_ID, "name": "web-1-backup", "status": "active",
             "owner": PROJECT_ID, "stores": "local",
             protocol.MARKER_PROPERTY: "true",
             protocol.INSTANCE_PROPERTY: SERVER_ID,
             protocol.NOVA_INSTANCE_PROPERTY: SERVER_ID}
    image.update(fields)
    return image


def test_a_copy_is_the_backup_the_stores_and_one_import(http, capsys):
    http.get(IMAGE_URL, json=backup())
    http.get(GLANCE_URL + "/v2/info/stores", json=STORES)
    imported = http.post(IMAGE_URL + "/import", status_code=202)

    code, out, err = openstack(capsys, "server", "quick-backup", "copy",
                               IMAGE_ID, "--store", "offsite")

    assert code == 0, err
    assert "being copied" in out
    assert sent(http, "glance.example.com") == [
        "GET /v2/images/" + IMAGE_ID, "GET /v2/info/stores",
        "POST /v2/images/%s/import" % IMAGE_ID]
    assert json.loads(imported.last_request.text)["stores"] == ["offsite"]


def test_wait_follows_the_copy_until_the_store_holds_it(http, capsys):
    http.get(IMAGE_URL, [
        {"json": backup()},
        {"json": backup(os_glance_import_task="t")},
        {"json": backup(os_glance_importing_to_stores="offsite",
                        os_glance_import_task="t")},
        {"json": backup(stores="local,offsite")}])
    http.get(GLANCE_URL + "/v2/info/stores", json=STORES)
    http.post(IMAGE_URL + "/import", status_code=202)

    code, out, err = openstack(capsys, "server", "quick-backup", "copy",
                               IMAGE_ID, "--store", "offsite", "--wait")

    assert code == 0, err
    assert "copying to offsite" in err
    assert 'is in store "offsite"' in out


def test_wait_fails_when_glance_reports_the_copy_failed(http, capsys):
    http.get(IMAGE_URL, [
        {"json": backup()},
        {"json": backup(os_glance_failed_import="offsite")}])
    http.get(GLANCE_URL + "/v2/info/stores", json=STORES)
    http.post(IMAGE_URL + "/import", status_code=202)

    code, out, err = openstack(capsys, "server", "quick-backup", "copy",
                               IMAGE_ID, "--store", "offsite", "--wait")

    assert code == 1
    assert "failed" in err


@pytest.mark.parametrize("image, store, said", [
    (backup(size=0, block_device_mapping=json.dumps(
        [{"snapshot_id": "snap"}])), "offsite", "would move nothing"),
    (backup(stores="local,offsite"), "offsite", "already in store"),
    (backup(owner="someone-else"), "offsite", "No Quick Backup"),
    ({k: v for k, v in backup().items() if k != "stores"}, "offsite",
     "one store only"),
    (backup(), "nowhere", "not a store"),
])
def test_a_copy_that_cannot_be_done_is_refused_before_any_import(
        http, capsys, image, store, said):
    http.get(IMAGE_URL, json=image)
    http.get(GLANCE_URL + "/v2/info/stores", json=STORES)
    imported = http.post(IMAGE_URL + "/import", status_code=202)

    code, out, err = openstack(capsys, "server", "quick-backup", "copy",
                               IMAGE_ID, "--store", store)

    assert code == 1
    assert said in err
    assert imported.call_count == 0


def test_glances_policy_refusal_is_said_without_its_text(http, capsys):
    http.get(IMAGE_URL, json=backup())
    http.get(GLANCE_URL + "/v2/info/stores", json=STORES)
    http.post(IMAGE_URL + "/import", status_code=403,
              text="<html>403 Forbidden: secret detail</html>")

    code, out, err = openstack(capsys, "server", "quick-backup", "copy",
                               IMAGE_ID, "--store", "offsite")

    assert code == 1
    assert "policy does not allow" in err
    assert "secret detail" not in err


def test_remove_copy_is_one_delete_in_that_store(http, capsys):
    http.get(IMAGE_URL, json=backup(stores="local,offsite"))
    removed = http.delete(GLANCE_URL + "/v2/stores/local/" + IMAGE_ID,
                          status_code=204)

    code, out, err = openstack(capsys, "server", "quick-backup",
                               "remove-copy", IMAGE_ID, "--store", "local")

    assert code == 0, err
    assert removed.call_count == 1
    assert len(sent(http, "glance.example.com")) == 2


def test_the_last_copy_is_never_removed(http, capsys):
    http.get(IMAGE_URL, json=backup())
    removed = http.delete(GLANCE_URL + "/v2/stores/local/" + IMAGE_ID,
                          status_code=204)

    code, out, err = openstack(capsys, "server", "quick-backup",
                               "remove-copy", IMAGE_ID, "--store", "local")

    assert code == 1
    assert "only copy" in err
    assert removed.call_count == 0


def test_list_long_shows_where_each_backup_is(http, capsys):
    http.get(GLANCE_URL + "/v2/images", json={"images": [
        backup(stores="local,offsite")]})

    code, out, err = openstack(capsys, "server", "quick-backup", "list",
                               "--long", "-f", "json")

    assert code == 0, err
    assert json.loads(out)[0]["Stores"] == "local,offsite"
