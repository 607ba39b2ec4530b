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

"""The `openstack` command from .venv/bin, as a user runs it with the demo's
openrc, against the local cloud: Nova with our filter (RegionOne), the same
Nova without it (RegionStock), a server booted from volumes, the listing,
and failures."""

import json
import os
import subprocess
import sys
import uuid

from devcloud import openrc
from quick_backup_server import protocol
from tests.integration.cloud import delete_backup
from tests.integration.cloud import image
from tests.integration.cloud import image_gone
from tests.integration.cloud import servers
from tests.integration.cloud import wait_idle
from tests.integration.cloud import wait_until

OPENSTACK = os.path.join(os.path.dirname(sys.executable), "openstack")
# The command starts in a second or two; a backup with --wait takes a few
# more on the fake driver, longer on a loaded machine.
COMMAND_SECONDS = 240


def openstack(cloud, *argv, region=None):
    """Run the command with the openrc `make demo` writes; returns the
    finished process (text stdout and stderr)."""
    env = {name: value for name, value in os.environ.items()
           if not name.startswith("OS_")}
    env.update(openrc.environment(cloud.info))
    env["LANG"] = "C.UTF-8"
    env.pop("LANGUAGE", None)
    env.pop("LC_ALL", None)
    if region:
        env["OS_REGION_NAME"] = region
    return subprocess.run([OPENSTACK] + list(argv), env=env,
                          capture_output=True, text=True,
                          timeout=COMMAND_SECONDS)


def requests_seen(session, faults_url):
    return session.get(faults_url, authenticated=False).json()["requests"]


def forget_requests(session, faults_url):
    session.delete(faults_url, authenticated=False)


def test_a_backup_with_wait_in_region_one_uses_our_api_and_is_listed(
        cloud, demo_session):
    web = servers(demo_session)["web-1"]
    wait_idle(demo_session, web["id"])
    compute = cloud.info["faults"]["compute"]
    glance = cloud.info["faults"]["image"]
    forget_requests(demo_session, compute)

    made = openstack(cloud, "server", "quick-backup", "web-1",
                     "--description", "from the command line", "--wait",
                     "-f", "json")

    assert made.returncode == 0, made.stderr
    shown = json.loads(made.stdout)
    try:
        assert shown["method"] == "backup_instance"
        assert shown["status"] == "active"
        assert shown["made"] == "an image"
        assert shown["name"].startswith("web-1-backup-")
        progress = made.stderr.splitlines()
        assert progress[-1].startswith("Backup %s: active, " % shown["id"])
        assert "Traceback" not in made.stderr
        assert requests_seen(demo_session, compute) == [
            "GET /v2.1/servers/web-1", "GET /v2.1/servers",  # ?name=web-1
            "GET /v2.1/servers/%s" % web["id"],
            "GET /v2.1/servers/%s/backup_instance" % web["id"],
            "POST /v2.1/servers/%s/backup_instance" % web["id"]]
        properties = image(demo_session, shown["id"])
        assert properties[protocol.MARKER_PROPERTY] == "true"
        assert properties[protocol.INSTANCE_PROPERTY] == web["id"]
        assert properties["description"] == "from the command line"

        forget_requests(demo_session, glance)
        listed = openstack(cloud, "server", "quick-backup", "list",
                           "--server", web["id"], "-f", "json")

        assert listed.returncode == 0, listed.stderr
        rows = json.loads(listed.stdout)
        assert shown["id"] in [row["ID"] for row in rows]
        assert {row["Instance"] for row in rows} == {web["id"]}
        # One Glance request, whatever the number of rows.
        assert [line.partition("?")[0] for line in requests_seen(
            demo_session, glance)] == ["GET /v2/images"]
    finally:
        delete_backup(demo_session, shown["id"])


def test_a_backup_in_the_stock_region_is_create_image(cloud, demo_session):
    db = servers(demo_session)["db-1"]
    wait_idle(demo_session, db["id"])
    stock = cloud.info["faults"]["compute_stock"]
    forget_requests(demo_session, stock)

    made = openstack(cloud, "server", "quick-backup", db["id"], "--name",
                     "db-1 from stock", "-f", "json",
                     region=cloud.info["stock_region"])

    assert made.returncode == 0, made.stderr
    shown = json.loads(made.stdout)
    try:
        assert shown["method"] == "create_image"
        assert requests_seen(demo_session, stock) == [
            "GET /v2.1/servers/%s" % db["id"],
            "GET /v2.1/servers/%s/backup_instance" % db["id"],
            "POST /v2.1/servers/%s/action" % db["id"]]
        properties = image(demo_session, shown["id"])
        assert properties["name"] == "db-1 from stock"
        assert properties[protocol.INSTANCE_PROPERTY] == db["id"]
        assert properties["description"] == ""
    finally:
        delete_backup(demo_session, shown["id"])


