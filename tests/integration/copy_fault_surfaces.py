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

"""Copy to Store and Remove Copy for the fault matrix: the form listing
the stores, the copy sent, the removal of one copy; after each case the
backup is in its first store only again."""

from quick_backup_client import copies
from tests.integration import cloud as cloud_api
from tests.integration.fault_surfaces import BACKUPS
from tests.integration.fault_surfaces import IMAGE
from tests.integration.fault_surfaces import Page
from tests.integration.fault_surfaces import Surface

PATCH_TYPE = "application/openstack-images-v2.1-json-patch"
OTHER_STORE = "offsite"  # devcloud's second store (glance_stores.py)
# Each kind of failure once (a slow service costs the timeout a case).
QUICK = ("connection refused", "500", "malformed JSON")
WRITES = QUICK + ("connection cut mid-response", "slower than the timeout")


def forget_copies(matrix):
    """The backup in its first store only, no copy going on."""
    backup = matrix.ids["backup"]
    cloud_api.wait_until(lambda: not copies.is_copying(matrix.image(
        backup)), what="Glance's copy to end")
    image = matrix.image(backup)
    for store in copies.stores(image)[1:]:
        matrix.demo.delete("/v2/stores/%s/%s" % (store, backup),
                           endpoint_filter=IMAGE, raise_exc=False)
    failed = copies.FAILED_PROPERTY
    if image.get(failed):
        matrix.demo.patch("/v2/images/" + backup, endpoint_filter=IMAGE,
                          headers={"Content-Type": PATCH_TYPE}, json=[
                              {"op": "remove", "path": "/" + failed}],
                          raise_exc=False)


def copied(matrix):
    """The backup copied to the other store (Glance's copy, waited for
    until Glance has also cleared its import's properties: Remove Copy is
    refused while they say a copy goes on).
    """
    backup = matrix.ids["backup"]
    matrix.demo.post("/v2/images/%s/import" % backup, endpoint_filter=IMAGE,
                     json={"method": {"name": "copy-image"},
                           "stores": [OTHER_STORE]})

    def in_place():
        image = matrix.image(backup)
        return OTHER_STORE in copies.stores(image) and not \
            copies.is_copying(image)
    cloud_api.wait_until(in_place, what="the copy in the other store")


class CopySurface(Surface):
    faults = QUICK
    url = BACKUPS + "{backup}/copy/"

    def prepare(self, matrix):
        forget_copies(matrix)

    def arrange(self, matrix):
        self.prepare(matrix)
        page = matrix.horizon.get(self.url.format(**matrix.ids))
        assert page.status_code == 200, "the form did not open"
        fields = matrix.form_fields(page.text)
        fields["store"] = OTHER_STORE
        return {"fields": fields}

    def act(self, matrix, arranged):
        return matrix.horizon.post(self.url.format(**matrix.ids),
                                   arranged["fields"])

    def tidy(self, matrix, arranged):
        forget_copies(matrix)


class CopyForm(CopySurface):
    creates = r"^POST .*/v2/images/{backup}/import$"
    faults = WRITES

    def __init__(self, name, expect):
        super().__init__(name, "image", "POST",
                         "^/v2/images/{backup}/import$", expect)


class RemoveCopy(CopySurface):
    creates = r"^DELETE .*/v2/stores/"
    url = BACKUPS + "{backup}/remove-copy/"

    def __init__(self, name, expect):
        super().__init__(name, "image", "DELETE",
                         "^/v2/stores/%s/{backup}$" % OTHER_STORE, expect)

    def prepare(self, matrix):
        forget_copies(matrix)
        copied(matrix)


class CopyPage(Page):
    faults = QUICK

    def tidy(self, matrix, arranged):
        forget_copies(matrix)
