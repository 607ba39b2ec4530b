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

"""Which of a plan's backups of an instance a run keeps: the newest N, and
grandfather-father-son (the newest backup of each of the last N days, ISO
weeks and months that have one).

A protected backup (Glance's ``protected``) is kept and NOT counted
against any of these numbers: like a locked recovery point in AWS Backup,
it is outside the plan's lifecycle, so protecting a backup never makes a
plan delete a newer one. A run reports how many it kept this way
(``protected_kept``).

The same rule runs in two places: here, for what the dashboard and the
command line show, and in the plan's Mistral workflow (``workflow.yaml``,
task ``prune``), where it is written in YAQL. ``tests/test_plan_retention.py``
runs both on the same backups and checks that they agree. Periods are
UTC days, ISO weeks and months of the backup's ``created_at``.

Nova's own rotation (createBackup) is not used for plans: Mistral's
``nova.servers_backup`` sends no image properties (a backup would be
unmarked until a second call), Nova's deletions are not reported back, and
it counts backups, not periods. The workflow prunes instead, the same way
for image-backed and volume-backed instances, and records what it deleted.
"""

import collections
import datetime

from quick_backup_server import protocol

# The most a plan keeps of one kind (Glance lists a thousand at a time).
KEEP_MAX = 365
TIERS = ("keep_daily", "keep_weekly", "keep_monthly")
FIELDS = ("keep_last",) + TIERS


class Retention(collections.namedtuple("Retention", FIELDS)):
    """How many backups a plan keeps: ``keep_last`` newest ones and, per
    tier, the newest of each of that many days, weeks and months.
    """

    def __new__(cls, keep_last=0, keep_daily=0, keep_weekly=0,
                keep_monthly=0):
        return super().__new__(cls, keep_last, keep_daily, keep_weekly,
                               keep_monthly)

    def problem(self):
        """None, or which field is wrong (a name of ``FIELDS``, or
        ``"nothing"`` when it keeps nothing at all).
        """
        for field in FIELDS:
            value = getattr(self, field)
            if isinstance(value, bool) or not isinstance(value, int) or \
                    not 0 <= value <= KEEP_MAX:
                return field
        if not any(self):
            return "nothing"
        return None

    def as_dict(self):
        return dict(self._asdict())

    @classmethod
    def from_dict(cls, values):
        return cls(**{field: values.get(field) or 0 for field in FIELDS})


def created(image):
    """An image's ``created_at`` as an aware UTC datetime."""
    text = image["created_at"]
    return datetime.datetime.strptime(
        text[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)


def period_keys(when):
    """The day, ISO week and month ``when`` falls in (UTC), as the
    workflow writes them.
    """
    return (when.strftime("%Y-%m-%d"), when.strftime("%G-W%V"),
            when.strftime("%Y-%m"))


def _newest_per_period(backups, index, count):
    kept, seen = [], set()
    for image in backups:
        key = period_keys(created(image))[index]
        if key not in seen:
            seen.add(key)
            if len(seen) > count:
                break
            kept.append(image)
    return kept


def _counted(image, server_id):
    taken_of = image.get(protocol.NOVA_INSTANCE_PROPERTY)
    return image.get("status") == "active" and \
        not image.get("protected") and taken_of in (None, server_id)


def select(backups, retention, server_id=None):
    """``(keep, delete)``: the backups ``retention`` keeps and those it
    deletes, each newest first. ``backups`` are one instance's backups by
    one plan (Glance's image dicts). Protected ones are always kept and
    never counted; nor are those not yet ``active``, nor snapshots Nova
    took of another instance than ``server_id`` (which inherited the
    plan's properties).
    """
    eligible = sorted(
        (image for image in backups if _counted(image, server_id)),
        key=lambda image: (image["created_at"], image["id"]), reverse=True)
    keep_ids = {image["id"] for image in eligible[:retention.keep_last]}
    for index, tier in enumerate(TIERS):
        keep_ids.update(image["id"] for image in _newest_per_period(
            eligible, index, getattr(retention, tier)))
    delete = [image for image in eligible if image["id"] not in keep_ids]
    deleted = {image["id"] for image in delete}
    keep = sorted((image for image in backups if image["id"] not in deleted),
                  key=lambda image: image["created_at"], reverse=True)
    return keep, delete


def protected_kept(backups, server_id=None):
    """How many of one instance's backups by one plan a run keeps because
    they are protected (outside the count; as the workflow's
    ``protected_kept``).
    """
    return sum(1 for image in backups if image.get("protected") and
               image.get(protocol.NOVA_INSTANCE_PROPERTY) in (None,
                                                              server_id))


def protected_since(doomed, relisted):
    """Of the ``doomed`` backups, those ``relisted`` (Glance's images again,
    right before their snapshots go) shows protected now: kept, with their
    snapshots (as the workflow's ``recheck``). Returns ``(doomed still,
    how many are protected now)``.
    """
    now = {image["id"] for image in relisted if image.get("protected")}
    return [image for image in doomed if image["id"] not in now], len(now)
