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

"""What to tell the user when a Quick Backup, a Restore or a Verify fails.

Messages are ours and translated: the text of Nova's error is never shown.
Which kind of failure it is comes from ``quick_backup_client.failures``,
which the ``openstack`` command shares: here each surface's words are a
table by that kind (the command has its own), and nothing else decides.
"""

from django.utils.translation import gettext_lazy as _

from quick_backup_client import failures
# The dashboard's callers ask here, as before.
from quick_backup_client.failures import connection_never_opened  # noqa: F401
from quick_backup_client.failures import nothing_was_made  # noqa: F401
from quick_backup_client.failures import status_code  # noqa: F401

# Why a backup failed, by kind; each with an ``%(instance)s`` placeholder.
BACKUP_FAILURES = {
    failures.NOT_SENT: _(
        'Unable to find out how to back up instance "%(instance)s" on this '
        'cloud right now, so it was not backed up. Try again later.'),
    failures.TASK_RUNNING: _(
        'Another backup or task is running on instance "%(instance)s", so '
        'it cannot be backed up now. Try again when it is done.'),
    failures.LOST_RACE: _(
        'Another backup of instance "%(instance)s" was starting at the same '
        'moment, so the Compute service refused this one. The image it had '
        'begun was removed: nothing was backed up. Try again when that '
        'backup is done.'),
    failures.NO_IMAGE_ID: _(
        'The Compute service accepted the backup of instance "%(instance)s" '
        'but did not say which image it made. The backup may still have '
        'been made: check the Images page before you try again.'),
    failures.BAD_REQUEST: _(
        'Nova did not accept the backup name or description for instance '
        '"%(instance)s". Use a name of 1 to 255 printable characters '
        'without leading or trailing spaces.'),
    failures.QUOTA: _(
        'Unable to back up instance "%(instance)s": your project\'s quota '
        'does not allow another image or snapshot. Delete an old backup or '
        'ask for a larger quota.'),
    failures.FORBIDDEN: _(
        'You are not allowed to back up instance "%(instance)s".'),
    failures.INSTANCE_GONE: _('Instance "%(instance)s" no longer exists.'),
    failures.NOT_SERVED: _(
        'Quick Backup is not available on this cloud: the Compute service '
        'does not offer the backup_instance API. Ask your cloud operator to '
        'enable it.'),
    failures.BUSY: _(
        'Instance "%(instance)s" cannot be backed up right now: it is busy '
        '(a snapshot or backup may still be in progress) or in a state that '
        'does not allow it. Try again when it is idle.'),
    failures.RATE_LIMITED: _(
        'Too many requests to the Compute service. Wait a moment and back '
        'up instance "%(instance)s" again.'),
    failures.TIMEOUT: _(
        'The Compute service did not answer in time. The backup of instance '
        '"%(instance)s" may still be made: check the Images page before you '
        'try again.'),
    failures.UNREACHABLE: _(
        'Unable to reach the Compute service, so instance "%(instance)s" was '
        'not backed up. Try again later.'),
    failures.CONNECTION_BROKE: _(
        'The connection to the Compute service broke. The backup of '
        'instance "%(instance)s" may still be made: check the Images page '
        'before you try again.'),
    failures.SERVER_ERROR: _(
        'The Compute service failed while backing up instance '
        '"%(instance)s". Check the Images page, then try again later; if it '
        'keeps failing, contact your cloud operator.'),
}
BACKUP_FAILED = _('Unable to back up instance "%(instance)s".')

# Why a restore (Nova's rebuild) failed, by kind; the same placeholder.
_GONE = _('Instance "%(instance)s" or the backup no longer exists.')
_UNREACHABLE = _('Unable to reach the Compute service, so instance '
                 '"%(instance)s" was not restored. Try again later.')
RESTORE_FAILURES = {
    failures.UNSUPPORTED: _(
        'This cloud\'s Compute service cannot rebuild instance '
        '"%(instance)s", which boots from a volume (that needs its API '
        'version 2.93). Launch a new instance from the backup instead.'),
    failures.TASK_RUNNING: _(
        'Instance "%(instance)s" was not restored: a backup or another task '
        'is running on it. Try again when it is done.'),
    failures.BUSY: _(
        'Instance "%(instance)s" cannot be restored right now: it is busy or '
        'in a state that does not allow it. Try again when it is idle.'),
    failures.FORBIDDEN: _(
        'You are not allowed to rebuild instance "%(instance)s".'),
    failures.QUOTA: _(
        'You are not allowed to rebuild instance "%(instance)s".'),
    failures.INSTANCE_GONE: _GONE,
    failures.NOT_SERVED: _GONE,  # any other 404: the image
    failures.BAD_REQUEST: _(
        'The Compute service cannot rebuild instance "%(instance)s" from '
        'this backup.'),
    failures.UNREACHABLE: _UNREACHABLE,
}
# Of the other kinds, a refusal made nothing; the rest may have started.
RESTORE_REFUSED = _UNREACHABLE
RESTORE_MAY_HAVE_STARTED = _(
    'The restore of instance "%(instance)s" may have started: look at the '
    'instance before you try again.')


def failure_message(exc):
    """A message for a failed backup, with an ``%(instance)s`` placeholder."""
    return BACKUP_FAILURES.get(failures.kind(exc), BACKUP_FAILED)


def restore_failure_message(exc):
    """A message for a failed restore, with an ``%(instance)s``
    placeholder.
    """
    default = RESTORE_REFUSED if nothing_was_made(exc) else \
        RESTORE_MAY_HAVE_STARTED
    return RESTORE_FAILURES.get(failures.kind(exc), default)


# Why a test restore could not start, by ``failures.verify_kind``; each
# with a ``%(backup)s`` placeholder.
VERIFY_FAILURES = {
    failures.UNREACHABLE: _(
        'Unable to verify backup "%(backup)s": the Compute service could not '
        'be reached, so no test instance was started. Try again later.'),
    failures.QUOTA: _(
        'Unable to verify backup "%(backup)s": there is no room in your '
        'project\'s quota for the test instance, so none was started.'),
    failures.FORBIDDEN: _(
        'Unable to verify backup "%(backup)s": you are not allowed to create '
        'instances, which a test restore needs.'),
    failures.BAD_REQUEST: _(
        'Unable to verify backup "%(backup)s": the Compute service refused '
        'to boot a test instance from it.'),
    failures.MAY_HAVE_STARTED: _(
        'Unable to tell whether the test restore of backup "%(backup)s" '
        'started: the Compute service did not answer as expected. The '
        'Verified column shows it if it did.'),
}
VERIFY_FAILED = _('Unable to verify backup "%(backup)s".')


def verify_failure_message(exc):
    """A message for a failed start of a test restore, with a
    ``%(backup)s`` placeholder.
    """
    return VERIFY_FAILURES.get(failures.verify_kind(exc), VERIFY_FAILED)
