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

"""Restore: rebuild a backup's own instance from it, once per form."""

import logging

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from novaclient import exceptions as nova_exceptions

from horizon import exceptions
from horizon import forms
from horizon import messages

from backup_dashboard.api import nova as nova_api
from backup_dashboard.panels.quick_backup import errors
from backup_dashboard.panels.quick_backup import links
from backup_dashboard.panels.quick_backup import submissions
from backup_dashboard import urlnames

LOG = logging.getLogger(__name__)


class RestoreForm(forms.SelfHandlingForm):
    submission_id = submissions.field(
        _("This form has expired: open Restore again."))

    def __init__(self, request, *args, backup=None, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.backup = backup  # what the view read: never the form's fields
        if not self.is_bound:
            self.initial["submission_id"] = submissions.new_submission_id()

    def handle(self, request, data):
        backup = self.backup
        label = {"instance": backup.instance_name}
        this_form = (request, "restore:%s:%s" % (backup.instance_id,
                                                 backup.id),
                     data["submission_id"])
        try:
            first_submit = submissions.claim(*this_form)
        except Exception:
            LOG.warning("Could not claim a restore submission", exc_info=True)
            messages.error(request, _('Restore is unavailable right now, so '
                                      'instance "%s" was not rebuilt. Try '
                                      'again later.') % backup.instance_name)
            raise exceptions.Http302(reverse(urlnames.BACKUPS))
        if not first_submit:
            messages.info(request, _('This restore of instance "%s" was '
                                     'already submitted.')
                          % backup.instance_name)
            return True
        try:
            nova_api.server_rebuild(request, backup.instance_id, backup.id,
                                    backup.volume_backed)
        except nova_exceptions.Unauthorized:
            submissions.release(*this_form)
            links.login_expired(request, _("Your login has expired. Log in "
                                           "again, then restore."))
        except Exception as exc:
            if errors.nothing_was_made(exc):
                submissions.release(*this_form)
            if not isinstance(exc, (nova_exceptions.ClientException,
                                    nova_api.RebuildUnsupported)):
                LOG.warning("Restore of instance %s failed",
                            backup.instance_id, exc_info=True)
            messages.error(request, errors.restore_failure_message(exc) %
                           label)
            raise exceptions.Http302(reverse(urlnames.BACKUPS))
        messages.success(request, _('Instance "%(instance)s" is being '
                                    'rebuilt from backup "%(backup)s".')
                         % {"instance": backup.instance_name,
                            "backup": backup.name})
        return True

    def get_success_url(self):
        return reverse(urlnames.BACKUPS)
