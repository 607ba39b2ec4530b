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

"""``--wait``: a backup's image followed in Glance until it is active, with
a progress line (status and elapsed time) on stderr."""

import time

from keystoneauth1 import exceptions as ks_exceptions
from osc_lib import exceptions

from quick_backup_client import backup_images
from quick_backup_client.osc.i18n import _
from quick_backup_client.osc import messages

# Seconds between two looks at the image.
POLL_SECONDS = 2
# Glance's statuses of an image that will never become active.
FAILED_STATUSES = ("killed", "deleted", "pending_delete", "deactivated")


class Waiter(object):
    """Follows a backup's image in Glance until it is active (one GET
    every POLL_SECONDS), with a progress line on ``stream``.
    """

    def __init__(self, glance, stream, sleep=time.sleep,
                 clock=time.monotonic):
        self.glance, self.stream = glance, stream
        self.sleep, self.clock = sleep, clock

    def wait(self, image_id, server):
        """The active image; CommandError when it fails or is deleted."""
        started, last = self.clock(), None
        values = {"image": image_id, "server": server}
        while True:
            try:
                image = backup_images.image_get(self.glance, image_id)
            except ks_exceptions.NotFound:
                self._end(last)
                raise exceptions.CommandError(_(
                    'The backup of server "%(server)s" failed: its image '
                    '%(image)s was deleted before it became active.')
                    % values) from None
            except ks_exceptions.ClientException as exc:
                self._end(last)
                raise exceptions.CommandError(messages.image_failure(
                    exc, _("Unable to follow the backup image %(image)s "
                           "of server \"%(server)s\" (it may still become "
                           "active)") % values)) from None
            status = image.get("status")
            last = self._show(image_id, status, self.clock() - started, last)
            if status == "active":
                self._end(last)
                return image
            if status in FAILED_STATUSES:
                self._end(last)
                raise exceptions.CommandError(_(
                    'The backup of server "%(server)s" failed: its image '
                    '%(image)s is %(status)s.') % dict(values, status=status))
            self.sleep(POLL_SECONDS)

    def _show(self, image_id, status, elapsed, last):
        minutes, seconds = divmod(int(elapsed), 60)
        line = _("Backup %(image)s: %(status)s, %(elapsed)s elapsed") % {
            "image": image_id, "status": status,
            "elapsed": "%d:%02d" % (minutes, seconds)}
        if _isatty(self.stream):
            self.stream.write("\r" + line)
        elif status != last:  # a log, not a screen: one line per status
            self.stream.write(line + "\n")
        self.stream.flush()
        return status

    def _end(self, last):
        if last is not None and _isatty(self.stream):
            self.stream.write("\n")
            self.stream.flush()


def _isatty(stream):
    return getattr(stream, "isatty", lambda: False)()
