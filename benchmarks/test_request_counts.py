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

"""Benchmark: backend HTTP requests and time per Quick Backup, and Horizon's
own "Create Snapshot" for comparison.

Run by hand (``make bench``) or in CI; prints a table. Every HTTP request
that leaves the dashboard is answered and counted by requests_mock, as in
the unit tests, so the numbers do not depend on a cloud. Targets (from the
Quick Backup issues) are asserted: submitting sends exactly one request
whatever the method, opening the form at most one (three for an instance
booted from volumes).
"""

import re
import time
import tracemalloc

import requests_mock
from django.urls import reverse
from keystoneauth1 import fixture as ks_fixture

from backup_dashboard.panels.quick_backup import submissions
from tests import helpers

ROUNDS = 20
SNAPSHOT_ID = "c0ffee00-0000-4000-8000-000000000001"
VOLUME_BACKED_ID = "c0ffee00-0000-4000-8000-000000000002"
VOLUME = {"id": "c0ffee00-0000-4000-8000-000000000003", "name": "root",
          "size": 1}


class RequestCountBenchmark(helpers.QuickBackupTestCase):

    def answer_everything(self):
        """Answer Keystone and Nova the way a cloud would, for any client."""
        token = ks_fixture.V3Token(project_id=self.tenant.id)
        token.add_service("compute").add_standard_endpoints(
            public=self.nova_url, region="RegionOne")
        server = {"server": self.server.to_dict()}
        volume_backed = {"server": helpers.nova_server(
            self.server, id=VOLUME_BACKED_ID, image="", **{
                "os-extended-volumes:volumes_attached": [
                    {"id": VOLUME["id"]}]}).to_dict()}

        def respond(request, context):
            path = request.path
            if path.endswith("/auth/tokens"):
                context.headers["X-Subject-Token"] = "rescoped-token"
                return token
            if "keystone" in request.netloc:
                return ks_fixture.V3Discovery(request.url)
            if path.endswith("/volumes/detail"):
                return {"volumes": [VOLUME]}
            if path.endswith("/limits") and "cinder" in request.netloc:
                return {"limits": {"absolute": {"maxTotalSnapshots": 10,
                                                "totalSnapshotsUsed": 0}}}
            if path.endswith("/servers/" + VOLUME_BACKED_ID):
                return volume_backed
            if request.method == "POST" and path.endswith("/action"):
                context.status_code = 202
                context.headers["Location"] = "/images/" + SNAPSHOT_ID
                return {"image_id": SNAPSHOT_ID}
            if re.search(r"/servers/[^/]+$", path):
                return server
            return {"version": {"id": "v2.1", "status": "CURRENT",
                                "version": "2.100", "min_version": "2.1"}}

        self.http.register_uri(requests_mock.ANY, requests_mock.ANY,
                               json=respond)

    def measure(self, label, send):
        """Average requests and milliseconds per call of ``send``."""
        self.http.reset_mock()
        send()  # warm up: imports, templates, memoized clients
        self.http.reset_mock()
        tracemalloc.start()
        start = time.perf_counter()
        for _ in range(ROUNDS):
            send()
        elapsed = (time.perf_counter() - start) / ROUNDS * 1000
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        requests = self.http.call_count / ROUNDS
        kinds = sorted({"%s %s" % (r.method, r.path)
                        for r in self.http.request_history})
        self.rows.append((label, requests, elapsed, peak / 1024, kinds))
        return requests

    def test_report(self):
        self.rows = []
        self.answer_everything()
        backup_url = reverse("horizon:project:quick_backups:create",
                             args=[self.server.id])
        snapshot_url = reverse("horizon:project:images:snapshots:create",
                               args=[self.server.id])

        def submit_quick_backup():
            # What the form its GET rendered sends: the owner it signed.
            submission_id = submissions.new_submission_id()
            response = self.client.post(backup_url, {
                "instance_id": self.server.id, "name": "nightly",
                "instance_name": self.server.name, "description": "",
                "submission_id": submission_id,
                "owner": helpers.signed_owner(self, submission_id)})
            assert response.status_code == 302, response.status_code

        def submit_create_snapshot():
            response = self.client.post(snapshot_url, {
                "instance_id": self.server.id, "name": "nightly"})
            assert response.status_code == 302, response.status_code

        submit = self.measure("Quick Backup: submit", submit_quick_backup)
        # As the row action opens it: an AJAX request for the modal.
        opened = self.measure("Quick Backup: open form (modal)",
                              lambda: self.client.get(
                                  backup_url,
                                  HTTP_X_REQUESTED_WITH="XMLHttpRequest"))
        with self.settings(QUICK_BACKUP_METHOD="create_image"):
            stock = self.measure("Quick Backup, createImage: submit",
                                 submit_quick_backup)
        volume_url = reverse("horizon:project:quick_backups:create",
                             args=[VOLUME_BACKED_ID])
        opened_volume_backed = self.measure(
            "Quick Backup: open form, volume-backed",
            lambda: self.client.get(volume_url,
                                    HTTP_X_REQUESTED_WITH="XMLHttpRequest"))
        horizon = self.measure("Horizon Create Snapshot: submit",
                               submit_create_snapshot)

        print("\n%-40s %9s %9s %11s  %s" % ("benchmark (%d rounds)" % ROUNDS,
                                           "requests", "ms/call",
                                           "peak KiB", "requests sent"))
        for label, requests, ms, kib, kinds in self.rows:
            print("%-40s %9.1f %9.1f %11.0f  %s" % (label, requests, ms, kib,
                                                   "; ".join(kinds)))
        self.assertEqual(1, submit)
        self.assertEqual(1, stock)
        self.assertLessEqual(opened, 1)
        self.assertLessEqual(opened_volume_backed, 3)
        self.assertGreater(horizon, submit)
