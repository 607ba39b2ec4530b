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

"""The Backup Plans panel's pages: the table (or, without Mistral, the
recipe for cron), a plan's page with its runs, Create and Edit.
"""

from django import shortcuts
from django.urls import reverse
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from horizon import exceptions
from horizon import forms
from horizon import messages
from horizon import tables
from horizon.utils import memoized
from horizon import views as horizon_views

from backup_dashboard.api import mistral as mistral_api
from backup_dashboard.api import nova as nova_api
from backup_dashboard.panels.plans import copy_field
from backup_dashboard.panels.plans import errors
from backup_dashboard.panels.plans import forms as plan_forms
from backup_dashboard.panels.plans import history
from backup_dashboard.panels.plans import rows
from backup_dashboard.panels.plans import tables as plan_tables
from backup_dashboard.panels.plans import words
from backup_dashboard import urlnames
from quick_backup_client.plans import executions as plan_executions
from quick_backup_client.plans import pages
from quick_backup_client.plans import schedule
from quick_backup_client.plans import store

INSTANCES_UNKNOWN = _("Unable to retrieve the instances right now: plans "
                      "show their instances' IDs.")


def servers(request, wanted=None):
    """Nova's listing by id (one GET below 1,000 instances), or None."""
    try:
        return nova_api.server_list(request, wanted)
    except Exception:
        messages.warning(request, INSTANCES_UNKNOWN)
        return None


def get_plan(request, plan_id):
    """The project's plan ``plan_id`` (``store.Listed``), or leave for the
    Plans page with why (another project's plan is Mistral's 404 too).
    """
    try:
        listed = store.get(mistral_api.client(request), plan_id)
    except Exception as exc:
        errors.report(request, exc, _("Unable to retrieve the backup "
                                      "plan."))
        raise exceptions.Http302(reverse(urlnames.PLANS))
    if listed is None:
        messages.error(request, errors.NO_SUCH_PLAN)
        raise exceptions.Http302(reverse(urlnames.PLANS))
    return listed


class IndexView(tables.DataTableView):
    table_class = plan_tables.PlansTable
    template_name = "plans/index.html"
    page_title = _("Backup Plans")

    def has_more_data(self, table):
        return self._more

    def has_prev_data(self, table):
        return self._prev

    def get_data(self):
        """One page of plans: three Mistral GETs (``pages.page``) and one
        Nova GET, whatever the number of plans; nothing without Mistral in
        the catalog.
        """
        self._more = self._prev = False
        self.available = mistral_api.is_available(self.request)
        if not self.available:
            return []
        meta = plan_tables.PlansTable._meta
        marker = self.request.GET.get(meta.pagination_param)
        prev_marker = self.request.GET.get(meta.prev_pagination_param)
        try:
            listed, more = pages.page(mistral_api.client(self.request),
                                      marker or prev_marker,
                                      backward=bool(prev_marker))
        except Exception as exc:
            errors.report(self.request, exc, _("Unable to list backup "
                                               "plans."))
            return []
        if prev_marker:
            self._prev, self._more = more, True
        else:
            self._more, self._prev = more, bool(marker)
        wanted = {server for each in listed for server in each.plan.servers}
        found = servers(self.request, wanted) if wanted else {}
        tz = rows.user_timezone(self.request)
        return [rows.PlanRow(each, found, tz) for each in listed]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["mistral_available"] = self.available
        return context


class DetailView(horizon_views.HorizonTemplateView):
    template_name = "plans/detail.html"
    page_title = "{{ row.name }}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        listed = get_plan(request, self.kwargs["plan_id"])
        try:
            executions = plan_executions.history(
                mistral_api.client(request), listed.plan.id)
            runs_unknown = False
        except Exception as exc:
            errors.report(request, exc, _("Unable to read the plan's run "
                                          "history."))
            executions, runs_unknown = [], True
        found = servers(request, set(listed.plan.servers))
        tz = rows.user_timezone(request)
        row = rows.PlanRow(listed, found, tz)
        context.update(
            row=row, tz=tz, runs_unknown=runs_unknown,
            runs=history.runs(executions, found, tz),
            missed=None if runs_unknown else history.missed(
                listed.trigger, executions, tz),
            schedule=plan_tables.schedule_words(row),
            retention=plan_tables.retention_words(row),
            next_run=plan_tables.next_run(row),
            last_result=plan_tables.last_result(row),
            url=reverse(urlnames.PLANS))
        return context


class CreateView(forms.ModalFormView):
    form_class = plan_forms.PlanForm
    template_name = "plans/form.html"
    modal_id = "create_plan_modal"
    submit_label = _("Create Plan")
    submit_url = reverse_lazy(urlnames.PLAN_CREATE)
    success_url = reverse_lazy(urlnames.PLANS)
    page_title = _("Create Backup Plan")

    def dispatch(self, request, *args, **kwargs):
        if not mistral_api.is_available(request):
            messages.error(request, _("Backup plans need the workflow "
                                      "service (Mistral), which this cloud "
                                      "does not offer."))
            return self._leave()
        return super().dispatch(request, *args, **kwargs)

    def _leave(self):
        return shortcuts.redirect(urlnames.PLANS)

    @memoized.memoized_method
    def get_servers(self):
        return servers(self.request) or {}

    @memoized.memoized_method
    def get_copy_targets(self):
        return copy_field.targets(self.request)

    def get_form_kwargs(self):
        return dict(super().get_form_kwargs(), servers=self.get_servers(),
                    tz=rows.user_timezone(self.request),
                    copy_targets=self.get_copy_targets())

    def get_initial(self):
        return {"instances": self.request.GET.getlist("instance")}


class EditView(CreateView):
    modal_id = "edit_plan_modal"
    submit_label = _("Save")
    page_title = _("Edit Backup Plan")

    @property
    def submit_url(self):
        return reverse(urlnames.PLAN_EDIT, args=[self.kwargs["plan_id"]])

    @memoized.memoized_method
    def get_listed(self):
        listed = get_plan(self.request, self.kwargs["plan_id"])
        if listed.plan.damaged:
            messages.error(self.request, words.DAMAGED % listed.plan.problem)
            raise exceptions.Http302(reverse(urlnames.PLANS))
        return listed

    def get_form_kwargs(self):
        return dict(super().get_form_kwargs(), listed=self.get_listed())

    def get_initial(self):
        plan = self.get_listed().plan
        initial = {"name": plan.name, "instances": plan.servers,
                   "preset": plan.preset or schedule.CRON,
                   "cron": plan.cron}
        initial.update(plan.retention.as_dict())
        initial["require_consistency"] = plan.require_consistency
        initial["verify"] = plan.verify
        initial["copy_to"] = plan.copy_to or ""
        # The preset's time as it is in the viewer's zone today.
        described = schedule.describe(plan.cron,
                                      rows.user_timezone(self.request))
        if described.kind in (schedule.DAILY, schedule.WEEKLY):
            initial["time"] = described.values["time"]
            initial["weekday"] = str(described.values.get("weekday", 0))
        return initial
