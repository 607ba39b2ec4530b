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

"""The plugin's surfaces for the fault matrix: each names the one backend
call a fault hits, what it needs made first, the HTTP request a user's
browser sends, and the plugin's messages it may answer with."""

import json

from quick_backup_client import backup_paths
from tests.integration import cloud as cloud_api

BACKUPS = "project/quick_backups/"
IMAGE = cloud_api.IMAGE
VOLUME = cloud_api.VOLUME
# The createBackup path is the operator's choice: a second Horizon of the
# same cloud, set up for it (rotation large enough to delete nothing).
CREATE_BACKUP_HORIZON = "horizon-create-backup"
CREATE_BACKUP_SETTINGS = (
    "QUICK_BACKUP_METHOD = %r\nQUICK_BACKUP_BACKUP_TYPE = 'fault-matrix'\n"
    "QUICK_BACKUP_ROTATION = 50\n" % backup_paths.CREATE_BACKUP)


class Surface:
    """``service`` is the fault port (cloud.json's ``faults`` names) whose
    ``method`` on ``path`` (a regex, ``{...}`` from the matrix's ids) fails;
    ``expect`` are phrases of which a message must hold one."""

    region = "RegionOne"
    creates = None  # regex of a request that creates or deletes
    server = None  # the matrix's name of the instance a backup is made of
    horizon = None  # the Horizon that serves it, when not the cloud's own

    def __init__(self, name, service, method, path, expect):
        self.name, self.service, self.method = name, service, method
        self.path, self.expect = path, expect

    def arrange(self, matrix):
        """What the user has on screen before the failing request."""
        return {}

    def act(self, matrix, arranged):
        raise NotImplementedError

    def tidy(self, matrix, arranged):
        """Leave the cloud as the next case needs it."""


class Page(Surface):
    def __init__(self, name, service, method, path, expect, url, ajax=False):
        super().__init__(name, service, method, path, expect)
        self.url, self.ajax = url, ajax

    def act(self, matrix, arranged):
        # A tab that is not preloaded comes by ajax, as the browser asks.
        return matrix.horizon.get(self.url.format(**matrix.ids), headers={
            "X-Requested-With": "XMLHttpRequest"} if self.ajax else None)


class Submit(Surface):
    """The Quick Backup form: opened (in ``region``), then sent."""

    def __init__(self, name, service, path, server, region, expect,
                 horizon=None):
        super().__init__(name, service, "POST", path, expect)
        self.server, self.region, self.horizon = server, region, horizon
        self.creates = r"^POST .*/servers/{%s}/(backup_instance|action)$" \
            % server

    def url(self, matrix):
        return BACKUPS + "%s/create/" % matrix.ids[self.server]

    def arrange(self, matrix):
        matrix.wait_idle(self.server)
        if self.region != "RegionOne":
            matrix.horizon.switch_region(self.region)
        page = matrix.horizon.get(self.url(matrix))
        assert page.status_code == 200, "the form did not open"
        fields = matrix.form_fields(page.text)
        fields["name"] = matrix.unique_name()
        return {"fields": fields}

    def act(self, matrix, arranged):
        return matrix.horizon.post(self.url(matrix), arranged["fields"])

    def tidy(self, matrix, arranged):
        for image in matrix.images_named(arranged["fields"]["name"]):
            cloud_api.wait_until(lambda: matrix.image(image["id"])[
                "status"] != "queued" or not matrix.busy(self.server),
                what="the backup to settle")
            matrix.wait_idle(self.server)
            cloud_api.delete_backup(matrix.demo, image["id"])
        matrix.wait_idle(self.server)


class Restore(Surface):
    creates = r"^POST .*/servers/{matrix}/action$"

    def url(self, matrix):
        return BACKUPS + "%s/restore/" % matrix.ids["backup"]

    def arrange(self, matrix):
        matrix.wait_idle("matrix")
        page = matrix.horizon.get(self.url(matrix))
        assert page.status_code == 200, "Restore did not open"
        return {"fields": matrix.form_fields(page.text)}

    def act(self, matrix, arranged):
        return matrix.horizon.post(self.url(matrix), arranged["fields"])

    def tidy(self, matrix, arranged):
        matrix.wait_idle("matrix")