def test_a_server_booted_from_volumes_is_an_image_of_volume_snapshots(
        cloud, demo_session):
    vol = servers(demo_session)["vol-1"]
    wait_idle(demo_session, vol["id"])

    made = openstack(cloud, "server", "quick-backup", "vol-1", "--method",
                     "create_backup", "--backup-type", "daily",
                     "--rotation", "1", "--wait", "-f", "json")

    assert made.returncode == 0, made.stderr
    shown = json.loads(made.stdout)
    try:
        assert shown["method"] == "create_image"  # never createBackup
        assert shown["volume_backed"] is True
        assert shown["made"] == "an image that points to 2 volume snapshots"
        assert shown["status"] == "active"
    finally:
        delete_backup(demo_session, shown["id"])


def test_a_server_that_does_not_exist_is_a_clear_error(cloud):
    made = openstack(cloud, "server", "quick-backup", "no-such-server")

    assert made.returncode == 1
    assert "No server with a name or ID of 'no-such-server' exists." in \
        made.stderr
    assert "Traceback" not in made.stderr


def test_a_busy_server_is_refused_in_words_about_a_backup(cloud,
                                                         demo_session):
    cache = servers(demo_session)["cache-1"]
    wait_idle(demo_session, cache["id"])
    demo_session.post(cloud.info["faults"]["compute"], json={
        "method": "POST", "path_regex": "/backup_instance$", "status": 409,
        "count": 1}, authenticated=False)

    made = openstack(cloud, "server", "quick-backup", "cache-1")

    assert made.returncode == 1
    assert 'Server "cache-1" cannot be backed up right now: it is busy' in \
        made.stderr
    assert "createImage" not in made.stderr
    assert "Traceback" not in made.stderr
    assert made.stdout == ""


def test_create_backup_names_what_the_rotation_deletes_and_nova_deletes_it(
        cloud, demo_session):
    db = servers(demo_session)["db-1"]
    backup_type = "osc-" + uuid.uuid4().hex[:8]  # this test's own
    rotate = ("server", "quick-backup", "db-1", "--method", "create_backup",
              "--backup-type", backup_type, "--rotation", "1", "--wait",
              "-f", "value", "-c", "id")
    made = []
    try:
        wait_idle(demo_session, db["id"])
        first = openstack(cloud, *rotate)
        assert first.returncode == 0, first.stderr
        made.append(first.stdout.strip())
        assert "Nova deletes" not in first.stderr
        wait_idle(demo_session, db["id"])

        second = openstack(cloud, *rotate)

        assert second.returncode == 0, second.stderr
        made.append(second.stdout.strip())
        assert ('Nova deletes 1 older %s backup of server "db-1" '
                '(rotation 1):' % backup_type) in second.stderr
        assert "  %s  " % made[0] in second.stderr
        wait_until(lambda: image_gone(demo_session, made[0]),
                   what="the rotated backup to be deleted")
        assert image(demo_session, made[1])["status"] == "active"
    finally:
        for image_id in made:
            delete_backup(demo_session, image_id)


def test_wait_fails_clearly_when_nova_cannot_upload_the_backup(
        cloud, demo_session):
    web = servers(demo_session)["web-1"]
    wait_idle(demo_session, web["id"])
    # Glance refuses the snapshot's data: Nova's compute deletes the image.
    demo_session.post(cloud.info["faults"]["image"], authenticated=False,
                      json={"method": "PUT", "status": 500, "count": -1,
                            "path_regex": r"^/v2/images/[^/]+/file$"})

    made = openstack(cloud, "server", "quick-backup", "web-1", "--name",
                     "web-1 upload fails", "--wait")

    assert made.returncode == 1
    assert 'The backup of server "web-1" failed: its image ' in made.stderr
    assert "Traceback" not in made.stderr
    wait_idle(demo_session, web["id"])
