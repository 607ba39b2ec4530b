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

"""What the ``openstack`` command says when something fails.

Which kind of failure it is comes from ``quick_backup_client.failures``, as in
the dashboard; the words are the command line's (server, options, the list
command), with the HTTP status where there is one. Nova's and Glance's own
error text is never shown.
"""

from keystoneauth1 import exceptions as ks_exceptions
from novaclient import exceptions as nova_exceptions

from quick_backup_client import failures
from quick_backup_client.osc.i18n import _
from quick_backup_client.osc.i18n import N_

# What a failure that may have made a backup asks the user to do first.
LOOK_FIRST = "openstack server quick-backup list --server %(server)s"


def _code(exc):
    """The HTTP status of a keystoneauth (Glance) or novaclient error."""
    if isinstance(exc, ks_exceptions.HttpError):
        return exc.http_status
    return failures.status_code(exc)


def common_failure(exc):
    """Failures that are no backup's own (credentials, catalogue), or None."""
    if isinstance(exc, (ks_exceptions.Unauthorized,
                        nova_exceptions.Unauthorized)):
        return _("The cloud did not accept your credentials (HTTP 401). "
                 "Check your OS_* environment variables or --os-* options.")
    if isinstance(exc, ks_exceptions.EndpointNotFound):
        return _("The service catalogue has no Compute or Image endpoint "
                 "for this region and interface (see --os-region-name and "
                 "--os-interface).")
    if isinstance(exc, ks_exceptions.AuthorizationFailure) or \
            isinstance(exc, ks_exceptions.MissingAuthPlugin):
        return _("Unable to log in to the cloud: check your OS_* "
                 "environment variables or --os-* options.")
    return None


# Why a backup failed, by ``failures.kind``; translated when shown.
BACKUP_FAILURES = {
    failures.NOT_SENT: N_(
        'Unable to find out whether the Compute service serves the '
        'backup_instance API right now, so server "%(server)s" was not '
        'backed up. Try again later, or choose --method create_image.'),
    failures.TASK_RUNNING: N_(
        'Server "%(server)s" was not backed up: another backup or task is '
        'running on it. Try again when it is done, or use --wait to wait '
        'for it first.'),
    failures.LOST_RACE: N_(
        'Server "%(server)s" was not backed up: another backup of it was '
        'starting at the same moment, so the Compute service refused this '
        'one. The image it had begun was removed. Try again when that '
        'backup is done, or use --wait to wait for it first.'),
    failures.NO_IMAGE_ID: N_(
        'The Compute service accepted the backup of server "%(server)s" '
        'but did not say which image it made. The backup may still have '
        'been made: run "%(look)s" before you try again.'),
    failures.BAD_REQUEST: N_(
        'The Compute service did not accept the backup name or description '
        'for server "%(server)s" (HTTP 400). Use a name of 1 to 255 '
        'printable characters without leading or trailing spaces.'),
    failures.QUOTA: N_(
        'Unable to back up server "%(server)s": your project\'s quota does '
        'not allow another image or snapshot. Delete an old backup or ask '
        'for a larger quota.'),
    failures.FORBIDDEN: N_(
        'You are not allowed to back up server "%(server)s" (HTTP 403).'),
    failures.INSTANCE_GONE: N_(
        'Server "%(server)s" no longer exists.'),
    failures.NOT_SERVED: N_(
        'The Compute service does not offer the backup_instance API (HTTP '
        '404), so server "%(server)s" was not backed up. Use --method auto '
        'or create_image, or ask your cloud operator to enable the Quick '
        'Backup filter.'),
    failures.BUSY: N_(
        'Server "%(server)s" cannot be backed up right now: it is busy (a '
        'snapshot or backup may still be in progress) or in a state that '
        'does not allow a backup (HTTP 409). Try again when it is idle.'),
    failures.RATE_LIMITED: N_(
        'Too many requests to the Compute service (HTTP 429). Wait a '
        'moment and back up server "%(server)s" again.'),
    failures.TIMEOUT: N_(
        'The Compute service did not answer in time. The backup of server '
        '"%(server)s" may still be made: run "%(look)s" before you try '
        'again.'),
    failures.UNREACHABLE: N_(
        'Unable to reach the Compute service, so server "%(server)s" was '
        'not backed up. Try again later.'),
    failures.CONNECTION_BROKE: N_(
        'The connection to the Compute service broke. The backup of server '
        '"%(server)s" may still be made: run "%(look)s" before you try '
        'again.'),
    failures.SERVER_ERROR: N_(
        'The Compute service failed while backing up server "%(server)s" '
        '(HTTP %(code)s). Run "%(look)s", then try again later; if it '
        'keeps failing, contact your cloud operator.'),
}


def backup_failure(exc, server):
    """Why the backup of ``server`` (its name or id) failed."""
    common = common_failure(exc)
    if common:
        return common
    values = {"server": server, "look": LOOK_FIRST % {"server": server},
              "code": _code(exc)}
    message = BACKUP_FAILURES.get(failures.kind(exc))
    if message is None and values["code"]:
        message = N_('Unable to back up server "%(server)s" (HTTP '
                     '%(code)s).')
    elif message is None:
        message = N_('Unable to back up server "%(server)s".')
    return _(message) % values


def lookup_failure(exc, server):
    """Why the server ``server`` could not be looked up."""
    common = common_failure(exc)
    if common:
        return common
    values = {"server": server, "code": _code(exc)}
    if failures.kind(exc) == failures.FORBIDDEN:
        return _('You are not allowed to see server "%(server)s" '
                 '(HTTP 403).') % values
    if failures.connection_never_opened(exc) or \
            isinstance(exc, ks_exceptions.ConnectionError):
        return _('Unable to reach the Compute service to find server '
                 '"%(server)s". Try again later.') % values
    if values["code"]:
        return _('Unable to find server "%(server)s": the Compute service '
                 'answered HTTP %(code)s.') % values
    return _('Unable to find server "%(server)s".') % values


def image_failure(exc, what):
    """Why the Image service could not tell ``what`` (a sentence's start,
    such as "Unable to list Quick Backups").
    """
    common = common_failure(exc)
    if common:
        return common
    values = {"what": what, "code": _code(exc)}
    if isinstance(exc, ks_exceptions.ConnectionError):
        return _("%(what)s: the Image service could not be reached or did "
                 "not answer in time.") % values
    if values["code"]:
        return _("%(what)s: the Image service answered HTTP %(code)s.") % \
            values
    return _("%(what)s.") % values
