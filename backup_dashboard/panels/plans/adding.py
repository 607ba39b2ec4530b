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

"""Add to Backup Plan: the Instances table's selected instances into one
of the project's plans (``store.update``: its trigger and trust are
replaced), or a link to make a new plan of them.

Opening the form costs two Mistral requests (``store.plans``) and one Nova
request (the instances' names); saving, the same again and the update.
"""

from django.core.exceptions import ValidationError
from django import shortcuts
from django.urls import reverse
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from horizon import exceptions
from horizon import forms
from horizon import messages
from horizon.utils import memoized

from backup_dashboard.api import mistral as mistral_api
from backup_dashboard.panels.plans import errors
from backup_dashboard.panels.plans import instances_action
from backup_dashboard.panels.plans import views as plan_views
from backup_dashboard import urlnames
from quick_backup_client.plans import spec
from quick_backup_client.plans import store
from quick_backup_server import protocol

NO_MISTRAL = _("Backup plans need the workflow service (Mistral), which "
               "this cloud does not offer.")
NO_PLANS = _("This project has no backup plan yet: make one of these "
             "instances.")
NO_INSTANCES = _("Select one or more instances to add to a backup plan.")
TOO_MANY = _('A plan covers at most %(max)d instances: "%(plan)s" has '
             '%(count)d, and with these it would have %(total)d.')


class AddForm(forms.SelfHandlingForm):
    plan = forms.ThemableChoiceField(label=_("Backup Plan"))
    instances = forms.MultipleChoiceField(
        label=_("Instances"), widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Instances the plan already covers stay in it once."))

    def __init__(self, request, *args, **kwargs):
        self.listed = {each.plan.id: each for each in kwargs.pop("listed")
                       if not each.plan.damaged}
        instances = kwargs.pop("instances")
        super().__init__(request, *args, **kwargs)
        self.fields["plan"].choices = [
            (plan_id, each.plan.name) for plan_id, each in
            self.listed.items()]
        self.fields["instances"].choices = instances
        self.fields["instances"].initial = [
            instance_id for instance_id, _name in instances]

    def clean(self):
        data = super().clean()
        listed = self.listed.get(data.get("plan"))
        if listed is None or self.errors:
            return data
        plan = listed.plan
        added = [server for server in data.get("instances") or ()
                 if server not in plan.servers]
        servers = list(plan.servers) + added
        if len(servers) > spec.SERVERS_MAX:
            raise ValidationError({"instances": TOO_MANY % {
                "max": spec.SERVERS_MAX, "plan": plan.name,
                "count": len(plan.servers), "total": len(servers)}})
        data["added"] = added
        data["edited"] = plan.replace(servers=servers)
        data["before"] = listed
        return data

    def handle(self, request, data):
        plan, added = data["edited"], data["added"]
        if not added:
            messages.info(request, _('Backup plan "%s" already covers '
                                     'these instances.') % plan.name)
            return plan
        try:
            store.update(mistral_api.client(request),
                         request.user.project_id, plan, data["before"])
        except Exception as exc:
            errors.report(request, exc, _('Unable to add the instances to '
                                          'backup plan "%s".') % plan.name,
                          handled_again=True)
            return False
        messages.success(request, ngettext(
            'Added %(count)d instance to backup plan "%(plan)s".',
            'Added %(count)d instances to backup plan "%(plan)s".',
            len(added)) % {"count": len(added), "plan": plan.name})
        return plan


class AddView(forms.ModalFormView):
    form_class = AddForm
    template_name = "plans/add.html"
    modal_id = "add_to_plan_modal"
    submit_label = _("Add to Plan")
    page_title = _("Add to Backup Plan")
    cancel_url = reverse_lazy(urlnames.INSTANCES)

    def dispatch(self, request, *args, **kwargs):
        if not mistral_api.is_available(request):
            messages.error(request, NO_MISTRAL)
            raise exceptions.Http302(reverse(urlnames.INSTANCES))
        if not self.instance_ids():
            messages.error(request, NO_INSTANCES)
            raise exceptions.Http302(reverse(urlnames.INSTANCES))
        if not self.get_listed():
            messages.info(request, NO_PLANS)
            return shortcuts.redirect(self.create_url())
        return super().dispatch(request, *args, **kwargs)

    def create_url(self):
        return instances_action.form_url(urlnames.PLAN_CREATE,
                                         self.instance_ids())

    @memoized.memoized_method
    def instance_ids(self):
        """The chosen instances' ids (Nova's ids only, once each)."""
        return [instance_id for instance_id in dict.fromkeys(
            self.request.GET.getlist(instances_action.INSTANCE_PARAM))
            if protocol.is_uuid(instance_id)]

    @property
    def submit_url(self):
        return instances_action.form_url(urlnames.PLAN_ADD,
                                         self.instance_ids())

    @memoized.memoized_method
    def get_listed(self):
        try:
            return store.plans(mistral_api.client(self.request))
        except Exception as exc:
            errors.report(self.request, exc, _("Unable to list backup "
                                               "plans."))
            raise exceptions.Http302(reverse(urlnames.INSTANCES))

    def get_instances(self):
        """(id, name) of each chosen instance that Nova lists for this
        project (one GET): an id of another project's instance, or of none,
        is never offered, so never saved (none while Nova cannot say).
        """
        wanted = set(self.instance_ids())
        found = plan_views.servers(self.request, wanted) or {}
        return [(instance_id, found[instance_id].get("name") or instance_id)
                for instance_id in self.instance_ids()
                if instance_id in found]

    def get_form_kwargs(self):
        return dict(super().get_form_kwargs(), listed=self.get_listed(),
                    instances=self.get_instances())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["create_url"] = self.create_url()
        return context

    def get_success_url_from_handled(self, plan):
        return reverse(urlnames.PLAN_DETAIL, args=[plan.id])
