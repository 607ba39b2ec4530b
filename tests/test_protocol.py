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

"""The shared facts of the Quick Backup API: ids, properties, the marker."""

import pytest

from quick_backup_server import protocol

A = "6ae1f1c4-1111-4a3f-9d6e-0c2f6b1d2a11"
B = "0d9b2c1e-3333-4b7a-9c51-7a1e2f3d4c66"


@pytest.mark.parametrize("value, shaped", [
    (A, True), (A.upper(), True), (A.replace("-", ""), False),
    (A + "\n", False), (" " + A, False), ("../" + A, False), ("", False),
    (None, False), (42, False), ([A], False),
])
def test_ids_shaped_like_novas(value, shaped):
    assert protocol.is_uuid(value) is shaped


def test_every_backup_names_its_instance_a_description_and_consistency():
    assert protocol.backup_properties(A, None) == {
        "quick_backup": "true", "quick_backup_instance": A,
        "description": "", "quick_backup_consistency": "unknown"}
    assert protocol.backup_properties(A, "d", "web-1", "shutoff") == {
        "quick_backup": "true", "quick_backup_instance": A,
        "quick_backup_instance_name": "web-1", "description": "d",
        "quick_backup_consistency": "shutoff"}


def test_a_consistency_that_is_not_a_label_is_recorded_as_unknown():
    properties = protocol.backup_properties(A, "", consistency="perfect")
    assert properties["quick_backup_consistency"] == "unknown"


def test_a_long_instance_name_is_cut_to_what_nova_keeps():
    properties = protocol.backup_properties(A, "", "x" * 300)
    assert properties["quick_backup_instance_name"] == "x" * 255


@pytest.mark.parametrize("properties, made_by_quick_backup", [
    # A backup of an image-backed instance: Nova names the same instance.
    ({"quick_backup": "true", "quick_backup_instance": A,
      "instance_uuid": A}, True),
    # A volume-backed one: Nova names no instance.
    ({"quick_backup": "true", "quick_backup_instance": A}, True),
    # A snapshot of B, launched from a backup of A: inherited marker.
    ({"quick_backup": "true", "quick_backup_instance": A,
      "instance_uuid": B}, False),
    # Markers of the first release, or forged ones, name no instance.
    ({"quick_backup": "true", "instance_uuid": A}, False),
    ({"quick_backup": "true", "quick_backup_instance": "x"}, False),
    ({"quick_backup": "yes", "quick_backup_instance": A}, False),
    ({"instance_uuid": A}, False),
])
def test_a_marker_counts_only_on_the_instance_it_names(properties,
                                                       made_by_quick_backup):
    assert protocol.is_quick_backup(properties) is made_by_quick_backup
