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

"""The Quick Backup form: its GET previews, its POST takes the backup."""

from django.urls import reverse
from django.utils import http as http_utils
from django.utils.translation import gettext_lazy as _

from novaclient import exceptions as nova_exceptions

from horizon import exceptions
from horizon import forms
from horizon import messages
from horizon import workflows
from openstack_dashboard import policy

from backup_dashboard.api import nova as nova_api
from backup_dashboard.panels.quick_backup import actions
from backup_dashboard.panels.quick_backup import errors
from backup_dashboard.panels.quick_backup import links
from backup_dashboard.panels.quick_backup import owners
from backup_dashboard.panels.quick_backup import preview as backup_preview
from backup_dashboard.panels.quick_backup import submissions
from backup_dashboard.panels.quick_backup import workflows as backup_workflows
from backup_dashboard import policies
from backup_dashboard import urlnames
from quick_backup_client import backup_paths


class QuickBackupView(workflows.WorkflowView):
    workflow_class = backup_workflows.QuickBackup
    template_name = "quick_backup/create.html"
    ajax_template_name = "quick_backup/_workflow.html"
    page_title = _("Quick Backup")

    def get_initial(self):
        initial = super().get_initial()
        initial.update(instance_id=self.kwargs["instance_id"], preview=None)
        # Only opening the form asks the cloud (one GET; a few more for an
        # instance booted from volumes, or a rotation to show); a POST
        # carries what it needs, so that submitting costs the backup alone.
        if self.request.method == "GET":
            instance = self._get_instance()
            self._refuse_unless_allowed(
                actions.policy_rules_for(instance),
                actions.QuickBackup().get_policy_target(self.request,
                                                        instance))
            preview = backup_preview.build(self.request, instance)
            submission_id = submissions.new_submission_id()
            initial.update({
                "instance_name": instance.name,
                "name": backup_paths.default_backup_name(instance.name),
                "submission_id": submission_id,
                "owner": owners.sign(self.request, instance, submission_id),
                "volume_backed": preview.volume_backed,
                "volume_count": preview.volume_count,
                "consistency": preview.consistency,
                "preview": preview,
            })
        return initial

    def _get_instance(self):
        try:
            return nova_api.server_get(self.request,
                                       self.kwargs["instance_id"])
        except Exception:
            exceptions.handle(self.request,
                              _("Unable to retrieve the instance."),
                              redirect=reverse(urlnames.INSTANCES), details="")

    def _refuse_unless_allowed(self, rules, target=None):
        """The rules the row action checks: a form reached by its URL alone
        is refused too (Nova checks them again, with its own policy).
        """
        if not policy.check(rules, self.request, target):
            messages.error(self.request, _("You are not allowed to back up "
                                           "this instance."))
            raise exceptions.Http302(reverse(urlnames.INSTANCES))

    def _owner_of_sent_instance(self, request):
        """The policy target of the instance a POST is for: what the form's
        GET signed (no request), else read from Nova (one GET).
        """
        known = owners.target(request, self.kwargs["instance_id"],
                              request.POST.get("submission_id"),
                              request.POST.get(owners.FIELD))
        if known is not None:
            return known
        try:
            instance = nova_api.server_get(request, self.kwargs["instance_id"])
        except nova_exceptions.Unauthorized:
            links.login_expired(request, _("Your login has expired. Log in "
                                           "again, then back up the "
                                           "instance."))
        except Exception as exc:
            # As if Nova had refused the backup: "no longer exists"...
            label = request.POST.get("instance_name") or \
                self.kwargs["instance_id"]
            messages.error(request, errors.failure_message(exc) % {
                "instance": label})
            raise exceptions.Http302(reverse(urlnames.INSTANCES))
        return policies.instance_target(instance)

    def post(self, request, *args, **kwargs):
        # The rules for what the form says it is (Nova checks what it really
        # is): denied to the user's own instances, refused at no cost; then
        # for the instance's own project and user.
        volume_backed = forms.BooleanField(required=False).to_python(
            request.POST.get("volume_backed"))
        rules = actions.backup_rules(volume_backed)
        self._refuse_unless_allowed(rules)
        self._refuse_unless_allowed(rules, self._owner_of_sent_instance(
            request))
        # WorkflowView redirects to POST["next"] unchecked: keep it on site.
        next_url = request.POST.get(self.workflow_class.redirect_param_name)
        if next_url and not http_utils.url_has_allowed_host_and_scheme(
                next_url, allowed_hosts={request.get_host()},
                require_https=request.is_secure()):
            request.POST = request.POST.copy()
            del request.POST[self.workflow_class.redirect_param_name]
        return super().post(request, *args, **kwargs)
