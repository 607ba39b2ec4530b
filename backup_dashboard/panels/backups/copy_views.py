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

"""The Copy to Store and Remove Copy pages of a backup (modal forms)."""

from django.urls import reverse
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from horizon import exceptions
from horizon import forms
from horizon.utils import memoized
from openstack_dashboard import policy

from backup_dashboard.api import glance_copies
from backup_dashboard.panels.backups import backup as backup_model
from backup_dashboard.panels.backups import copy_forms
from backup_dashboard.panels.backups import views
from backup_dashboard import policies
from backup_dashboard import urlnames
from quick_backup_client import copies


class _StoreView(forms.ModalFormView):
    success_url = reverse_lazy(urlnames.BACKUPS)
    #: The rules checked for the backup itself, and the refusal.
    rules, not_allowed = (), None

    @memoized.memoized_method
    def get_backup(self):
        # As the table's action: opened or sent by URL alone too.
        image = views._own_backup(self.request, self.kwargs["image_id"])
        if not policy.check(self.rules, self.request,
                            policies.image_target(image)):
            views._leave(self.request, self.not_allowed)
        try:
            self.check(image)
            # What a copy itself changes is checked on opening only: a
            # form sent again is answered by its claim, then the library.
            if self.request.method == "GET":
                self.check_open(image)
        except copies.CopyRefused as refused:
            views._leave(self.request, copy_forms.failure_message(refused))
        return backup_model.Backup(image)

    def check(self, image):
        raise NotImplementedError

    def check_open(self, image):
        """What refuses to open the form (not to handle it)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["backup"] = self.get_backup()
        context["submit_url"] = reverse(self.submit_url,
                                        args=[self.kwargs["image_id"]])
        return context

    def get_form_kwargs(self):
        return dict(super().get_form_kwargs(), backup=self.get_backup())


class CopyView(_StoreView):
    form_class = copy_forms.CopyForm
    template_name = "backups/copy.html"
    modal_id = "copy_backup_modal"
    submit_label = _("Copy")
    submit_url = urlnames.COPY
    page_title = _("Copy Backup to Store")
    rules = (policies.COPY_IMAGE,)
    not_allowed = _("You are not allowed to copy this backup.")

    def check(self, image):
        copies.check_copyable(image)

    def check_open(self, image):
        copies.check_copy(image, [])

    @memoized.memoized_method
    def available(self):
        """The stores the user may target (one GET, on GET and POST)."""
        try:
            return glance_copies.available_stores(self.request)
        except Exception:
            exceptions.handle(self.request,
                              _("Unable to list the image stores."),
                              redirect=reverse(urlnames.BACKUPS), details="")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["targets"] = copies.targets(self.get_backup().image,
                                            self.available())
        return context

    def get_form_kwargs(self):
        return dict(super().get_form_kwargs(), available=self.available())


class RemoveCopyView(_StoreView):
    form_class = copy_forms.RemoveCopyForm
    template_name = "backups/remove_copy.html"
    modal_id = "remove_copy_modal"
    submit_label = _("Remove Copy")
    submit_url = urlnames.REMOVE_COPY
    page_title = _("Remove a Copy of the Backup")
    rules = policies.REMOVE_COPY
    not_allowed = _("You are not allowed to remove copies of this backup.")

    def check(self, image):
        if not copies.is_multi_store(image):
            raise copies.CopyRefused(copies.SINGLE_STORE)

    def check_open(self, image):
        held = copies.stores(image)
        copies.check_remove(image, held[-1] if held else "")
