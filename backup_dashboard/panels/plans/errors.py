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

"""What to tell the user when Mistral does not do what a page asked.

Mistral enforces its own policy and keeps each project's plans to itself:
its 403 and 404 are said in words here, anything else (no answer, a 5xx,
an answer that is not Mistral's) as "unavailable". Its 401 (the token was
refused) gets Horizon's own answer, as Nova's does: its not-authorized page
with a link to log in again. Mistral's text is never shown.
"""

import logging

from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from keystoneauth1 import exceptions as ks_exceptions
from mistralclient.api import base as mistral_base

from backup_dashboard import exceptions as backup_exceptions
from backup_dashboard.panels.quick_backup import links

from quick_backup_client.plans import store

LOG = logging.getLogger(__name__)

LOGIN_EXPIRED = _("Your login has expired: log in again to manage backup "
                  "plans.")
NOT_ALLOWED = _("You are not allowed to do this with backup plans in this "
                "project.")
NO_SUCH_PLAN = _("There is no such backup plan in this project.")
UNAVAILABLE = _("The workflow service (Mistral) that runs backup plans is "
                "not available right now. Try again later.")
NOT_RESTORED = _("It could not be put back as it was either: it may not be "
                 "scheduled now. Edit it again.")
BY_STATUS = {401: LOGIN_EXPIRED, 403: NOT_ALLOWED, 404: NO_SUCH_PLAN}


def status_code(exc):
    """Mistral's HTTP status of ``exc``, or None for anything else."""
    if isinstance(exc, mistral_base.APIException):
        return exc.error_code
    return None


def message(exc):
    """The words for ``exc``, raised by a call to Mistral."""
    if isinstance(exc, store.NotRestored):
        return NOT_RESTORED
    return BY_STATUS.get(status_code(exc), UNAVAILABLE)


def log(exc):
    """Log ``exc`` when it is not Mistral's own answer (without its text)."""
    if status_code(exc) is None:
        LOG.warning("Mistral call failed: %s", type(exc).__name__)


def login_if_expired(request, exc, what, handled_again=False):
    """On Mistral's 401, Horizon's answer to an expired login through
    ``exceptions.handle`` ("Unauthorized: ``what``", its not-authorized
    page): this raises NotAuthorized, marked as handled when
    ``handled_again`` (in a form's handle, a table action or a tab, which
    Horizon handles once more: else a second, empty "Unauthorized:").
    Nothing for any other ``exc``.
    """
    if isinstance(exc, store.NotRestored):
        exc = exc.__cause__  # the edit's own failure
    if status_code(exc) != 401:
        return
    try:
        raise ks_exceptions.Unauthorized()
    except ks_exceptions.Unauthorized:
        if handled_again:
            links.login_expired(request, what)
        backup_exceptions.ask_for_login_if_expired(request, what)


def report(request, exc, what, handled_again=False):
    """Show ``what`` (a translated "Unable to ...") and why, as an error
    message; log what is not Mistral's own answer (without its text). A 401
    raises (``login_if_expired``).
    """
    login_if_expired(request, exc, what, handled_again)
    log(exc)
    messages.error(request, "%s %s" % (what, message(exc)))
