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

"""An answer cut short of its Content-Length is a broken connection, also
on urllib3 1.26.

Hack, for urllib3 1.26 (pinned by 2024.1 Caracal to 2025.2 Flamingo): when
the connection breaks after Nova's status line and headers, within the
body, urllib3 2 raises, requests makes that a ChunkedEncodingError and
keystoneauth an ``UnknownConnectionError``: ``failures.CONNECTION_BROKE``
("the backup may still be made"). urllib3 1.26 enforces Content-Length
only when asked, and requests does not ask: the bytes that came are the
answer, so a cut answer to a backup reads as "accepted, but no image id",
and a cut error as whatever its status says. ``check()`` raises, for an
answer already read, what keystoneauth raises on urllib3 2 (there it never
finds a short answer). Remove when the oldest supported series pins
urllib3 2 (2026.1 Gazpacho).
"""

from keystoneauth1 import exceptions as ks_exceptions
import requests


def check(resp):
    """Raise keystoneauth's UnknownConnectionError for a short answer.

    ``resp`` is a requests Response whose body was read; short: fewer bytes
    came than its Content-Length says.
    """
    try:
        expected = int(resp.headers.get("Content-Length", ""))
        received = resp.raw.tell()  # bytes as sent, before any decoding
    except (AttributeError, TypeError, ValueError):
        return  # no length declared, or no urllib3 answer to ask
    if received < expected and resp.request.method != "HEAD":
        message = "The answer ended after %d of its %d bytes." % (
            received, expected)
        raise ks_exceptions.UnknownConnectionError(
            message, requests.exceptions.ChunkedEncodingError(message))
