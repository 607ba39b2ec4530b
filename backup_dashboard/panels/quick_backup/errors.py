"""What to tell the user when a Quick Backup fails.

Messages are ours and translated: the text of Nova's error is never shown.
Which kind of failure it is comes from ``quick_backup_client.failures``, which
the ``openstack`` command shares (with its own wording).
"""

from django.utils.translation import gettext_lazy as _

from quick_backup_client import failures
# The dashboard's callers ask here, as before.
from quick_backup_client.failures import connection_never_opened  # noqa: F401
from quick_backup_client.failures import nothing_was_made  # noqa: F401
from quick_backup_client.failures import status_code  # noqa: F401


def failure_message(exc):
    """A message for ``exc``, with an ``%(instance)s`` placeholder."""
    kind = failures.kind(exc)
    if kind == failures.NOT_SENT:
        return _('Unable to find out how to back up instance "%(instance)s" '
                 'on this cloud right now, so it was not backed up. Try '
                 'again later.')
    if kind == failures.NO_IMAGE_ID:
        return _('The Compute service accepted the backup of instance '
                 '"%(instance)s" but did not say which image it made. The '
                 'backup may still have been made: check the Images page '
                 'before you try again.')
    if kind == failures.BAD_REQUEST:
        return _('Nova did not accept the backup name or description for '
                 'instance "%(instance)s". Use a name of 1 to 255 printable '
                 'characters without leading or trailing spaces.')
    if kind == failures.QUOTA:
        return _('Unable to back up instance "%(instance)s": your project\'s '
                 'quota does not allow another image or snapshot. Delete an '
                 'old backup or ask for a larger quota.')
    if kind == failures.FORBIDDEN:
        return _('You are not allowed to back up instance "%(instance)s".')
    if kind == failures.INSTANCE_GONE:
        return _('Instance "%(instance)s" no longer exists.')
    if kind == failures.NOT_SERVED:
        return _('Quick Backup is not available on this cloud: the Compute '
                 'service does not offer the backup_instance API. Ask your '
                 'cloud operator to enable it.')
    if kind == failures.BUSY:
        return _('Instance "%(instance)s" cannot be backed up right now: '
                 'it is busy (a snapshot or backup may still be in progress) '
                 'or in a state that does not allow it. Try again when it is '
                 'idle.')
    if kind == failures.RATE_LIMITED:
        return _('Too many requests to the Compute service. Wait a moment '
                 'and back up instance "%(instance)s" again.')
    if kind == failures.TIMEOUT:
        return _('The Compute service did not answer in time. The backup of '
                 'instance "%(instance)s" may still be made: check the '
                 'Images page before you try again.')
    if kind == failures.UNREACHABLE:
        return _('Unable to reach the Compute service, so instance '
                 '"%(instance)s" was not backed up. Try again later.')
    if kind == failures.CONNECTION_BROKE:
        return _('The connection to the Compute service broke. The backup '
                 'of instance "%(instance)s" may still be made: check the '
                 'Images page before you try again.')
    if kind == failures.SERVER_ERROR:
        return _('The Compute service failed while backing up instance '
                 '"%(instance)s". Check the Images page, then try again '
                 'later; if it keeps failing, contact your cloud operator.')
    return _('Unable to back up instance "%(instance)s".')
