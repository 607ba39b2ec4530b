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

"""Whether an instance is busy with a task, and when a backup is stuck.

Plain Python, no Django: the dashboard, the ``openstack`` command and the
backup plans decide the same way. Nova runs one task at a time on an
instance; two backups sent at once make Nova 34 answer the second with a
500 and leave its image in ``queued`` forever. So nothing is sent while
the instance has a task (``InstanceBusy``: nothing was sent), and an image
left unfinished past a bound while its instance has no task is shown as
failed, and may be deleted.

Two backups that meet inside Nova (each read the instance idle) make Nova
answer one with a 500 after it made that one's image in Glance: the image
a failed send left (``leftover``) is found by what was sent, and deleted
(``lost_race``), before the user is told ``LostRace``.
"""

import datetime
import time

from quick_backup_server import protocol

# Where Nova (any microversion) says which task an instance is in: None
# when idle, else image_snapshot, image_pending_upload, image_uploading,
# rebooting, resize_prep, ... (any task keeps a backup from starting).
TASK_STATE = "OS-EXT-STS:task_state"
# Glance's statuses of a backup image Nova has not finished yet.
# (Nova's snapshots go queued, then saving; Glance's imports, which also
# copy an image to another store, go uploading or importing.)
QUEUED = "queued"
UNFINISHED_STATUSES = (QUEUED, "saving", "importing", "uploading")
# An unfinished backup older than this, while its instance has no task,
# is stuck (the dashboard's QUICK_BACKUP_STUCK_AFTER defaults to it).
STUCK_AFTER_SECONDS = 3600
# How long ``openstack server quick-backup create --wait`` waits for the
# instance's task to end before it sends the backup, and how often it looks.
IDLE_WAIT_SECONDS = 600
IDLE_POLL_SECONDS = 5
# How a plan's run (plans/workflow.yaml) waits: for the instance's task to
# end, RUN_BUSY_TRIES looks RUN_BUSY_DELAY seconds apart (then "busy"); for
# Glance to hold the whole image, RUN_UPLOAD_TRIES looks RUN_UPLOAD_DELAY
# seconds apart (then "upload_slow"), which ends well before an unfinished
# image counts as stuck (STUCK_AFTER_SECONDS).
RUN_BUSY_TRIES, RUN_BUSY_DELAY = 10, 30
RUN_UPLOAD_TRIES, RUN_UPLOAD_DELAY = 360, 5
# How a plan's run that copies each backup (its ``copy_to``) waits for
# Glance's copy-image import: RUN_COPY_TRIES looks RUN_COPY_DELAY seconds
# apart for the store in the image's ``stores`` (then "copy_slow"); the
# copy moves the same bytes as the upload, so the same bound.
RUN_COPY_TRIES, RUN_COPY_DELAY = RUN_UPLOAD_TRIES, RUN_UPLOAD_DELAY
# How far Glance's clock may lag behind ours when a leftover image is
# matched to the send that made it ("made since the send began").
CLOCK_SKEW_SECONDS = 120


class InstanceBusy(Exception):
    """The instance has a task (``task_state``): no backup was sent."""

    def __init__(self, task_state=None):
        super().__init__("instance busy")
        self.task_state = task_state


class LostRace(Exception):
    """Nova answered the backup with a 500, as it does when another
    snapshot of the instance started at the same moment, and the queued
    image it had made was deleted: nothing remains, it may be sent again.
    """

    def __init__(self):
        super().__init__("another backup of the instance was starting")


def task_state(server):
    """The instance's task (a novaclient Server or Nova's dict), or None."""
    if isinstance(server, dict):
        return server.get(TASK_STATE) or None
    return getattr(server, TASK_STATE, None) or None


def check_idle(server):
    """Raise ``InstanceBusy`` when ``server`` has a task."""
    task = task_state(server)
    if task:
        raise InstanceBusy(task)
    return server


def wait_idle(read_server, timeout=IDLE_WAIT_SECONDS,
              interval=IDLE_POLL_SECONDS, clock=None, sleep=None,
              server=None):
    """The server once it has no task, read with ``read_server()`` (one
    request a look; none when ``server``, already read, is idle). Raises
    ``InstanceBusy`` when it still has one after ``timeout`` seconds.
    """
    clock, sleep = clock or time.monotonic, sleep or time.sleep
    deadline = clock() + timeout
    if server is None:
        server = read_server()
    while task_state(server):
        if clock() + interval > deadline:
            raise InstanceBusy(task_state(server))
        sleep(interval)
        server = read_server()
    return server


def _created(image):
    text = str(image.get("created_at") or "")
    try:
        created = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if created.tzinfo is None:
        created = created.replace(tzinfo=datetime.timezone.utc)
    return created


def may_be_stuck(image, now, bound=STUCK_AFTER_SECONDS):
    """True when Glance's ``image`` is unfinished and older than ``bound``
    seconds: stuck unless its instance has a task (ask Nova only then).
    """
    if image.get("status") not in UNFINISHED_STATUSES:
        return False
    created = _created(image)
    return created is not None and \
        (now - created).total_seconds() > bound


def is_stuck(image, server_task_state, now, bound=STUCK_AFTER_SECONDS):
    """True when the backup ``image`` (Glance's dict) will never finish: it
    is queued or saving, was asked for more than ``bound`` seconds before
    ``now`` (an aware datetime), and its instance has no task (None: idle
    or gone). A long upload keeps its instance in a task, so it is never
    stuck.
    """
    return not server_task_state and may_be_stuck(image, now, bound)


def leftover_filters(project_id, server_id, name):
    """Glance's filters for the queued images of our properties and
    ``name`` that a send for ``server_id`` may have left.
    """
    return {"owner": project_id, "name": name, "status": QUEUED,
            protocol.MARKER_PROPERTY: protocol.MARKER_VALUE,
            protocol.INSTANCE_PROPERTY: server_id}


def leftover(images, server_id, name, started, skew=CLOCK_SKEW_SECONDS):
    """The one image of ``images`` a send begun at ``started`` (an aware
    datetime) left: queued, of ``name`` and our properties for
    ``server_id``, made no earlier than ``started`` less ``skew`` seconds.
    None when there is none, or several (which one is ours cannot be told,
    so none is touched).
    """
    since = started - datetime.timedelta(seconds=skew)
    sent = leftover_filters(None, server_id, name)
    del sent["owner"]  # Glance's own filter (images have "owner" too)
    found = []
    for image in images:
        created = _created(image)
        if created is not None and created >= since and all(
                image.get(key) == value for key, value in sent.items()):
            found.append(image)
    return found[0] if len(found) == 1 else None


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc)
