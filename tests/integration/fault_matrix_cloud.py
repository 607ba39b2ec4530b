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

"""The fault matrix's cloud: its own instance and backups, the fault ports,
and what each case checks afterwards."""

import contextlib
import itertools
import re
import socket

import requests

from quick_backup_server import protocol
from tests.integration import cloud as cloud_api
from tests.integration import fault_surfaces
from tests.integration import horizon_http

INJECTED = "devcloud injected fault"
BROKEN_PAGE = ("Traceback", "Server Error", "Internal Server Error")
# Messages that say an image may exist, and those that say none was made.
MAY_EXIST = ("may still", "started", "already made")
IDENTITY = {"service_type": "identity", "interface": "public"}
NOT_MADE = ("not backed up", "no longer exists", "not allowed",
            "cannot be backed up", "did not accept", "quota",
            "not available on this cloud")


class Matrix:
    def __init__(self, cloud, demo):
        self.cloud, self.demo = cloud, demo
        self.fault_urls = cloud.info["faults"]
        self.http = requests.Session()
        self.names = itertools.count(1)
        self.snapshot_of = {}
        self.made = []
        self.ids = {"vol": cloud.info["servers"]["vol-1"]}
        self.ids["matrix"] = cloud_api.boot_server(
            demo, "fault-matrix-1", cloud.info["image_id"],
            cloud.info["flavor_id"])
        self.ids["backup"] = self.make_backup(False)
        self.ids["volume_backup"] = self.make_backup(True)
        self.form_fields = horizon_http.form_fields
        self.horizon = horizon_http.Horizon(cloud.horizon_url,
                                            cloud.info["demo"])
        # Every Horizon a surface is served by, by name (None: the cloud's).
        self.horizons = {None: self.horizon}

    def serve(self, surface):
        """Let the case speak to the Horizon that serves ``surface``."""
        self.horizon = self.horizons[surface.horizon]

    # The cloud, as the demo user sees it.
    def unique_name(self):
        return "fault-matrix-backup-%d" % next(self.names)

    def image(self, image_id):
        return cloud_api.image(self.demo, image_id)

    def images_named(self, name):
        return self.demo.get("/v2/images", params={"name": name},
                             endpoint_filter=cloud_api.IMAGE).json()["images"]

    def busy(self, server):
        return cloud_api.server(self.demo, self.ids[server]).get(
            "OS-EXT-STS:task_state")

    def wait_idle(self, server):
        cloud_api.wait_idle(self.demo, self.ids[server])

    def make_backup(self, volume_backed):
        """A Quick Backup of the matrix's instance as Glance holds one
        (made directly: the matrix tests what the panel does with it)."""
        properties = {protocol.MARKER_PROPERTY: protocol.MARKER_VALUE,
                      protocol.INSTANCE_PROPERTY: self.ids["matrix"],
                      protocol.DESCRIPTION_PROPERTY: "fault matrix"}
        snapshot_id = None
        if volume_backed:
            snapshot_id = self._volume_snapshot()
            properties.update(fault_surfaces.volume_backup_properties(
                snapshot_id))
            properties[protocol.INSTANCE_PROPERTY] = self.ids["vol"]
        image_id = self.demo.post("/v2/images", json=dict(
            properties, name=self.unique_name(), disk_format="raw",
            container_format="bare"),
            endpoint_filter=cloud_api.IMAGE).json()["id"]
        self.demo.put("/v2/images/%s/file" % image_id, data=b"backup",
                      endpoint_filter=cloud_api.IMAGE, headers={
                          "Content-Type": "application/octet-stream"})
        if snapshot_id:
            self.snapshot_of[image_id] = snapshot_id
        self.made.append(image_id)
        return image_id

    def _volume_snapshot(self):
        volume = self.cloud.info["volumes"]["vol-1-data"]
        snapshot_id = self.demo.post("/snapshots", json={"snapshot": {
            "volume_id": volume, "force": True,
            "name": "snapshot for " + self.unique_name()}},
            endpoint_filter=cloud_api.VOLUME).json()["snapshot"]["id"]
        cloud_api.wait_until(lambda: self.demo.get(
            "/snapshots/" + snapshot_id, endpoint_filter=cloud_api.VOLUME
        ).json()["snapshot"]["status"] == "available",
            what="volume snapshot %s" % snapshot_id)
        return snapshot_id

    # The fault ports.
    def clear_faults(self):
        for url in self.fault_urls.values():
            self.http.delete(url, timeout=30).raise_for_status()

    def inject(self, surface, fault):
        rule = dict(fault, method=surface.method,
                    path_regex=surface.path.format(**self.ids))
        self.http.post(self.fault_urls[surface.service], json=rule,
                       timeout=30).raise_for_status()

    def requests_seen(self):
        return [seen for url in self.fault_urls.values()
                for seen in self.http.get(url, timeout=30).json()["requests"]]

    # The checks.
    def check(self, surface, fault, answer, messages, seen, made):
        if getattr(surface, "cli", False):
            shown = check_command(answer, surface.expect)
        else:
            shown = check_page(fault, answer, messages, surface.expect)
        if surface.creates:
            creates = re.compile(surface.creates.format(**self.ids))
            attempts = [line for line in seen if creates.search(line)]
            # At most once each (a volume-backed delete: image, snapshot).
            assert len(attempts) == len(set(attempts)), attempts
        if made is not None:  # a backup the user may have been told about
            if made:
                assert any(phrase in shown for phrase in MAY_EXIST), shown
            if any(phrase in shown for phrase in NOT_MADE):
                assert not made, shown

    def tidy(self):
        for image_id in self.made:
            cloud_api.delete_backup(self.demo, image_id)
        self.wait_idle("matrix")
        cloud_api.delete_server(self.demo, self.ids["matrix"])


