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
