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

"""Copy to Store and Remove Copy: one Glance request each, once per form."""

import logging

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from keystoneauth1 import exceptions as ks_exceptions

from horizon import exceptions
from horizon import forms
from horizon import messages

from backup_dashboard.api import glance_copies
from backup_dashboard.panels.quick_backup import links
from backup_dashboard.panels.quick_backup import submissions
from backup_dashboard import urlnames
from quick_backup_client import copies
from quick_backup_client import failures

LOG = logging.getLogger(__name__)

# What went wrong, by failures.copy_kind (never Glance's own text).
FAILURES = {
    copies.SINGLE_STORE: _("This cloud's Image service has one store only: "
                           "there is nowhere to copy to."),
    copies.VOLUME_BACKED: _("This backup's data are volume snapshots: a "
                            "copy to another image store would move "
                            "nothing."),
    copies.NOT_ACTIVE: _("The backup is not active yet: copy it once it "
                         "is."),
    copies.COPYING: _("The Image service is already copying this backup: "
                      "wait until that copy is in place."),
    copies.UNKNOWN_STORE: _("That store is not one you may use."),
    copies.ALREADY_THERE: _("The backup is already in that store."),
    copies.NOT_THERE: _("The backup has no copy in that store."),
    copies.LAST_COPY: _("That is the backup's only copy: delete the backup "
                        "instead."),
    failures.COPY_FORBIDDEN: _("The Image service does not allow you to do "
                               "this."),
    failures.COPY_GONE: _("The backup no longer exists."),
    failures.TIMEOUT: _("The Image service did not answer in time: look at "
                        "the backup's stores before trying again."),
    failures.UNREACHABLE: _("The Image service cannot be reached right "
                            "now: nothing was changed."),
    failures.SERVER_ERROR: _("The Image service failed."),
    failures.UNKNOWN: _("Something unexpected went wrong."),
}


def failure_message(exc):
    return FAILURES[failures.copy_kind(exc)]


def _store_choices(stores):
    return [(store["id"], store["description"] if store["description"] ==
             store["id"] else "%s (%s)" % (store["description"],
                                           store["id"]))
            for store in stores]


class _StoreForm(forms.SelfHandlingForm):
    submission_id = submissions.field(
        _("This form has expired: open it again."))
    # Not a ChoiceField: a form sent again once the copy is in place (or
    # removed) is answered by its claim; the library checks the store.
    store = forms.CharField(label=_("Store"), max_length=255,
                            widget=forms.Select())
    #: The claim's kind, and the messages of a failure and of a success.
    kind = None

    def __init__(self, request, *args, backup=None, choices=(), **kwargs):
        super().__init__(request, *args, **kwargs)
        self.backup = backup  # what the view read: never the form's fields
        self.fields["store"].widget.choices = _store_choices(choices)
        if not self.is_bound:
            self.initial["submission_id"] = submissions.new_submission_id()

    def send(self, request, store):
        raise NotImplementedError

    def handle(self, request, data):
        backup, store = self.backup, data["store"]
        this_form = (request, "%s:%s" % (self.kind, backup.id),
                     data["submission_id"])
        try:
            first_submit = submissions.claim(*this_form)
        except Exception:
            LOG.warning("Could not claim a %s submission", self.kind,
                        exc_info=True)
            messages.error(request, _("This is unavailable right now: "
                                      "nothing was changed. Try again "
                                      "later."))
            raise exceptions.Http302(reverse(urlnames.BACKUPS))
        if not first_submit:
            messages.info(request, _("This form was already submitted."))
            return True
        try:
            self.send(request, store)
        except ks_exceptions.Unauthorized:
            submissions.release(*this_form)
            links.login_expired(request, _("Your login has expired. Log in "
                                           "again, then try again."))
        except Exception as exc:
            kind = failures.copy_kind(exc)
            if kind not in (failures.TIMEOUT, failures.UNKNOWN):
                submissions.release(*this_form)  # nothing was changed
            if kind == failures.UNKNOWN:
                LOG.warning("%s of backup %s failed", self.kind, backup.id,
                            exc_info=True)
            messages.error(request, "%s %s" % (
                self.failed % {"backup": backup.name}, failure_message(exc)))
            raise exceptions.Http302(reverse(urlnames.BACKUPS))
        messages.success(request, self.done % {"backup": backup.name,
                                               "store": store})
        return True

    def get_success_url(self):
        return reverse(urlnames.BACKUPS)


class CopyForm(_StoreForm):
    kind = "copy"
    failed = _('Backup "%(backup)s" was not copied.')
    done = _('Backup "%(backup)s" is being copied to store "%(store)s".')

    def __init__(self, *args, available=(), **kwargs):
        self.available = available
        super().__init__(*args, choices=copies.targets(
            kwargs["backup"].image, available), **kwargs)

    def send(self, request, store):
        glance_copies.copy(request, self.backup.image, [store],
                           self.available)


class RemoveCopyForm(_StoreForm):
    kind = "remove_copy"
    failed = _('No copy of backup "%(backup)s" was removed.')
    done = _('The copy of backup "%(backup)s" in store "%(store)s" was '
             'removed.')

    def __init__(self, *args, **kwargs):
        held = copies.stores(kwargs["backup"].image)
        super().__init__(*args, choices=[
            {"id": store, "description": store} for store in held],
            **kwargs)

    def send(self, request, store):
        glance_copies.remove_copy(request, self.backup.image, store)
