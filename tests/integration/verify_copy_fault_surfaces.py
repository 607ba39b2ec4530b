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

"""Verify and Copy for the fault matrix: the Verify action and the row
update that advances a test restore, Copy to Store (the form listing the
stores, then sent), Remove Copy, and the commands ``verify`` and ``copy``.
Each case is also checked for what is left half done: a test instance no
backup records (looked for as admin), a copy started twice (the copy's
surfaces are in copy_fault_surfaces.py)."""

import subprocess

from quick_backup_server import protocol
from tests.integration import cloud as cloud_api
from tests.integration.copy_fault_surfaces import CopyForm
from tests.integration.copy_fault_surfaces import CopyPage
from tests.integration.copy_fault_surfaces import forget_copies
from tests.integration.copy_fault_surfaces import OTHER_STORE
from tests.integration.copy_fault_surfaces import PATCH_TYPE
from tests.integration.copy_fault_surfaces import QUICK
from tests.integration.copy_fault_surfaces import RemoveCopy
from tests.integration.copy_fault_surfaces import WRITES
from tests.integration.fault_surfaces import BACKUPS
from tests.integration.fault_surfaces import IMAGE
from tests.integration.fault_surfaces import Surface
from tests.integration.test_osc_cloud import openstack

COMPUTE = {"service_type": "compute", "interface": "public"}
VERIFY_PROPERTIES = (protocol.VERIFY_SERVER_PROPERTY,
                     protocol.VERIFIED_PROPERTY,
                     protocol.VERIFIED_REASON_PROPERTY,
                     protocol.VERIFIED_AT_PROPERTY,
                     protocol.VERIFY_STARTED_PROPERTY,
                     protocol.VERIFY_VOLUMES_PROPERTY)
ROW = BACKUPS + "?action=row_update&table=backups&obj_id={backup}"


def verify_instances(admin):
    """Every project's test instances, as admin sees them."""
    return admin.get("/servers/detail", params={
        "all_tenants": 1, "name": "^" + protocol.VERIFY_SERVER_PREFIX},
        endpoint_filter=COMPUTE).json()["servers"]


def forget_verify(matrix):
    """No test instance anywhere, and the backup as never verified."""
    for server in verify_instances(matrix.admin):
        matrix.admin.delete("/servers/" + server["id"],
                            endpoint_filter=COMPUTE, raise_exc=False)
    cloud_api.wait_until(lambda: not verify_instances(matrix.admin),
                         what="the test instances to be deleted")
    image = matrix.image(matrix.ids["backup"])
    ops = [{"op": "remove", "path": "/" + name}
           for name in VERIFY_PROPERTIES if name in image]
    if ops:
        matrix.demo.patch("/v2/images/" + image["id"], json=ops,
                          endpoint_filter=IMAGE,
                          headers={"Content-Type": PATCH_TYPE})


def check_no_unrecorded_instance(matrix):
    """Every test instance is the one the backup records: the row update
    (or the command, run again) finishes it; no other is ever left."""
    recorded = matrix.image(matrix.ids["backup"]).get(
        protocol.VERIFY_SERVER_PROPERTY)
    if recorded == protocol.VERIFY_PENDING:
        # A boot whose answer was lost: the row's next update (which the
        # browser sends for a verifying row) finds what Nova made.
        matrix.horizon.get(ROW.format(**matrix.ids), headers={
            "X-Requested-With": "XMLHttpRequest"})
        recorded = matrix.image(matrix.ids["backup"]).get(
            protocol.VERIFY_SERVER_PROPERTY)
    left = [server["id"] for server in verify_instances(matrix.admin)]
    assert set(left) <= {recorded}, (left, recorded)


class VerifySurface(Surface):
    half_done = staticmethod(check_no_unrecorded_instance)
    faults = QUICK

    def tidy(self, matrix, arranged):
        forget_verify(matrix)


