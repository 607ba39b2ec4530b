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

"""backup_paths: the operator's setup, the call chosen, what it sends."""

import datetime
from unittest import mock

import pytest

from quick_backup_client import backup_paths
from quick_backup_client.backup_paths import Setup

SERVER_ID = "6ae1f1c4-1111-4a3f-9d6e-0c2f6b1d2a11"


@pytest.mark.parametrize("setup", [
    Setup("auto", None, None), Setup("backup_instance", None, None),
    Setup("create_image", None, None), Setup("create_backup", "daily", 1),
    Setup("create_backup", "weekly", 52),
])
def test_a_sound_setup_has_no_problem(setup):
    assert setup.problem() is None


@pytest.mark.parametrize("setup, problem", [
    (Setup("snapshot", None, None), "unknown method"),
    (Setup(None, None, None), "unknown method"),
    (Setup("create_backup", None, 3), "backup type"),
    (Setup("create_backup", " ", 3), "backup type"),
    # Rotation 0 deletes every backup of the type, the new one included.
    (Setup("create_backup", "daily", 0), "rotation"),
    (Setup("create_backup", "daily", -1), "rotation"),
    (Setup("create_backup", "daily", None), "rotation"),
    (Setup("create_backup", "daily", "3"), "rotation"),
    (Setup("create_backup", "daily", True), "rotation"),
])
def test_a_setup_that_would_harm_or_fail_says_why(setup, problem):
    assert problem in setup.problem()
    with pytest.raises(backup_paths.Misconfigured):
        backup_paths.path_for(setup, False, True)


@pytest.mark.parametrize("method, volume_backed, served, path", [
    ("auto", False, True, "backup_instance"),
    ("auto", False, False, "create_image"),
    ("auto", True, True, "backup_instance"),
    ("auto", True, False, "create_image"),
    ("backup_instance", True, None, "backup_instance"),
    ("create_image", False, None, "create_image"),
    ("create_backup", False, None, "create_backup"),
    # Nova refuses createBackup for an instance booted from a volume.
    ("create_backup", True, None, "create_image"),
])
def test_the_path_taken(method, volume_backed, served, path):
    setup = Setup(method, "daily", 2)
    assert backup_paths.path_for(setup, volume_backed, served) == path


def test_auto_needs_to_know_whether_our_api_is_served():
    with pytest.raises(ValueError):
        backup_paths.path_for(Setup("auto", None, None), False, None)


def test_every_path_leaves_the_same_properties():
    backups = mock.Mock()
    setup = Setup("create_backup", "daily", 2)
    expected = {"quick_backup": "true", "quick_backup_instance": SERVER_ID,
                "description": "", "quick_backup_consistency": "crash"}

    for path in ("create_image", "create_backup", "backup_instance"):
        backup_paths.send(backups, path, SERVER_ID, "n", None, setup,
                          consistency="crash")

    backups.create_image.assert_called_once_with(SERVER_ID, "n", expected)
    backups.create_backup.assert_called_once_with(SERVER_ID, "n", "daily", 2,
                                                  expected)
    # The filter sets the same properties on its side.
    backups.create.assert_called_once_with(SERVER_ID, "n", "",
                                           consistency="crash")


def test_rotation_lists_what_nova_filters_on():
    assert backup_paths.rotation_filters(SERVER_ID, "daily") == {
        "image_type": "backup", "backup_type": "daily",
        "instance_uuid": SERVER_ID}


@pytest.mark.parametrize("rotation, deleted", [
    (1, ["c", "b", "a"]), (2, ["b", "a"]), (3, ["a"]), (4, []), (9, []),
])
def test_rotation_deletes_what_nova_deletes_once_the_new_one_exists(
        rotation, deleted):
    # Nova keeps the newest `rotation`, the new backup among them.
    assert backup_paths.rotated_out(["c", "b", "a"], rotation) == deleted


@pytest.mark.parametrize("image, volume_backed", [
    ({"id": "i"}, False), ("", True), (None, True), ({}, True)])
def test_volume_backed_servers_have_no_image(image, volume_backed):
    assert backup_paths.is_volume_backed(mock.Mock(image=image)) is \
        volume_backed


@pytest.mark.parametrize("mapping, snapshots", [
    ('[{"snapshot_id": "s1", "boot_index": 0}, {"snapshot_id": "s2"}, '
     '{"source_type": "image"}]', ["s1", "s2"]),
    ("[]", []), (None, []), ("not json", []), ('{"snapshot_id": "s"}', []),
    ('["s1", 2]', []),
])
def test_the_volume_snapshots_an_image_points_to(mapping, snapshots):
    image = {"block_device_mapping": mapping} if mapping else {}
    assert backup_paths.volume_snapshot_ids(image) == snapshots


def test_the_default_name_is_the_instance_and_a_utc_timestamp_bounded_to_255():
    now = datetime.datetime(2026, 11, 23, 10, 4, 5,
                            tzinfo=datetime.timezone.utc)
    assert backup_paths.default_backup_name("web-1", now) == \
        "web-1-backup-20261123T100405Z"
    long_name = backup_paths.default_backup_name("x" * 300, now)
    assert len(long_name) == 255
    assert long_name.endswith("-backup-20261123T100405Z")
    assert backup_paths.default_backup_name(None, now) == \
        "instance-backup-20261123T100405Z"
