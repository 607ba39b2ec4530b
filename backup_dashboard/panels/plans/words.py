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

"""A plan in the dashboard's words: its schedule, retention and runs.

The plans library gives kinds and values (``schedule.describe``,
``runs.read``); each surface says them in its own words: here, one table
per kind, translated.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from backup_dashboard.panels.backups import verifying
from quick_backup_client.plans import runs
from quick_backup_client.plans import schedule

WEEKDAYS = (_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"),
            _("Friday"), _("Saturday"), _("Sunday"))

# Why one instance's backup in a run failed, by kind.
ITEM_FAILURES = {
    runs.BUSY: _("The instance stayed busy (another snapshot or backup "
                 "was in progress), so no backup was taken."),
    runs.UPLOAD_FAILED: _("The image service could not store the backup."),
    runs.UPLOAD_SLOW: _("The backup was not stored in time; it is shown as "
                        "failed and can be deleted."),
    runs.INSTANCE_GONE: _("The instance no longer exists."),
    runs.QUOTA: _("Your project's quota does not allow another image or "
                  "snapshot."),
    runs.FORBIDDEN: _("The plan's owner is not allowed to back up this "
                      "instance."),
    runs.TRUST: _("The plan can no longer act for the user who made it "
                  "(that user lost the role or was disabled): edit and "
                  "save the plan again."),
    runs.SERVICE_DOWN: _("A cloud service did not answer; the run will try "
                         "again next time."),
    runs.PRUNE_FAILED: _("The backup was made, but older backups could not "
                         "be deleted by the retention rule."),
    runs.NOT_QUIESCED: _("Not backed up, as the plan requires consistency: "
                         "the backup would not be application-consistent "
                         "(the instance's image has no guest agent). Set "
                         "hw_qemu_guest_agent=yes on it, or shut the "
                         "instance off."),
    runs.CONSISTENCY_UNKNOWN: _("Not backed up, as the plan requires "
                                "consistency: the Compute service did not "
                                "show whether the instance's image has a "
                                "guest agent."),
    runs.VERIFY_FAILED: _("Older backups kept: the new one failed its "
                          "test restore."),
    runs.VERIFY_NOT_RUN: _("Older backups kept: the new one could not be "
                           "test-restored, so it is not verified."),
    runs.COPY_FAILED: _("The backup was made and kept, but it could not be "
                        "copied to the plan's other store."),
    runs.UNKNOWN: _("The run failed for a reason the dashboard does not "
                    "know."),
}
# What became of a new backup's copy to the plan's other store (its
# ``store``), by ``runs.COPY_KINDS`` kind.
COPY_RESULTS = {
    runs.COPIED: _("Copied to store %(store)s."),
    runs.NOT_COPIED: _("Not copied to store %(store)s: this backup's data "
                       "are volume snapshots in the Block Storage service, "
                       "which a copy between image stores would not move."),
    runs.COPY_SINGLE_STORE: _("Not copied to store %(store)s: the image "
                              "service has a single store."),
    runs.COPY_IMPORT_FAILED: _("The image service could not copy the "
                               "backup to store %(store)s."),
    runs.COPY_SLOW: _("The copy to store %(store)s was not in place in "
                      "time."),
    runs.COPY_UNSUPPORTED: _("Not copied to store %(store)s: the workflow "
                             "service of this cloud cannot copy images "
                             "(ask its operator)."),
    runs.COPY_UNKNOWN_STORE: _("Not copied: the image service refused "
                               "store %(store)s."),
    runs.FORBIDDEN: _("Not copied to store %(store)s: the image service's "
                      "policy does not allow you to copy images."),
    runs.SERVICE_DOWN: _("Not copied to store %(store)s: the image service "
                         "did not answer."),
    runs.TRUST: _("Not copied to store %(store)s: the plan can no longer "
                  "act for the user who made it."),
    runs.UNKNOWN: _("Not copied to store %(store)s, for a reason the "
                    "dashboard does not know."),
}
# Why a new backup's test restore could not run, beyond the quota's
# (verifying.NO_ROOM) and the services' (ITEM_FAILURES) reasons.
NO_ROOM = _("no room in your quota for more %s")
NO_FLAVOR = _("no flavor you may use is large enough for it")
WHY = _("%(words)s Why: %(why)s.")
RUN_STATES = {
    runs.RUNNING: _("Running"),
    runs.SUCCEEDED: _("Succeeded"),
    runs.FAILED: _("Failed"),
    runs.NO_PLAN: _("The plan was gone when it ran"),
    runs.SKIPPED: _("Skipped: the plan's previous run was still running"),
}
MADE = _("Backup made")
# A plan whose definition cannot be read (``spec.Damaged``).
DAMAGED = _("Damaged: its definition on the workflow service was changed "
            "by hand and cannot be read (%s). Delete the plan and create it "
            "again.")


def schedule_words(pattern, tz_name):
    """The schedule of a UTC ``pattern`` in words, times in ``tz_name``."""
    try:
        description = schedule.describe(pattern, tz_name)
    except schedule.Invalid:
        return _("Unreadable schedule")
    values = dict(description.values)
    if description.kind == schedule.DAILY:
        return _("Daily at %(time)s") % values
    if description.kind == schedule.WEEKLY:
        values["weekday"] = WEEKDAYS[values["weekday"]]
        return _("Every %(weekday)s at %(time)s") % values
    if description.kind == schedule.MONTHLY:
        return _("Monthly on day %(day)d at %(time)s") % values
    if description.kind == schedule.HOURLY:
        return _("Every hour at minute %(minute)d") % values
    if description.kind == schedule.EVERY_MINUTES:
        minutes = values["minutes"]
        return ngettext("Every minute", "Every %(minutes)d minutes",
                        minutes) % values
    return _("Cron %(pattern)s (UTC)") % values


def retention_words(retention):
    """``retention`` in words: "Keep the newest 7, ... daily, ..."."""
    parts = []
    if retention.keep_last:
        parts.append(ngettext("the newest backup", "the newest %(n)d",
                              retention.keep_last) % {
                                  "n": retention.keep_last})
    tiers = ((retention.keep_daily, _("%(n)d daily")),
             (retention.keep_weekly, _("%(n)d weekly")),
             (retention.keep_monthly, _("%(n)d monthly")))
    parts.extend(words % {"n": count} for count, words in tiers if count)
    return _("Keep %(parts)s") % {"parts": ", ".join(str(p) for p in parts)}


def item_words(item):
    """What a run did for one instance, in words."""
    if item.kind == runs.MADE:
        return MADE
    words = ITEM_FAILURES.get(item.kind, ITEM_FAILURES[runs.UNKNOWN])
    if item.kind in (runs.VERIFY_FAILED, runs.VERIFY_NOT_RUN):
        return WHY % {"words": words,
                      "why": verify_reason_words(item.verify_reason)}
    return words


def verify_reason_words(reason):
    """Why a plan's test restore of its new backup failed or did not run."""
    if reason in verifying.REASONS:
        return verifying.REASONS[reason]
    if reason in verifying.NO_ROOM:
        return NO_ROOM % verifying.NO_ROOM[reason]
    if reason == runs.NO_FLAVOR:
        return NO_FLAVOR
    return str(ITEM_FAILURES.get(reason, ITEM_FAILURES[runs.UNKNOWN])
               ).rstrip(".")


def copy_words(item):
    """What became of the item's copy to the plan's other store, or ""."""
    if not getattr(item, "copy", None):
        return ""
    return COPY_RESULTS.get(item.copy, COPY_RESULTS[runs.UNKNOWN]) % {
        "store": item.copy_to or "-"}
