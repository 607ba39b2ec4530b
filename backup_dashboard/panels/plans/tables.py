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

"""The Backup Plans table: the project's plans on Mistral, and what can be
done with them (each a Mistral call as the user; Mistral's policy decides).
"""

from django.contrib import messages
from django.template import defaultfilters as filters
from django.urls import reverse
from django.utils.html import format_html
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from horizon import tables

from backup_dashboard.api import mistral as mistral_api
from backup_dashboard.panels import columns
from backup_dashboard.panels.plans import errors
from backup_dashboard.panels.plans import words
from backup_dashboard import urlnames
from quick_backup_client.plans import store

DATETIME_FORMAT = "Y-m-d H:i T"


def _call(request, call, *args):
    """``call(mistral, *args)``; a failure is said in words, then raised
    for Horizon's batch message ("Unable to ...").
    """
    try:
        return call(mistral_api.client(request), *args)
    except Exception as exc:
        errors.login_if_expired(request, exc, errors.LOGIN_EXPIRED,
                                handled_again=True)
        messages.error(request, errors.message(exc))
        raise


class CreatePlan(tables.LinkAction):
    name = "create"
    verbose_name = _("Create Plan")
    url = urlnames.PLAN_CREATE
    classes = ("ajax-modal",)
    icon = "plus"


def readable(row):
    """A damaged plan (``spec.Damaged``) can be deleted, nothing else."""
    return row is None or not row.damaged


class EditPlan(tables.LinkAction):
    name = "edit"
    verbose_name = _("Edit Plan")
    url = urlnames.PLAN_EDIT
    classes = ("ajax-modal",)
    icon = "pencil"

    def allowed(self, request, row=None):
        return readable(row)


class RunNow(tables.BatchAction):
    name = "run_now"
    icon = "play"
    help_text = _("Each instance of the plan is backed up now, and the "
                  "plan's retention applied.")

    @staticmethod
    def action_present(count):
        return ngettext_lazy("Run Plan Now", "Run Plans Now", count)

    @staticmethod
    def action_past(count):
        return ngettext_lazy("Started Plan", "Started Plans", count)

    def allowed(self, request, row=None):
        return readable(row)

    def action(self, request, obj_id):
        row = self.table.get_object_by_id(obj_id)
        _call(request, store.run_now, request.user.project_id, row.plan)


class PausePlan(tables.BatchAction):
    name = "pause"
    icon = "pause"
    help_text = _("The plan stops running until it is resumed.")

    @staticmethod
    def action_present(count):
        return ngettext_lazy("Pause Plan", "Pause Plans", count)

    @staticmethod
    def action_past(count):
        return ngettext_lazy("Paused Plan", "Paused Plans", count)

    def allowed(self, request, row=None):
        return readable(row) and (row is None or not row.paused)

    def action(self, request, obj_id):
        row = self.table.get_object_by_id(obj_id)
        _call(request, store.update, request.user.project_id,
              row.plan.replace(paused=True), row.listed)


class ResumePlan(tables.BatchAction):
    name = "resume"
    icon = "play-circle"
    help_text = _("The plan runs on its schedule again.")

    @staticmethod
    def action_present(count):
        return ngettext_lazy("Resume Plan", "Resume Plans", count)

    @staticmethod
    def action_past(count):
        return ngettext_lazy("Resumed Plan", "Resumed Plans", count)

    def allowed(self, request, row=None):
        return readable(row) and (row is None or row.paused)

    def action(self, request, obj_id):
        row = self.table.get_object_by_id(obj_id)
        _call(request, store.update, request.user.project_id,
              row.plan.replace(paused=False), row.listed)


class DeletePlan(tables.DeleteAction):
    help_text = _("The plan stops running. The backups it made are kept.")
    default_message_level = "info"

    @staticmethod
    def action_present(count):
        return ngettext_lazy("Delete Plan", "Delete Plans", count)

    @staticmethod
    def action_past(count):
        return ngettext_lazy("Deleted Plan", "Deleted Plans", count)

    def delete(self, request, obj_id):
        row = self.table.get_object_by_id(obj_id)
        _call(request, store.delete, row.plan)


def instance_links(row):
    def label(instance):
        if instance.server:
            return format_html('<a href="{}">{}</a>', reverse(
                urlnames.INSTANCE_DETAIL, args=[instance.id]), instance.name)
        if instance.unknown:
            return format_html("{}", instance.name)
        return format_html("{} <em>{}</em>", instance.name, _("(deleted)"))
    return format_html_join(", ", "{}", ((label(instance),)
                                         for instance in row.instances))


def schedule_words(row):
    if row.damaged:
        return words.DAMAGED % row.plan.problem
    return words.schedule_words(row.plan.cron, row.tz)


def retention_words(row):
    return "-" if row.damaged else words.retention_words(row.plan.retention)


def copy_to(row):
    """The store each backup is also copied to, or "-"."""
    return "-" if row.damaged else (row.plan.copy_to or "-")


def next_run(row):
    if row.paused:
        return _("Paused")
    if row.trigger is None:
        return _("Not scheduled: edit and save the plan again.")
    when = row.next_run
    return filters.date(when, DATETIME_FORMAT) if when else "-"


def last_result(row):
    if not row.last:
        return _("Not run yet")
    finished = row.last_finished
    when = filters.date(finished, DATETIME_FORMAT) if finished else ""
    if not row.last_failed:
        return format_html("{} {}", _("Succeeded"), when)
    reasons = [words.ITEM_FAILURES[kind] for kind in row.last_failure_kinds
               if kind in words.ITEM_FAILURES]
    url = reverse(urlnames.PLAN_DETAIL, args=[row.id])
    if row.last_execution:
        url += "#run-%s" % row.last_execution
    return format_html('<a href="{}">{}</a> {} {}', url, _("Failed"), when,
                       " ".join(str(reason) for reason in reasons) or
                       _("See the run history."))


def verify_words(row):
    if row.damaged:
        return "-"
    return _("On") if row.plan.verify else _("Off")


class PlansTable(tables.DataTable):
    name = columns.WrappingColumn("name", verbose_name=_("Name"),
                                  link=urlnames.PLAN_DETAIL)
    instances = columns.Column(instance_links, verbose_name=_("Instances"))
    schedule = columns.Column(schedule_words, verbose_name=_("Schedule"))
    retention = columns.Column(retention_words, verbose_name=_("Retention"))
    verify = columns.Column(verify_words, verbose_name=_("Verify"))
    copy_to = columns.Column(copy_to, verbose_name=_("Also Copied To"))
    next_run = columns.Column(next_run, verbose_name=_("Next Run"))
    last_result = columns.Column(last_result,
                                 verbose_name=_("Last Result"))

    def get_object_display(self, datum):
        return getattr(datum, "name", None)

    class Meta(object):
        name = "plans"
        verbose_name = _("Backup Plans")
        table_actions = (CreatePlan, RunNow, PausePlan, ResumePlan,
                         DeletePlan)
        row_actions = (EditPlan, RunNow, PausePlan, ResumePlan, DeletePlan)