class Delete(Surface):
    """The Backups table's Delete of one fresh backup (volume-backed: its
    image points to a fresh Cinder snapshot)."""

    def __init__(self, name, service, path, volume_backed, expect):
        super().__init__(name, service, "DELETE", path, expect)
        self.volume_backed = volume_backed
        self.creates = r"^DELETE .*/({doomed}|{doomed_snapshot})$"

    def arrange(self, matrix):
        matrix.ids["doomed"] = matrix.make_backup(self.volume_backed)
        matrix.ids["doomed_snapshot"] = matrix.snapshot_of.get(
            matrix.ids["doomed"], "-")
        page = matrix.horizon.get(BACKUPS)
        assert page.status_code == 200
        return {"fields": {"action": "backups__delete__%s"
                           % matrix.ids["doomed"]}}

    def act(self, matrix, arranged):
        return matrix.horizon.post(BACKUPS, arranged["fields"])

    def tidy(self, matrix, arranged):
        cloud_api.delete_backup(matrix.demo, matrix.ids["doomed"])
        snapshot = matrix.ids["doomed_snapshot"]
        if snapshot != "-":
            matrix.demo.delete("/snapshots/" + snapshot,
                               endpoint_filter=VOLUME, raise_exc=False)
            cloud_api.wait_until(lambda: cloud_api.volume_snapshot_gone(
                matrix.demo, snapshot), what="snapshot %s gone" % snapshot)


class Protect(Surface):
    """The Backups table's Protect of the matrix's backup (one PATCH of its
    image), unprotected again after each case."""

    creates = r"^PATCH .*/v2/images/{backup}$"

    def __init__(self, name, expect):
        super().__init__(name, "image", "PATCH", "^/v2/images/{backup}$",
                         expect)

    def arrange(self, matrix):
        page = matrix.horizon.get(BACKUPS)
        assert page.status_code == 200
        return {"fields": {"action": "backups__protect__%s"
                           % matrix.ids["backup"]}}

    def act(self, matrix, arranged):
        return matrix.horizon.post(BACKUPS, arranged["fields"])

    def tidy(self, matrix, arranged):
        matrix.demo.patch(
            "/v2/images/" + matrix.ids["backup"], endpoint_filter=IMAGE,
            headers={"Content-Type":
                     "application/openstack-images-v2.1-json-patch"},
            json=[{"op": "replace", "path": "/protected", "value": False}])


def volume_backup_properties(snapshot_id):
    """What Nova writes on the image of a volume-backed snapshot."""
    return {"bdm_v2": "True", "root_device_name": "/dev/vda",
            "block_device_mapping": json.dumps([{
                "source_type": "snapshot", "destination_type": "volume",
                "snapshot_id": snapshot_id, "boot_index": 0,
                "device_name": "/dev/vda", "delete_on_termination": False}])}


SUBMIT = ('backed up', 'may still', 'not allowed to back up',
          'no longer exists', 'cannot be backed up', 'quota',
          'did not accept', 'Unable to find out how to back up',
          'Unable to reach', 'started', 'failed while backing up',
          'Your login has expired')
RESTORE = ('restore', 'rebuild', 'no longer exists', 'not restored',
           'Your login has expired', "Unable to retrieve the backup's "
           "instance")
SURFACES = [
    Submit("submit backup_instance", "compute",
           "/servers/{matrix}/backup_instance$", "matrix", "RegionOne",
           SUBMIT),
    Submit("submit createImage (stock Nova)", "compute_stock",
           "/servers/{matrix}/action$", "matrix", "RegionStock", SUBMIT),
    Submit("submit createBackup", "compute", "/servers/{matrix}/action$",
           "matrix", "RegionOne", SUBMIT, horizon=CREATE_BACKUP_HORIZON),
    Submit("submit volume-backed", "compute",
           "/servers/{vol}/backup_instance$", "vol", "RegionOne", SUBMIT),
    Page("form opening", "compute", "GET", "/servers/{matrix}$",
         ("Unable to retrieve the instance",),
         BACKUPS + "{matrix}/create/"),
    Page("form opening volume-backed", "volume", "GET", "/volumes/detail$",
         ("could not be read right now",), BACKUPS + "{vol}/create/"),
    Page("listing (Glance)", "image", "GET", "^/v2/images$",
         ("Unable to list backups",), BACKUPS),
    Page("listing (Nova)", "compute", "GET", "/servers/detail$",
         ("Unable to retrieve the instances",), BACKUPS),
    Page("backup page", "image", "GET", "^/v2/images/{backup}$",
         ("Unable to retrieve the backup",), BACKUPS + "{backup}/"),
    Page("backup page volume snapshots", "volume", "GET",
         "/snapshots/detail$", ("could not be read right now",),
         BACKUPS + "{volume_backup}/"),
    Page("restore opening", "compute", "GET", "/servers/{matrix}$",
         ("Unable to retrieve the backup's instance",),
         BACKUPS + "{backup}/restore/"),
    Restore("restore", "compute", "POST", "/servers/{matrix}/action$",
            RESTORE),
    Delete("delete", "image", "^/v2/images/{doomed}$", False,
           ("Unable to delete", "Deleted")),
    Delete("delete volume-backed", "volume", "/snapshots/{doomed_snapshot}$",
           True, ("volume snapshot", "Deleted")),
    Protect("protect", ("Unable to protect", "Protected Backup")),
    Page("instance page Backups tab", "image", "GET", "^/v2/images$",
         ("Unable to list the instance's backups",),
         "project/instances/{matrix}/?tab=instance_details__quick_backups",
         ajax=True),
]
