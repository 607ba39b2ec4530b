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

"""Copies of a backup in Glance's other stores: what is offered, what is
sent (one request each), and every refusal before anything is sent."""

import json
from unittest import mock

from keystoneauth1 import exceptions as ks_exceptions
import pytest

from quick_backup_client import copies
from quick_backup_client import failures

IMAGE_ID = "6b1f3a6e-1111-4222-8333-944455556666"
AVAILABLE = [{"id": "local", "description": "Local", "default": True},
             {"id": "offsite", "description": "Off-site", "default": False}]


def image(**fields):
    return dict({"id": IMAGE_ID, "status": "active", "stores": "local",
                 "size": 100}, **fields)


def volume_backed_image():
    return image(size=0, block_device_mapping=json.dumps(
        [{"snapshot_id": "snap-1", "boot_index": 0}]))


def test_a_copy_is_one_post_of_glances_copy_image_import():
    glance = mock.Mock()
    copies.copy(glance, image(), ["offsite"], AVAILABLE)
    glance.post.assert_called_once_with(
        "/v2/images/%s/import" % IMAGE_ID,
        json={"method": {"name": "copy-image"}, "stores": ["offsite"],
              "all_stores_must_succeed": False})
    glance.get.assert_not_called()


@pytest.mark.parametrize("backup, stores, reason", [
    ({"id": IMAGE_ID, "status": "active"}, ["offsite"],
     copies.SINGLE_STORE),
    (volume_backed_image(), ["offsite"], copies.VOLUME_BACKED),
    # Glance lists no stores for an image without data.
    ({k: v for k, v in volume_backed_image().items() if k != "stores"},
     ["offsite"], copies.VOLUME_BACKED),
    (image(status="saving"), ["offsite"], copies.NOT_ACTIVE),
    (image(os_glance_importing_to_stores="offsite"), ["offsite"],
     copies.COPYING),
    (image(), ["nowhere"], copies.UNKNOWN_STORE),
    (image(stores="local,offsite"), ["offsite"], copies.ALREADY_THERE),
])
def test_a_copy_that_cannot_be_done_is_refused_before_glance_is_asked(
        backup, stores, reason):
    glance = mock.Mock()
    with pytest.raises(copies.CopyRefused) as refused:
        copies.copy(glance, backup, stores, AVAILABLE)
    assert refused.value.reason == reason
    assert failures.copy_kind(refused.value) == reason
    glance.post.assert_not_called()


def test_a_volume_backed_backup_is_never_offered_a_copy():
    assert not copies.can_copy(volume_backed_image())
    assert copies.can_copy(image())


def test_a_single_store_glance_offers_nothing():
    # Only a multi-store Glance lists an image's stores.
    single = {"id": IMAGE_ID, "status": "active", "size": 100}
    assert not copies.is_multi_store(single)
    assert not copies.can_copy(single)
    assert copies.stores(single) == []


def test_the_targets_are_the_stores_allowed_minus_where_it_is_or_goes():
    assert [s["id"] for s in copies.targets(image(), AVAILABLE)] == [
        "offsite"]
    assert copies.targets(image(stores="local,offsite"), AVAILABLE) == []
    assert copies.targets(
        image(os_glance_importing_to_stores="offsite"), AVAILABLE) == []


def test_progress_comes_from_the_image_glance_already_returned():
    copying = image(os_glance_importing_to_stores="offsite",
                    os_glance_failed_import="")
    assert copies.importing(copying) == ["offsite"]
    assert copies.failed(copying) == []
    assert copies.failed(image(os_glance_failed_import="offsite")) == [
        "offsite"]
    assert copies.stores(image(stores="local,offsite")) == [
        "local", "offsite"]


def test_the_stores_a_user_may_target_are_one_get_without_read_only_ones():
    glance = mock.Mock()
    glance.get.return_value.json.return_value = {"stores": [
        {"id": "local", "description": "Local", "default": "true"},
        {"id": "offsite"},
        {"id": "archive", "read-only": "true"}]}
    assert copies.available_stores(glance) == [
        {"id": "local", "description": "Local", "default": True},
        {"id": "offsite", "description": "offsite", "default": False}]
    glance.get.assert_called_once_with("/v2/info/stores")


def test_removing_a_copy_is_one_delete_of_that_store_only():
    glance = mock.Mock()
    copies.remove_copy(glance, image(stores="local,offsite"), "offsite")
    glance.delete.assert_called_once_with(
        "/v2/stores/offsite/%s" % IMAGE_ID)


@pytest.mark.parametrize("backup, store, reason", [
    (image(), "local", copies.LAST_COPY),
    (image(), "offsite", copies.NOT_THERE),
    (image(stores="local,offsite", status="saving"), "local",
     copies.NOT_ACTIVE),
    (image(stores="local,offsite", os_glance_importing_to_stores="x"),
     "local", copies.COPYING),
    ({"id": IMAGE_ID, "status": "active"}, "local", copies.SINGLE_STORE),
])
def test_the_last_copy_or_one_that_is_not_there_is_never_removed(
        backup, store, reason):
    glance = mock.Mock()
    with pytest.raises(copies.CopyRefused) as refused:
        copies.remove_copy(glance, backup, store)
    assert refused.value.reason == reason
    glance.delete.assert_not_called()


@pytest.mark.parametrize("error, kind", [
    (ks_exceptions.BadRequest, copies.ALREADY_THERE),
    (ks_exceptions.Forbidden, failures.COPY_FORBIDDEN),
    (ks_exceptions.NotFound, failures.COPY_GONE),
    (ks_exceptions.Conflict, copies.COPYING),
    (ks_exceptions.InternalServerError, failures.SERVER_ERROR),
    (ks_exceptions.ServiceUnavailable, failures.SERVER_ERROR),
    (ks_exceptions.HTTPClientError, failures.UNKNOWN)])
def test_glances_answers_to_a_copy_are_classified_by_status(error, kind):
    assert failures.copy_kind(error()) == kind
    assert kind in failures.COPY_KINDS


def test_a_timeout_and_an_unreachable_glance_are_told_apart():
    assert failures.copy_kind(ks_exceptions.ConnectTimeout()) == \
        failures.TIMEOUT


def test_a_copy_glance_has_just_accepted_counts_as_copying():
    # Glance sets its import lock at once, the stores it copies to later.
    accepted = image(os_glance_import_task="t-1")
    assert copies.is_copying(accepted)
    glance = mock.Mock()
    with pytest.raises(copies.CopyRefused):
        copies.copy(glance, accepted, ["offsite"], AVAILABLE)
    glance.post.assert_not_called()
