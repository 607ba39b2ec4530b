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

"""The Quick Backup workflow: a backup name and a description, then Nova."""

import logging
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from keystoneauth1 import exceptions as ks_exceptions
from novaclient import exceptions as nova_exceptions

from horizon import forms
from horizon import workflows

from backup_dashboard.api import nova as nova_api
from backup_dashboard.panels.quick_backup import errors
from backup_dashboard.panels.quick_backup import links
from backup_dashboard.panels.quick_backup import preview
from backup_dashboard.panels.quick_backup import submissions
from backup_dashboard import urlnames
from quick_backup_client import backup_paths
from quick_backup_client import consistency as consistency_rule
from quick_backup_client import in_flight
from quick_backup_server import protocol

LOG = logging.getLogger(__name__)

NAME_MAX_LENGTH = protocol.NAME_MAX_LENGTH
DESCRIPTION_MAX_LENGTH = protocol.DESCRIPTION_MAX_LENGTH


def _reject_control_characters(value, allowed=""):
    if any(unicodedata.category(char) == "Cc" and char not in allowed
           for char in value):
        raise ValidationError(_("Use printable characters only."))


def validate_name(value):
    _reject_control_characters(value)


def validate_description(value):
    _reject_control_characters(value, allowed="\n\r\t")


class SetBackupDetailsAction(workflows.Action):
    name = forms.CharField(
        label=_("Backup Name"), max_length=NAME_MAX_LENGTH,
        validators=[validate_name],
        help_text=_("At most 255 characters."))
    description = forms.CharField(
        label=_("Description"), required=False,
        max_length=DESCRIPTION_MAX_LENGTH, validators=[validate_description],
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional; at most 255 characters. Stored with the "
                    "backup image."))
    instance_name = forms.CharField(widget=forms.HiddenInput(),
                                    required=False,
                                    max_length=NAME_MAX_LENGTH)
    # What the form's GET learned, for the backup path and the message (a
    # user who changes them changes neither Nova's checks nor the image).
    volume_backed = forms.BooleanField(widget=forms.HiddenInput(),
                                       required=False)
    volume_count = forms.IntegerField(widget=forms.HiddenInput(),
                                      required=False, min_value=0)
    # The consistency label the GET expected, recorded on the image (any
    # user may set their own images' properties: this is no privilege).
    consistency = forms.ChoiceField(
        widget=forms.HiddenInput(), required=False,
        choices=[(value, value) for value in consistency_rule.VALUES])
    submission_id = submissions.field(
        _("This form has expired: open Quick Backup again."))
    # Whose instance it is, signed by the form's GET (see owners.py).
    owner = forms.CharField(widget=forms.HiddenInput(), required=False)

    def __init__(self, request, context, *args, **kwargs):
        super().__init__(request, context, *args, **kwargs)
        self.preview = context.get("preview")  # on GET only

    def clean(self):
        cleaned_data = super().clean()
        # A hidden field's error is not shown next to it: show it on top.
        for hidden in ("submission_id", "volume_backed", "volume_count",
                       "consistency"):
            if hidden in self.errors:
                self.add_error(None, self.errors.pop(hidden))
        return cleaned_data

    def get_help_text(self, extra_context=None):
        return super().get_help_text(dict(extra_context or {},
                                          preview=self.preview))

    class Meta(object):
        name = _("Backup Details")
        slug = "backup_details"
        help_text_template = "quick_backup/_details_help.html"


class SetBackupDetails(workflows.Step):
    action_class = SetBackupDetailsAction
    # The preview (see preview.py) is made on GET only; a POST has None.
    depends_on = ("instance_id", "preview")
    contributes = ("name", "description", "instance_name", "submission_id",
                   "volume_backed", "volume_count", "owner", "consistency")


