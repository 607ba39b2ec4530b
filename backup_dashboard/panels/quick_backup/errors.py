"""What to tell the user when a Quick Backup fails.

Messages are ours and translated: the text of Nova's error is never shown.
"""

from django.utils.translation import gettext_lazy as _
from keystoneauth1 import exceptions as ks_exceptions
from novaclient import exceptions as nova_exceptions
from urllib3 import exceptions as urllib3_exceptions

from backup_dashboard.api import nova as nova_api
from backup_dashboard.novaclient_ext import quick_backup


def status_code(exc):
    """The HTTP status of a novaclient error (``code``, else the class's)."""
    return getattr(exc, "code", None) or getattr(exc, "http_status", None)


def _mentions(exc, word):
    return word in str(getattr(exc, "message", "") or "").lower()


def failure_message(exc):
    """A message for ``exc``, with an ``%(instance)s`` placeholder."""
    if isinstance(exc, nova_api.NotSent):
        return _('Unable to find out how to back up instance "%(instance)s" '
                 'on this cloud right now, so it was not backed up. Try '
                 'again later.')
    if isinstance(exc, quick_backup.MissingImageId):
        return _('The Compute service accepted the backup of instance '
                 '"%(instance)s" but did not say which image it made. The '
                 'backup may still have been made: check the Images page '
                 'before you try again.')
    if isinstance(exc, nova_exceptions.BadRequest):
        return _('Nova did not accept the backup name or description for '
                 'instance "%(instance)s". Use a name of 1 to 255 printable '
                 'characters without leading or trailing spaces.')
    if isinstance(exc, nova_exceptions.OverLimit) or (
            isinstance(exc, nova_exceptions.Forbidden)
            and _mentions(exc, "quota")):
        return _('Unable to back up instance "%(instance)s": your project\'s '
                 'quota does not allow another image or snapshot. Delete an '
                 'old backup or ask for a larger quota.')
    if isinstance(exc, nova_exceptions.Forbidden):
        return _('You are not allowed to back up instance "%(instance)s".')
    if isinstance(exc, nova_exceptions.NotFound):
        if _mentions(exc, "instance"):
            return _('Instance "%(instance)s" no longer exists.')
        return _('Quick Backup is not available on this cloud: the Compute '
                 'service does not offer the backup_instance API. Ask your '
                 'cloud operator to enable it.')
    if isinstance(exc, nova_exceptions.Conflict):
        return _('Instance "%(instance)s" cannot be backed up right now: '
                 'it is busy (a snapshot or backup may still be in progress) '
                 'or in a state that does not allow it. Try again when it is '
                 'idle.')
    if isinstance(exc, nova_exceptions.RateLimit):
        return _('Too many requests to the Compute service. Wait a moment '
                 'and back up instance "%(instance)s" again.')
    if isinstance(exc, ks_exceptions.ConnectTimeout):
        return _('The Compute service did not answer in time. The backup of '
                 'instance "%(instance)s" may still be made: check the '
                 'Images page before you try again.')
    if connection_never_opened(exc):
        return _('Unable to reach the Compute service, so instance '
                 '"%(instance)s" was not backed up. Try again later.')
    if isinstance(exc, ks_exceptions.ConnectionError):
        return _('The connection to the Compute service broke. The backup '
                 'of instance "%(instance)s" may still be made: check the '
                 'Images page before you try again.')
    if isinstance(exc, nova_exceptions.ClientException) and \
            (status_code(exc) or 0) >= 500:
        return _('The Compute service failed while backing up instance '
                 '"%(instance)s". Check the Images page, then try again '
                 'later; if it keeps failing, contact your cloud operator.')
    return _('Unable to back up instance "%(instance)s".')


def connection_never_opened(exc):
    """True when the request never left: no connection could be made.

    keystoneauth raises ConnectFailure for any broken connection, also one
    that broke after the request was sent; only a failure to connect at all
    (refused, no route, unknown host) proves that Nova got nothing.
    """
    if not isinstance(exc, ks_exceptions.ConnectFailure):
        return False
    seen, pending = set(), [exc]
    while pending:
        cause = pending.pop()
        if cause is None or id(cause) in seen:
            continue
        seen.add(id(cause))
        if isinstance(cause, urllib3_exceptions.NewConnectionError):
            return True
        pending += [cause.__cause__, cause.__context__,
                    getattr(cause, "reason", None)]
        pending += [arg for arg in getattr(cause, "args", ())
                    if isinstance(arg, BaseException)]
    return False


def nothing_was_made(exc):
    """True when Nova certainly made no image: the form may be sent again."""
    if isinstance(exc, nova_api.NotSent) or connection_never_opened(exc):
        return True
    code = status_code(exc)
    return isinstance(exc, nova_exceptions.ClientException) and \
        isinstance(code, int) and 400 <= code < 500
