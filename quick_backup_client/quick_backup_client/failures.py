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

"""Which kind of failure a failed Quick Backup is, and whether it made nothing.

Plain Python, no Django: the dashboard (``panels/quick_backup/errors.py``)
and the ``openstack`` command classify the same way and each says it in its
own words. Nova's own error text is never shown to anyone.
"""

from keystoneauth1 import exceptions as ks_exceptions
from novaclient import exceptions as nova_exceptions
from urllib3 import exceptions as urllib3_exceptions

from quick_backup_client import backup_paths
from quick_backup_client import copies
from quick_backup_client import in_flight
from quick_backup_client.novaclient_ext import quick_backup


class Unsupported(Exception):
    """This cloud's Compute API is too old for what was asked: nothing was
    sent.
    """


# The kinds, in the order ``kind()`` tells them apart. Each surface says
# them in its own words, in a table by kind.
UNSUPPORTED = "unsupported"        # this Nova cannot do it: nothing sent
NOT_SENT = "not_sent"              # how to send it could not be found out
TASK_RUNNING = "task_running"      # the instance has a task: 409 or not sent
LOST_RACE = "lost_race"            # Nova's 500, its queued image deleted
NO_IMAGE_ID = "no_image_id"        # accepted, but no image id: may exist
BAD_REQUEST = "bad_request"        # Nova refused the name or description
QUOTA = "quota"                    # over the project's quota
FORBIDDEN = "forbidden"            # policy
INSTANCE_GONE = "instance_gone"    # no such instance (any more)
NOT_SERVED = "not_served"          # our API is not served here
BUSY = "busy"                      # 409: a wrong state
RATE_LIMITED = "rate_limited"
TIMEOUT = "timeout"                # no answer in time: may exist
UNREACHABLE = "unreachable"        # no connection at all: nothing made
CONNECTION_BROKE = "connection_broke"  # may exist
SERVER_ERROR = "server_error"      # 5xx
UNKNOWN = "unknown"


def status_code(exc):
    """The HTTP status of a novaclient error (``code``, else the class's)."""
    return getattr(exc, "code", None) or getattr(exc, "http_status", None)


def _mentions(exc, word):
    return word in str(getattr(exc, "message", "") or "").lower()


# How each kind is told apart, in order: the first that fits is the kind.
CHECKS = (
    (UNSUPPORTED, lambda exc: isinstance(exc, Unsupported)),
    (NOT_SENT, lambda exc: isinstance(exc, backup_paths.NotSent)),
    # Ours, before anything was sent; or Nova's "while it is in task_state".
    (TASK_RUNNING, lambda exc: isinstance(exc, in_flight.InstanceBusy) or (
        isinstance(exc, nova_exceptions.Conflict) and
        _mentions(exc, "task_state"))),
    (LOST_RACE, lambda exc: isinstance(exc, in_flight.LostRace)),
    (NO_IMAGE_ID, lambda exc: isinstance(exc, quick_backup.MissingImageId)),
    (BAD_REQUEST, lambda exc: isinstance(exc, nova_exceptions.BadRequest)),
    (QUOTA, lambda exc: isinstance(exc, nova_exceptions.OverLimit) or (
        isinstance(exc, nova_exceptions.Forbidden) and
        _mentions(exc, "quota"))),
    (FORBIDDEN, lambda exc: isinstance(exc, nova_exceptions.Forbidden)),
    (INSTANCE_GONE, lambda exc: (
        isinstance(exc, backup_paths.InstanceNotFound) or
        (isinstance(exc, nova_exceptions.NotFound) and
         _mentions(exc, "instance")))),
    (NOT_SERVED, lambda exc: isinstance(exc, nova_exceptions.NotFound)),
    (BUSY, lambda exc: isinstance(exc, nova_exceptions.Conflict)),
    (RATE_LIMITED, lambda exc: isinstance(exc, nova_exceptions.RateLimit)),
    (TIMEOUT, lambda exc: isinstance(exc, ks_exceptions.ConnectTimeout)),
    (UNREACHABLE, lambda exc: connection_never_opened(exc)),
    (CONNECTION_BROKE,
     lambda exc: isinstance(exc, ks_exceptions.ConnectionError)),
    (SERVER_ERROR, lambda exc: isinstance(
        exc, nova_exceptions.ClientException) and
     (status_code(exc) or 0) >= 500),
)
KINDS = tuple(name for name, _check in CHECKS) + (UNKNOWN,)


def kind(exc):
    """Which of the kinds above ``exc`` is."""
    return next((name for name, check in CHECKS if check(exc)), UNKNOWN)


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