class Verify(VerifySurface):
    """The Backups table's Verify of the matrix's backup: its boot fails."""

    creates = r"^POST .*/servers$"
    # Served after the dashboard gave up, the instance comes later than
    # the look for it: the backup records the boot as pending.
    faults = WRITES

    def __init__(self, name, expect):
        super().__init__(name, "compute", "POST", "/servers$", expect)

    def arrange(self, matrix):
        forget_verify(matrix)
        assert matrix.horizon.get(BACKUPS).status_code == 200
        return {"fields": {"action": "backups__verify__%s"
                           % matrix.ids["backup"]}}

    def act(self, matrix, arranged):
        return matrix.horizon.post(BACKUPS, arranged["fields"])


class VerifyStep(VerifySurface):
    """The row update of a verifying backup whose test instance runs: the
    step that records the result (a PATCH of the image) fails."""

    creates = r"^DELETE .*/servers/"
    faults = ("500", "malformed JSON", "connection cut mid-response")

    def __init__(self, name, expect):
        super().__init__(name, "image", "PATCH", "^/v2/images/{backup}$",
                         expect)

    def arrange(self, matrix):
        forget_verify(matrix)
        sent = matrix.horizon.post(BACKUPS, {
            "action": "backups__verify__%s" % matrix.ids["backup"]})
        assert sent.status_code == 302
        server = matrix.image(matrix.ids["backup"])[
            protocol.VERIFY_SERVER_PROPERTY]
        cloud_api.wait_until(lambda: cloud_api.server(
            matrix.demo, server)["status"] == "ACTIVE",
            what="the test instance to run")
        return {}

    def act(self, matrix, arranged):
        return matrix.horizon.get(ROW.format(**matrix.ids), headers={
            "X-Requested-With": "XMLHttpRequest"})


class Command(Surface):
    """``openstack server quick-backup ...`` with the demo's openrc."""

    cli = True

    def __init__(self, name, service, method, path, expect, argv):
        super().__init__(name, service, method, path, expect)
        self.argv = argv

    def act(self, matrix, arranged, region=None):
        argv = [word.format(**matrix.ids) for word in self.argv]
        try:
            return openstack(matrix.cloud, "server", "quick-backup", *argv,
                             region=region)
        except subprocess.TimeoutExpired:
            raise AssertionError("the command never ended") from None


class VerifyCommand(Command, VerifySurface):
    creates = Verify.creates
    # A command costs seconds: Nova's 5xx is the panel's case (and the
    # library's unit tests); the command's own ways out here.
    faults = ("connection refused", "malformed JSON")

    def arrange(self, matrix):
        forget_verify(matrix)
        return {}


class CopyCommand(Command):
    creates = CopyForm.creates
    # Refused, the command fails reading the backup as CLI verify does.
    faults = ("500", "malformed JSON")

    def arrange(self, matrix):
        forget_copies(matrix)
        return {}

    def tidy(self, matrix, arranged):
        forget_copies(matrix)


VERIFY = ("Started a test restore", "Unable to")
# The form's view reads the backup first (a refused Glance fails there).
UNREAD = "Unable to retrieve the backup"
COPY = ("was not copied", "is being copied", UNREAD)
SURFACES = [
    Verify("verify", VERIFY),
    VerifyStep("verify row update", ("Verifying", "Verified",
                                     "Verify failed")),
    VerifyCommand("CLI verify", "compute", "POST", "/servers$",
                  ("Unable to", "could not", "did not", "failed"),
                  ["verify", "{backup}"]),
    CopyPage("copy form opening", "image", "GET", "^/v2/info/stores$",
             ("Unable to list the image stores", UNREAD),
             BACKUPS + "{backup}/copy/"),
    CopyForm("copy", COPY),
    RemoveCopy("remove copy", ("No copy of backup", "was removed", UNREAD)),
    CopyCommand("CLI copy", "image", "POST", "^/v2/images/{backup}/import$",
                ("Image service failed", "Unable to"),
                ["copy", "{backup}", "--store", OTHER_STORE]),
]
