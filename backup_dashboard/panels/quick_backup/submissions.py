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

"""One backup per submitted form, however often the form is sent.

Each Quick Backup form carries a random submission id. The first POST with
that id claims it in Django's cache (``cache.add`` is atomic, so two POSTs
racing each other cannot both win); any later POST of the same form is refused
before Nova is called. The claim is given back only when Nova certainly made
nothing, so the user can correct the form and send it again.

A claim belongs to one user, project and instance: the same submission id
sent for another instance or from another project is another form, and can
never be answered with "already made" and an image of something else.
"""

import hashlib
import logging
import uuid

from django.core.cache import cache

from horizon import forms

LOG = logging.getLogger(__name__)

SUBMISSION_ID_PATTERN = r"^[0-9a-f]{32}$"
# Long enough to outlive any reload or "back" of the same form.
CLAIM_SECONDS = 24 * 3600
PENDING = "pending"


def new_submission_id():
    return uuid.uuid4().hex


def field(expired_message):
    """The hidden form field that carries a form's submission id."""
    return forms.RegexField(
        regex=SUBMISSION_ID_PATTERN, widget=forms.HiddenInput(),
        error_messages={"required": expired_message,
                        "invalid": expired_message})


def _key(request, instance_id, submission_id):
    """A memcached-safe key: Keystone ids may hold spaces (LDAP), so the
    variable parts are hashed, each length-prefixed so none can bleed into
    the next.
    """
    parts = (request.user.id, request.user.project_id, instance_id,
             submission_id)
    digest = hashlib.sha256()
    for part in parts:
        data = str(part).encode("utf-8")
        digest.update(b"%d:%s" % (len(data), data))
    return "backup_dashboard:quick_backup:" + digest.hexdigest()


def claim(request, instance_id, submission_id):
    """True if this is the first time this form is submitted.

    Raises what the cache raises: without a claim, no backup may be made.
    """
    return cache.add(_key(request, instance_id, submission_id), PENDING,
                     CLAIM_SECONDS)


def record(request, instance_id, submission_id, image_id):
    """Remember the image this form made (best effort: it is made anyway)."""
    try:
        cache.set(_key(request, instance_id, submission_id), str(image_id),
                  CLAIM_SECONDS)
    except Exception:
        LOG.warning("Could not record the image of a Quick Backup",
                    exc_info=True)


def recorded_image_id(request, instance_id, submission_id):
    """The image an earlier submit of this form made, if it is known."""
    try:
        value = cache.get(_key(request, instance_id, submission_id))
    except Exception:
        LOG.warning("Could not read a Quick Backup submission", exc_info=True)
        return None
    return None if value in (None, PENDING) else value


def release(request, instance_id, submission_id):
    """Let the form be sent again (best effort: it stays refused if not)."""
    try:
        cache.delete(_key(request, instance_id, submission_id))
    except Exception:
        LOG.warning("Could not release a Quick Backup submission",
                    exc_info=True)
