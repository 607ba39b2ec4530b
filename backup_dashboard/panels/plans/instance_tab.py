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

"""The Backup Plans tab of an instance's page: the plans that cover it,
with their schedule, next run and last result for this instance.

Loaded only when opened (two Mistral requests, ``store.plans``), so the
Overview asks Mistral nothing; not shown without Mistral in the catalog.
Mistral failing is said in the tab.
"""

from django.template import defaultfilters as filters
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from horizon import tables
from horizon import tabs

from backup_dashboard.api import mistral as mistral_api
from backup_dashboard.panels import columns
from backup_dashboard.panels.plans import errors
from backup_dashboard.panels.plans import instances_action
from backup_dashboard.panels.plans import rows
from backup_dashboard.panels.plans import tables as plan_tables
from backup_dashboard.panels.plans import words
from backup_dashboard import urlnames
from quick_backup_client.plans import runs
from quick_backup_client.plans import store


class InstancePlanRow(rows.PlanRow):
    """A plan that covers ``instance_id``."""

    def __init__(self, listed, instance_id, tz):
        super().__init__(listed, {}, tz)
        self.instance_id = instance_id

    @property
    def last_kind(self):
        """What the plan's last run did for this instance, or None."""
        return runs.last_kinds(self.last).get(self.instance_id)


def last_result(row):
    kind = row.last_kind
    if kind is None:
        return _("Not run yet")
    finished = row.last_finished
    when = filters.date(finished, plan_tables.DATETIME_FORMAT) \
        if finished else ""
    if kind == runs.MADE:
        return format_html("{} {}", words.MADE, when)
    url = reverse(urlnames.PLAN_DETAIL, args=[row.id])
    if row.last_execution:
        url += "#run-%s" % row.last_execution
    return format_html('<a href="{}">{}</a> {} {}', url, _("Failed"), when,
                       words.ITEM_FAILURES.get(
                           kind, words.ITEM_FAILURES[runs.UNKNOWN]))


class InstancePlansTable(tables.DataTable):
    name = columns.WrappingColumn("name", verbose_name=_("Name"),
                                  link=urlnames.PLAN_DETAIL)
    schedule = columns.Column(plan_tables.schedule_words,
                              verbose_name=_("Schedule"))
    next_run = columns.Column(plan_tables.next_run,
                              verbose_name=_("Next Run"))
    last_result = columns.Column(last_result, verbose_name=_("Last Result"))

    class Meta(object):
        name = "instance_plans"
        verbose_name = _("Backup Plans")
        no_data_message = _("No backup plan covers this instance.")


class PlansTab(tabs.TableTab):
    name = _("Backup Plans")
    slug = "backup_plans"
    table_classes = (InstancePlansTable,)
    template_name = "plans/_instance_plans.html"
    preload = False

    def allowed(self, request):
        return mistral_api.is_available(request)

    def get_instance_plans_data(self):
        self.unavailable = None
        instance_id = self.tab_group.kwargs["instance"].id
        try:
            listed = store.plans(mistral_api.client(self.request))
        except Exception as exc:
            errors.login_if_expired(self.request, exc, _(
                "Unable to list backup plans."), handled_again=True)
            errors.log(exc)
            self.unavailable = errors.message(exc)
            return []
        tz = rows.user_timezone(self.request)
        return [InstancePlanRow(each, instance_id, tz) for each in listed
                if instance_id in each.plan.servers]

    def get_context_data(self, request, **kwargs):
        context = super().get_context_data(request, **kwargs)
        instance_id = self.tab_group.kwargs["instance"].id
        context.update(unavailable=self.unavailable,
                       add_url=instances_action.form_url(
                           urlnames.PLAN_ADD, [instance_id]))
        return context