def is_protected_refusal(exc):
    """True for Glance's answer to deleting a protected image: a 403 whose
    text says "protected" (a 403 of Glance's policy does not). Glance's text
    is only read here, never shown.
    """
    if not isinstance(exc, ks_exceptions.Forbidden):
        return False
    response = getattr(exc, "response", None)
    text = " ".join(str(part or "") for part in (
        getattr(exc, "details", None), getattr(exc, "message", None),
        getattr(response, "text", None)))
    return "protected" in text.lower()


def nothing_was_made(exc):
    """True when Nova certainly made nothing: it may be sent again."""
    if isinstance(exc, (backup_paths.NotSent, Unsupported,
                        in_flight.InstanceBusy, in_flight.LostRace)) or \
            connection_never_opened(exc):
        return True
    code = status_code(exc)
    return isinstance(exc, nova_exceptions.ClientException) and \
        isinstance(code, int) and 400 <= code < 500


# Copies between Glance's stores (copy15): a refusal before anything was
# sent is ``copies.CopyRefused``'s reason; Glance's answers map onto the
# same reasons where they mean the same, else onto these.
COPY_FORBIDDEN = "copy_forbidden"  # 403: Glance's policy forbids it
COPY_GONE = "copy_gone"            # 404: no such backup (for this user)
COPY_KINDS = (copies.SINGLE_STORE, copies.VOLUME_BACKED, copies.NOT_ACTIVE,
              copies.COPYING, copies.UNKNOWN_STORE, copies.ALREADY_THERE,
              copies.NOT_THERE, copies.LAST_COPY, COPY_FORBIDDEN, COPY_GONE,
              TIMEOUT, UNREACHABLE, SERVER_ERROR, UNKNOWN)


def copy_kind(exc):
    """Which of COPY_KINDS a failed copy or copy removal is. Glance's
    answers carry no text a client may rely on: its status says it (each
    surface checks what it can first, so a 409 is mostly an import that
    another request started).
    """
    if isinstance(exc, copies.CopyRefused):
        return exc.reason
    if isinstance(exc, ks_exceptions.ConnectTimeout):
        return TIMEOUT
    if connection_never_opened(exc):
        return UNREACHABLE
    return next((kind for error, kind in COPY_ANSWERS
                 if isinstance(exc, error)), UNKNOWN)


#: Glance's answers to a copy (POST import) or a removal (DELETE).
COPY_ANSWERS = ((ks_exceptions.BadRequest, copies.ALREADY_THERE),
                (ks_exceptions.Forbidden, COPY_FORBIDDEN),
                (ks_exceptions.NotFound, COPY_GONE),
                (ks_exceptions.Conflict, copies.COPYING),
                (ks_exceptions.HttpServerError, SERVER_ERROR))


# Test restores (faults15): whether a failed boot of a test instance may
# have made it anyway, so that it is looked for (``verify_boot``).
class BadAnswer(ks_exceptions.ClientException):
    """A service answered, but not as its API says (not JSON, or not of
    its shape): what it did is unknown.
    """

    def __init__(self):
        super().__init__("an answer not of the service's API")


def may_have_made(exc):
    """False when the request certainly made nothing: never sent (no
    connection), or refused with a 4xx; True for everything else (the
    connection cut or timed out after sending, a 5xx, a bad answer).
    """
    if connection_never_opened(exc) or \
            isinstance(exc, ks_exceptions.HTTPClientError):
        return False
    code = status_code(exc)
    return not (isinstance(exc, nova_exceptions.ClientException) and
                isinstance(code, int) and 400 <= code < 500)


# Why the start of a test restore failed (each surface in its own words).
MAY_HAVE_STARTED = "may_have_started"  # the boot's answer was lost
VERIFY_KINDS = (UNREACHABLE, QUOTA, FORBIDDEN, BAD_REQUEST, MAY_HAVE_STARTED,
                UNKNOWN)


def says_quota(exc):
    """Whether a 403 is about quota (its text is read, never shown)."""
    text = str(getattr(exc, "message", "") or "")
    try:
        text += getattr(exc, "response", None).text
    except (AttributeError, TypeError):
        pass
    return "quota" in text.lower()


def verify_kind(exc):
    """Which of VERIFY_KINDS a failed start of a test restore is."""
    if connection_never_opened(exc):
        return UNREACHABLE
    if isinstance(exc, ks_exceptions.RequestEntityTooLarge) or (
            isinstance(exc, ks_exceptions.Forbidden) and says_quota(exc)):
        return QUOTA
    if isinstance(exc, ks_exceptions.Forbidden):
        return FORBIDDEN
    if isinstance(exc, ks_exceptions.HTTPClientError):
        return BAD_REQUEST
    return MAY_HAVE_STARTED if may_have_made(exc) else UNKNOWN
