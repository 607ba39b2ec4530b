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

"""After Nova's 500 to a Quick Backup: the queued image it left, deleted.

Plain Python, no Django: the dashboard's form and the ``openstack`` command
share it. Nova 34 answers a createImage that meets another snapshot of the
same instance (a plan's run, another click) with a 500 once it has made the
image in Glance, and that image stays queued for ever. ``take`` sends the
backup (``send()``, one request) and, only after Nova's 500, looks for
that image (one Glance GET: queued, this name, our properties for this
instance, made since the send began) and deletes it (one DELETE), then raises
``in_flight.LostRace``: nothing remains, the same backup may be sent again.
When the image cannot be told for certain (none, several, Glance failing),
nothing is deleted and Nova's error is raised as it came: the backup may
exist, and a stuck one is shown as failed later (``in_flight.is_stuck``).
Nothing is sent again here: the caller decides (the command with ``--wait``
once, after the instance's task ended; the form never, a page cannot wait).
The plan's workflow does the same in YAQL (``clean_up_send``).
"""

from keystoneauth1 import exceptions as ks_exceptions
from novaclient import exceptions as nova_exceptions

from quick_backup_client import backup_images
from quick_backup_client import failures
from quick_backup_client import in_flight

# The status of Nova's answer to a createImage that lost the race.
NOVA_ERROR = 500


def take(glance, project_id, server_id, name, send, clock=in_flight.utcnow):
    """``send()``'s answer; after Nova's 500, its leftover image deleted and
    ``in_flight.LostRace`` raised (else Nova's error, untouched).
    """
    started = clock()
    try:
        return send()
    except nova_exceptions.ClientException as exc:
        # Nova's own 500 (its unexpected error), not a proxy's 502-504 for
        # a request Nova may still be carrying out.
        if failures.kind(exc) != failures.SERVER_ERROR or \
                failures.status_code(exc) != NOVA_ERROR or \
                not clean_up(glance, project_id, server_id, name, started):
            raise
    raise in_flight.LostRace()


def clean_up(glance, project_id, server_id, name, started):
    """Delete the image a send of ``name`` for ``server_id`` begun at
    ``started`` left queued; True when it is gone (two requests), False
    when it could not be told for certain or Glance failed.
    """
    try:
        image = in_flight.leftover(backup_images.images(
            glance, in_flight.leftover_filters(project_id, server_id, name)),
            server_id, name, started)
    except Exception:  # best effort: Nova's own error is what is said
        return False
    if image is None or not image.get("id"):
        return False
    try:
        backup_images.image_delete(glance, image["id"])
    except ks_exceptions.NotFound:
        return True  # gone already: nothing is stuck
    except Exception:
        return False
    return True
