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

"""Create and Edit a backup plan: a Horizon form, as Create Snapshot's.

The form checks the plan with the library (``spec.make``), so the rules
are the command line's too; times are entered in the user's time zone and
stored as UTC, a cron pattern is UTC as typed.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from horizon import forms
from horizon import messages

from backup_dashboard.api import mistral as mistral_api
from backup_dashboard.panels.plans import copy_field
from backup_dashboard.panels.plans import errors
from backup_dashboard.panels.plans import words
from quick_backup_client.plans import retention as retention_rules
from quick_backup_client.plans import schedule
from quick_backup_client.plans import spec
from quick_backup_client.plans import store
from quick_backup_server import protocol

PRESET_CHOICES = (
    (schedule.DAILY, _("Daily")),
    (schedule.WEEKLY, _("Weekly")),
    (schedule.CRON, _("Cron pattern (UTC)")),
)
WEEKDAY_CHOICES = tuple((str(n), day) for n, day in enumerate(words.WEEKDAYS))
INVALID = {
    "name": ("name", _("Give the plan a name of at most %d characters.")
             % spec.NAME_MAX_LENGTH),
    "servers": ("instances", _("Choose from 1 to %d of the project's "
                               "instances.") % spec.SERVERS_MAX),
    "retention": ("keep_last", _("Keep at least one backup, and at most "
                                 "%d of each kind.") %
                  retention_rules.KEEP_MAX),
}
BAD_TIME = _("Enter a time as HH:MM, such as 02:30.")
BAD_STORE = _("Choose one of the image stores listed.")
BAD_CRON = _("Enter five cron fields in UTC, such as 30 2 * * *.")


def _switched(preset, *presets):
    attrs = {"class": "switched", "data-switch-on": "preset"}
    for value in presets:
        attrs["data-preset-%s" % value] = preset
    return attrs


def _keep(label, initial=None):
    return forms.IntegerField(
        label=label, min_value=0, max_value=retention_rules.KEEP_MAX,
        required=initial is not None, initial=initial)


class PlanForm(forms.SelfHandlingForm):
    name = forms.CharField(label=_("Plan Name"),
                           max_length=spec.NAME_MAX_LENGTH)
    instances = forms.MultipleChoiceField(
        label=_("Instances"), widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("One backup of each instance is made on every run."))
    preset = forms.ChoiceField(
        label=_("Schedule"), choices=PRESET_CHOICES,
        widget=forms.ThemableSelectWidget(attrs={
            "class": "switchable", "data-slug": "preset"}))
    time = forms.CharField(
        label=_("Time (HH:MM)"), required=False, initial="02:00",
        widget=forms.TextInput(attrs=_switched(_("Time (HH:MM)"),
                                               schedule.DAILY,
                                               schedule.WEEKLY)))
    weekday = forms.ChoiceField(
        label=_("Day of the week"), required=False, choices=WEEKDAY_CHOICES,
        widget=forms.ThemableSelectWidget(attrs=_switched(
            _("Day of the week"), schedule.WEEKLY)))
    cron = forms.CharField(
        label=_("Cron pattern (UTC)"), required=False,
        widget=forms.TextInput(attrs=_switched(_("Cron pattern (UTC)"),
                                               schedule.CRON)))
    # The new plan's id, chosen when the form is shown: submitting the same
    # form twice finds the plan saved (store.AlreadySaved), never a second.
    plan_id = forms.CharField(widget=forms.HiddenInput(), required=False)
    keep_last = _keep(_("Keep the newest"), initial=7)
    keep_daily = _keep(_("Also keep daily backups of the last N days"))
    keep_weekly = _keep(_("Also keep weekly backups of the last N weeks"))
    keep_monthly = _keep(_("Also keep monthly backups of the last N "
                           "months"))
    require_consistency = forms.BooleanField(
        label=_("Require consistency"), required=False,
        help_text=_("Back up only instances whose backup is expected to be "
                    "application-consistent (their image has "
                    "hw_qemu_guest_agent=yes) or that are shut off; the run "
                    "reports the others as not backed up. The Compute "
                    "service enforces the freeze only where the image also "
                    "has os_require_quiesce=yes; elsewhere it is attempted, "
                    "and a failed freeze does not stop the backup."))
    verify = forms.BooleanField(
        label=_("Verify each new backup"), required=False,
        help_text=_("After each backup, boots a throwaway, isolated "
                    "instance (no network) from it, checks that it runs, "
                    "and deletes it. It counts against your quota for a few "
                    "minutes. A backup that fails its test restore fails "
                    "the run, and older backups of that instance are kept."))

    def __init__(self, request, *args, **kwargs):
        self.servers = kwargs.pop("servers")
        self.listed = kwargs.pop("listed", None)
        self.tz = kwargs.pop("tz")
        copy_targets = kwargs.pop("copy_targets", ())
        super().__init__(request, *args, **kwargs)
        copy_to = copy_field.field(
            copy_targets, self.listed.plan.copy_to if self.listed else None)
        if copy_to is not None:
            self.fields["copy_to"] = copy_to
        choices = [(server_id, server.get("name") or server_id)
                   for server_id, server in self.servers.items()]
        known = {server_id for server_id, _name in choices}
        for server_id in (self.listed.plan.servers if self.listed else ()):
            if server_id not in known:  # gone, still in the plan
                choices.append((server_id, server_id))
        self.fields["instances"].choices = sorted(
            choices, key=lambda choice: str(choice[1]).lower())
        if not self.is_bound and not self.listed:
            self.initial["plan_id"] = spec.new_id()
        self.fields["time"].help_text = _(
            "In your time zone, %s.") % self.tz

    def clean(self):
        data = super().clean()
        preset = data.get("preset")
        if not preset or self.errors:
            return data
        if preset == schedule.CRON:
            when, field, problem = data.get("cron"), "cron", BAD_CRON
        else:
            when, field, problem = data.get("time"), "time", BAD_TIME
        keep = retention_rules.Retention(*(
            data.get(name) or 0 for name in retention_rules.FIELDS))
        try:
            data["plan"] = spec.make(
                data.get("name"), data.get("instances"), preset, when or "",
                int(data.get("weekday") or 0), self.tz, keep,
                plan_id=self._plan_id(data),
                paused=self.listed.plan.paused if self.listed else False,
                require_consistency=bool(data.get("require_consistency")),
                verify=bool(data.get("verify")),
                copy_to=self._copy_to(data))
        except spec.Invalid as exc:
            if exc.field == "copy_to":
                raise ValidationError({"copy_to": BAD_STORE})
            name, text = INVALID.get(exc.field, (field, problem))
            raise ValidationError({name: text})
        return data

    def _copy_to(self, data):
        if "copy_to" in self.fields:
            return data.get("copy_to") or None
        return self.listed.plan.copy_to if self.listed else None

    def _plan_id(self, data):
        if self.listed:
            return self.listed.plan.id
        posted = data.get("plan_id")
        return posted if protocol.is_uuid(posted) else None

    def handle(self, request, data):
        plan = data["plan"]
        # An edit puts the plan back as it was read when it fails.
        save, before = (store.update, (self.listed,)) if self.listed else \
            (store.create, ())
        try:
            save(mistral_api.client(request), request.user.project_id, plan,
                 *before)
        except store.AlreadySaved:
            messages.info(request, _('Backup plan "%s" was saved already.')
                          % plan.name)
            return plan
        except Exception as exc:
            errors.report(request, exc, _('Unable to save backup plan '
                                          '"%s".') % plan.name,
                          handled_again=True)
            return False
        messages.success(request, _('Saved backup plan "%s".') % plan.name)
        return plan
