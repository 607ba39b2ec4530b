"""The Glance queries the dashboard and the openstack command share."""

from unittest import mock

import pytest

from quick_backup_client import backup_images


def test_a_listing_without_a_project_is_refused_before_glance_is_asked():
    glance = mock.Mock()
    with pytest.raises(backup_images.NoProject):
        backup_images.backups(glance, None)
    with pytest.raises(backup_images.NoProject):
        backup_images.backups_page(glance, "")
    glance.get.assert_not_called()


def test_the_listing_filters_on_the_project_as_owner():
    assert backup_images.backup_filters("p1")["owner"] == "p1"


def test_an_image_id_is_quoted_into_one_path_segment():
    glance = mock.Mock()
    backup_images.image_get(glance, "x/members?visibility=all")
    glance.get.assert_called_once_with(
        "/v2/images/x%2Fmembers%3Fvisibility%3Dall")
