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

"""Real Nova and Cinder read page by page as the dashboard reads them
(``backup_dashboard.api.paging``), with pages of one item so that the local
cloud's few servers, volumes and snapshots span several pages: their
``next`` links carry the marker we follow, and every item is read once."""

from backup_dashboard.api import paging
from quick_backup_client import backup_paths
from tests.integration import cloud as cloud_api


def counted_get(session, endpoint_filter, calls):
    """``get(path, params)`` as the dashboard's, counting its requests."""
    def get(path, params):
        calls.append(dict(params))
        return session.get(path, params=params,
                           endpoint_filter=endpoint_filter).json()
    return get


def whole_list(session, endpoint_filter, path, key):
    body = session.get(path, endpoint_filter=endpoint_filter).json()
    return {item["id"] for item in body[key]}


def assert_read_one_by_one(session, endpoint_filter, path, key):
    every = whole_list(session, endpoint_filter, path, key)
    assert len(every) >= 2, "the local cloud has fewer %s than pages" % key
    calls = []
    found = paging.collection(counted_get(session, endpoint_filter, calls),
                              path, key, limit=1)
    assert set(found) == every
    # A full last page has a next link too: one empty page ends the list.
    assert len(calls) == len(every) + 1
    assert "marker" not in calls[0]
    assert len({call["marker"] for call in calls[1:]}) == len(every)
    return sorted(every)


def test_novas_servers_are_read_page_by_page_to_the_end(demo_session):
    assert_read_one_by_one(demo_session, cloud_api.COMPUTE,
                           "/servers/detail", "servers")


def test_nova_is_asked_no_further_than_the_instances_wanted(demo_session):
    first = demo_session.get("/servers/detail", params={"limit": 1},
                             endpoint_filter=cloud_api.COMPUTE
                             ).json()["servers"][0]["id"]
    calls = []
    found = paging.collection(counted_get(
        demo_session, cloud_api.COMPUTE, calls), "/servers/detail",
        "servers", wanted={first}, limit=1)
    assert first in found
    assert len(calls) == 1


def test_cinders_volumes_are_read_page_by_page_to_the_end(demo_session):
    assert_read_one_by_one(demo_session, cloud_api.VOLUME,
                           "/volumes/detail", "volumes")


def test_cinders_snapshots_are_read_page_by_page_to_the_end(
        cloud, demo_session):
    # A Quick Backup of vol-1 makes a snapshot of each of its two volumes.
    image_id = cloud_api.make_backup(
        demo_session, cloud.info["servers"]["vol-1"], "paging")
    try:
        made = backup_paths.volume_snapshot_ids(
            cloud_api.image(demo_session, image_id))
        every = assert_read_one_by_one(demo_session, cloud_api.VOLUME,
                                       "/snapshots/detail", "snapshots")
        assert set(made) <= set(every)
    finally:
        cloud_api.delete_backup(demo_session, image_id)