def check_page(fault, answer, messages, expect):
    """Horizon's ``answer`` under ``fault``: a normal page or a redirect
    to one, no service's text, one of the ``expect`` phrases said (in a
    message, or in the page: a form's help text). Returns the messages'
    text, joined."""
    # A 401 may end in Horizon's own "not authorized" page (403).
    allowed = (200, 302, 403) if fault == "401 expired token" \
        else (200, 302)
    assert answer.status_code in allowed, answer.status_code
    for broken in BROKEN_PAGE:
        assert broken not in answer.text
    shown = " | ".join(text for _level, text in messages)
    assert INJECTED not in answer.text + shown
    assert "<html>" not in shown
    logged_out = answer.status_code == 302 and \
        horizon_http.LOGIN in answer.headers["Location"]
    if logged_out:  # Horizon's answer to a token it no longer has
        assert fault == "401 expired token", answer.headers["Location"]
    else:
        said = [text for _level, text in messages]
        if answer.status_code == 200:
            said.append(" ".join(horizon_http.TAG.sub(
                "", answer.text).split()))
        assert any(phrase.lower() in text.lower() for text in said
                   for phrase in expect), messages
    return shown


def check_command(answer, expect):
    """The command's ``answer``: no traceback nor service's text; done, or
    a non-zero exit with one of the ``expect`` phrases. Returns stderr."""
    said = answer.stdout + answer.stderr
    for broken in BROKEN_PAGE + (INJECTED, "<html>"):
        assert broken not in said, said
    if answer.returncode != 0:
        assert any(phrase in answer.stderr for phrase in expect), \
            answer.stderr
    return answer.stderr


@contextlib.contextmanager
def refusing(keystone, catalog_types):
    """Regions (the keys of ``catalog_types``) whose one endpoint of that
    catalog type refuses connections, every other endpoint as RegionOne's:
    a port bound but never listening, so the kernel refuses every
    connection (nothing a WSGI middleware could do). ``keystone`` is an
    admin's session."""
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    dead = "http://127.0.0.1:%d" % closed.getsockname()[1]
    services = {service["id"]: service["type"] for service in keystone.get(
        "/services", endpoint_filter=IDENTITY).json()["services"]}
    endpoints = keystone.get("/endpoints", params={"region_id": "RegionOne"},
                             endpoint_filter=IDENTITY).json()["endpoints"]
    made = []
    try:
        for region, refused in catalog_types.items():
            keystone.post("/regions", endpoint_filter=IDENTITY,
                          json={"region": {"id": region}})
            for endpoint in endpoints:
                url = endpoint["url"]
                if services[endpoint["service_id"]] == refused:
                    url = re.sub(r"^http://[^/]+", dead, url)
                made.append(keystone.post(
                    "/endpoints", endpoint_filter=IDENTITY, json={
                        "endpoint": dict(url=url, region_id=region, **{
                            key: endpoint[key] for key in (
                                "service_id", "interface")})}
                ).json()["endpoint"]["id"])
        yield
    finally:
        for endpoint_id in made:
            keystone.delete("/endpoints/" + endpoint_id,
                            endpoint_filter=IDENTITY, raise_exc=False)
        for region in catalog_types:
            keystone.delete("/regions/" + region, endpoint_filter=IDENTITY,
                            raise_exc=False)
        closed.close()
