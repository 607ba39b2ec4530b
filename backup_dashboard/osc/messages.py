"""What the ``openstack`` command says when something fails.

Which kind of failure it is comes from ``backup_dashboard.failures``, as in
the dashboard; the words are the command line's (server, options, the list
command), with the HTTP status where there is one. Nova's and Glance's own
error text is never shown.
"""

from keystoneauth1 import exceptions as ks_exceptions
from novaclient import exceptions as nova_exceptions

from backup_dashboard import failures
from backup_dashboard.osc.i18n import _

# What a failure that may have made a backup asks the user to do first.
LOOK_FIRST = "openstack server quick-backup list --server %(server)s"


def _code(exc):
    """The HTTP status of a keystoneauth (Glance) or novaclient error."""
    if isinstance(exc, ks_exceptions.HttpError):
        return exc.http_status
    return failures.status_code(exc)


def _common(exc):
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


def backup_failure(exc, server):
    """Why the backup of ``server`` (its name or id) failed."""
    common = _common(exc)
    if common:
        return common
    kind = failures.kind(exc)
    look = LOOK_FIRST % {"server": server}
    values = {"server": server, "look": look, "code": _code(exc)}
    if kind == failures.NOT_SENT:
        message = _('Unable to find out whether the Compute service serves '
                    'the backup_instance API right now, so server '
                    '"%(server)s" was not backed up. Try again later, or '
                    'choose --method create_image.')
    elif kind == failures.NO_IMAGE_ID:
        message = _('The Compute service accepted the backup of server '
                    '"%(server)s" but did not say which image it made. The '
                    'backup may still have been made: run "%(look)s" '
                    'before you try again.')
    elif kind == failures.BAD_REQUEST:
        message = _('The Compute service did not accept the backup name or '
                    'description for server "%(server)s" (HTTP 400). Use a '
                    'name of 1 to 255 printable characters without leading '
                    'or trailing spaces.')
    elif kind == failures.QUOTA:
        message = _('Unable to back up server "%(server)s": your project\'s '
                    'quota does not allow another image or snapshot. Delete '
                    'an old backup or ask for a larger quota.')
    elif kind == failures.FORBIDDEN:
        message = _('You are not allowed to back up server "%(server)s" '
                    '(HTTP 403).')
    elif kind == failures.INSTANCE_GONE:
        message = _('Server "%(server)s" no longer exists.')
    elif kind == failures.NOT_SERVED:
        message = _('The Compute service does not offer the backup_instance '
                    'API (HTTP 404), so server "%(server)s" was not backed '
                    'up. Use --method auto or create_image, or ask your '
                    'cloud operator to enable the Quick Backup filter.')
    elif kind == failures.BUSY:
        message = _('Server "%(server)s" cannot be backed up right now: it '
                    'is busy (a snapshot or backup may still be in progress) '
                    'or in a state that does not allow a backup (HTTP 409). '
                    'Try again when it is idle.')
    elif kind == failures.RATE_LIMITED:
        message = _('Too many requests to the Compute service (HTTP 429). '
                    'Wait a moment and back up server "%(server)s" again.')
    elif kind == failures.TIMEOUT:
        message = _('The Compute service did not answer in time. The backup '
                    'of server "%(server)s" may still be made: run '
                    '"%(look)s" before you try again.')
    elif kind == failures.UNREACHABLE:
        message = _('Unable to reach the Compute service, so server '
                    '"%(server)s" was not backed up. Try again later.')
    elif kind == failures.CONNECTION_BROKE:
        message = _('The connection to the Compute service broke. The '
                    'backup of server "%(server)s" may still be made: run '
                    '"%(look)s" before you try again.')
    elif kind == failures.SERVER_ERROR:
        message = _('The Compute service failed while backing up server '
                    '"%(server)s" (HTTP %(code)s). Run "%(look)s", then try '
                    'again later; if it keeps failing, contact your cloud '
                    'operator.')
    elif values["code"]:
        message = _('Unable to back up server "%(server)s" (HTTP %(code)s).')
    else:
        message = _('Unable to back up server "%(server)s".')
    return message % values


def lookup_failure(exc, server):
    """Why the server ``server`` could not be looked up."""
    common = _common(exc)
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
    such as "Unable to list Quick Backups")."""
    common = _common(exc)
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