class QuickBackup(workflows.Workflow):
    slug = "quick_backup"
    name = _("Quick Backup")
    finalize_button_name = _("Create Backup")
    success_url = urlnames.INSTANCES
    default_steps = (SetBackupDetails,)
    success_message = _('Quick Backup "{name}" of instance "{instance}" '
                        'started. Image ID: {image_link}')
    # Replaced in handle() by a message that says what went wrong.
    failure_message = _('Unable to back up instance "%(instance)s".')

    image_id = None

    @property
    def blocked(self):
        """Why the form may not be sent, when its GET found a reason."""
        preview = self.context.get("preview")
        return preview.blocked if preview else None

    def handle(self, request, context):
        # A claim is this user's, in this project, for this instance and form.
        this_form = (request, context["instance_id"], context["submission_id"])
        try:
            first_submit = submissions.claim(*this_form)
        except Exception:
            LOG.exception("Could not claim a Quick Backup submission")
            self.failure_message = _(
                'Quick Backup is unavailable right now, so instance '
                '"%(instance)s" was not backed up. Try again later.')
            return False
        if not first_submit:
            return self._already_submitted(this_form)
        try:
            made = nova_api.backup_instance(
                request, context["instance_id"], context["name"],
                context.get("description") or "",
                volume_backed=bool(context.get("volume_backed")),
                instance_name=context.get("instance_name"),
                consistency=context.get("consistency") or None)
        except backup_paths.Misconfigured as problem:
            submissions.release(*this_form)  # nothing was sent
            LOG.error("Quick Backup is misconfigured: %s", problem)
            self.failure_message = preview.MISCONFIGURED
            return False
        except nova_exceptions.Unauthorized:
            submissions.release(*this_form)
            # Horizon asks the user to log in again.
            links.login_expired(request, _("Your login has expired. Log in "
                                           "again, then back up the "
                                           "instance."))
        except Exception as exc:
            if errors.nothing_was_made(exc):
                submissions.release(*this_form)
            if not isinstance(exc, (nova_exceptions.ClientException,
                                    ks_exceptions.ClientException,
                                    backup_paths.NotSent,
                                    in_flight.LostRace)):
                # Not an answer from Nova, nor a network failure: a bug.
                LOG.exception("Quick Backup of instance %s failed",
                              context["instance_id"])
            self.failure_message = errors.failure_message(exc)
            return False
        self.image_id = made.image_id
        submissions.record(*this_form, self.image_id)
        if context.get("volume_backed") and context.get("volume_count"):
            self.success_message = ngettext_lazy(
                'Quick Backup "{name}" of instance "{instance}" started: an '
                'image that points to {count} volume snapshot. Image ID: '
                '{image_link}',
                'Quick Backup "{name}" of instance "{instance}" started: an '
                'image that points to {count} volume snapshots. Image ID: '
                '{image_link}', context["volume_count"])
        return True

    def _already_submitted(self, this_form):
        """A form sent again: point at what the first submit made, if known."""
        self.image_id = submissions.recorded_image_id(*this_form)
        if self.image_id:
            self.success_message = _(
                'Quick Backup "{name}" of instance "{instance}" was already '
                'made by this form, so no second backup was made. Image ID: '
                '{image_link}')
            return True
        self.failure_message = _(
            'This Quick Backup of instance "%(instance)s" was already '
            'submitted, so no second backup was made.')
        return False

    def _instance_label(self):
        return self.context.get("instance_name") or \
            self.context.get("instance_id")

    def format_status_message(self, message):
        if self.image_id:  # set only when handle() succeeded
            url = links.backup_detail_url(self.image_id)
            # The class keeps the message on screen (quick_backup.js).
            image_link = format_html(
                '<a class="quick-backup-link" href="{}">{}</a>', url,
                self.image_id) if url else self.image_id
            return format_html(
                message, name=self.context.get("name"),
                instance=self._instance_label(), image_link=image_link,
                count=self.context.get("volume_count"))
        return message % {"instance": self._instance_label()}
