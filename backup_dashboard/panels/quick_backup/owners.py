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

"""Whose instance a Quick Backup form is for, from its GET to its POST.

Horizon's policy is asked with the instance's own project and user as the
target, on the form's POST as on the row action: without them openstack_auth
puts in the requester's, and a rule such as ``user_id:%(user_id)s`` would let
anyone's instance through. Opening the form reads the instance (one GET);
its POST must not read it again, so that a submit costs the backup alone.

So the GET signs what it read into a hidden field (Django's signing: an HMAC
with Horizon's SECRET_KEY), together with who opened the form (user and
project), the instance and the form's submission id. A user can neither
write such a value nor reuse one for another instance, form or user; a
plain hidden field, which anyone can edit, is never trusted. An instance's
project and user never change in Nova, so what the GET read stays true.
A POST without a valid value (a request made by URL alone, or a form older
than a SECRET_KEY) has the instance read once, as the GET does.
"""

from django.core import signing

from backup_dashboard.panels.quick_backup import submissions
from backup_dashboard import policies

SALT = "backup_dashboard.quick_backup.owner"
FIELD = "owner"


def _form(request, instance_id, submission_id):
    return [str(request.user.id), str(request.user.project_id),
            str(instance_id), str(submission_id)]


def sign(request, instance, submission_id):
    """The hidden field's value for ``instance``'s form."""
    target = policies.instance_target(instance)
    return signing.dumps({
        "form": _form(request, instance.id, submission_id),
        "owner": [target["project_id"], target["user_id"]]}, salt=SALT)


def target(request, instance_id, submission_id, value):
    """The policy target the form's GET signed for this user, instance and
    form; None when ``value`` is missing, forged, expired or another's.
    """
    try:
        signed = signing.loads(value or "", salt=SALT,
                               max_age=submissions.CLAIM_SECONDS)
        project_id, user_id = signed["owner"]
        if signed["form"] != _form(request, instance_id, submission_id):
            return None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return {"project_id": project_id, "user_id": user_id}
