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

"""What the ``plan`` commands say: schedules, retention and run results in
words (tables by the library's kinds), and Mistral's failures.

The library (``quick_backup_client.plans``) gives kinds and values, never
words; Mistral's own error text is never shown.
"""

from keystoneauth1 import exceptions as ks_exceptions
from mistralclient.api import base as mistral_base

from quick_backup_client.osc.i18n import _
from quick_backup_client.osc.i18n import N_
from quick_backup_client.osc.i18n import ngettext
from quick_backup_client.osc import messages
from quick_backup_client.osc import verify_messages
from quick_backup_client.plans import retention as retention_rules
from quick_backup_client.plans import runs
from quick_backup_client.plans import schedule
from quick_backup_client.plans import spec
from quick_backup_client.plans import store
from quick_backup_client import verify_check

# 0 is Monday, as in ``schedule``.
WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
            N_("Friday"), N_("Saturday"), N_("Sunday"))
# What ``schedule.describe`` answers, by kind (EVERY_MINUTES is plural).
SCHEDULES = {
    schedule.DAILY: N_("daily at %(time)s (%(zone)s)"),
    schedule.WEEKLY: N_("every %(weekday)s at %(time)s (%(zone)s)"),
    schedule.MONTHLY: N_("monthly on day %(day)d at %(time)s (%(zone)s)"),
    schedule.HOURLY: N_("hourly at minute %(minute)d"),
    schedule.CRON: N_("cron %(pattern)s (UTC)"),
}
# What happened to one instance in a run, by ``runs`` kind.
RESULTS = {
    runs.MADE: N_("backed up"),
    runs.BUSY: N_("not backed up: the instance stayed busy"),
    runs.UPLOAD_FAILED: N_("failed: the Image service did not keep the "
                           "image"),
    runs.UPLOAD_SLOW: N_("failed: the image was not ready in time"),
    runs.INSTANCE_GONE: N_("failed: the instance no longer exists"),
    runs.QUOTA: N_("failed: the project's quota allows no more images or "
                   "snapshots"),
    runs.FORBIDDEN: N_("failed: not allowed by policy"),
    runs.TRUST: N_("failed: the plan's trust no longer works (the user who "
                   "made it lost the role or was disabled); save the plan "
                   "again"),
    runs.SERVICE_DOWN: N_("failed: a service (Compute, Image or Block "
                          "Storage) did not answer"),
    runs.PRUNE_FAILED: N_("backed up, but old backups could not be "
                          "deleted"),
    runs.NOT_QUIESCED: N_("not backed up: the plan requires consistency, "
                          "and the backup would not be "
                          "application-consistent (no guest agent)"),
    runs.CONSISTENCY_UNKNOWN: N_("not backed up: the plan requires "
                                 "consistency, and Nova did not show "
                                 "whether the instance has a guest agent"),
    runs.VERIFY_FAILED: N_("backed up, but older backups kept: the new one "
                           "failed its test restore"),
    runs.VERIFY_NOT_RUN: N_("backed up, but older backups kept: the new "
                            "one could not be test-restored"),
    runs.COPY_FAILED: N_("backed up and kept, but not copied to the "
                         "plan's other store"),
    runs.UNKNOWN: N_("failed"),
}
# What became of a new backup's copy to the plan's other store (its
# ``store``), by ``runs.COPY_KINDS`` kind.
COPY_RESULTS = {
    runs.COPIED: N_("copied to store %(store)s"),
    runs.NOT_COPIED: N_("not copied to store %(store)s: its data are volume "
                        "snapshots in the Block Storage service, which a "
                        "copy between image stores would not move"),
    runs.COPY_SINGLE_STORE: N_("not copied to store %(store)s: the Image "
                               "service has a single store"),
    runs.COPY_IMPORT_FAILED: N_("the Image service failed to copy it to "
                                "store %(store)s"),
    runs.COPY_SLOW: N_("its copy to store %(store)s was not in place in "
                       "time"),
    runs.COPY_UNSUPPORTED: N_("not copied to store %(store)s: this cloud's "
                              "Mistral cannot copy images (see the Quick "
                              "Backup admin guide)"),
    runs.COPY_UNKNOWN_STORE: N_("not copied: the Image service refused "
                                "store %(store)s"),
    runs.FORBIDDEN: N_("not copied to store %(store)s: not allowed by the "
                       "Image service's policy"),
    runs.SERVICE_DOWN: N_("not copied to store %(store)s: the Image service "
                          "did not answer"),
    runs.TRUST: N_("not copied to store %(store)s: the plan's trust no "
                   "longer works"),
    runs.UNKNOWN: N_("not copied to store %(store)s"),
}
# plan create/set --copy-to a store the plan cannot copy to.
COPY_SINGLE_STORE = N_("The Image service offers a single store (or none "
                       "you may copy to): a plan cannot copy its backups to "
                       "another one.")
COPY_NO_STORE = N_("--copy-to %(store)s: not a store of the Image service "
                   "that you may copy backups to; choose one of: "
                   "%(stores)s.")
# Why a new backup's test restore could not run (beyond verify_messages').
NO_ROOM = N_("no room in the quota for more %s")
NO_FLAVOR = N_("no flavor is large enough for it")
# A run as a whole, by ``runs`` state.
STATES = {
    runs.RUNNING: N_("running"),
    runs.SUCCEEDED: N_("succeeded"),
    runs.FAILED: N_("failed"),
    runs.NO_PLAN: N_("failed: the plan was deleted"),
    runs.SKIPPED: N_("skipped: the previous run was still running"),
}
# A firing that started no run (firings.missed: the trust was refused).
MISSED = N_("Warning: the run due at %(due)s did not start: Mistral could "
            "not act as the plan's owner. If the owner lost their role in "
            "this project or was disabled, pause and resume the plan to "
            "renew it as you: openstack server quick-backup plan set "
            "%(plan)s --pause, then --resume.")
TIERS = (("keep_daily", N_("%d daily")), ("keep_weekly", N_("%d weekly")),
         ("keep_monthly", N_("%d monthly")))
# The option behind each field of a plan (``spec.Invalid.field``, and the
# retention's own fields).
OPTIONS = {"keep_last": "--keep", "keep_daily": "--keep-daily",
           "keep_weekly": "--keep-weekly", "keep_monthly": "--keep-monthly"}
# A plan whose definition cannot be read (``spec.Damaged``; its field).
DAMAGED = N_("damaged: its definition on the workflow service was changed "
             "by hand and cannot be read (%s). Delete the plan (plan delete) "
             "and create it again.")
NO_MISTRAL = N_(
    "This cloud has no workflow service (Mistral, \"workflowv2\" in its "
    "catalogue for this region and interface), so it has no backup plans. "
    "To back up on a schedule without it, run \"openstack server "
    "quick-backup\" from cron with an application credential: see \"Backups "
    "on a schedule without Mistral\" in the Quick Backup user guide.")


def schedule_words(pattern, tz_name):
    """A UTC cron pattern in words, in ``tz_name``."""
    kind, values = schedule.describe(pattern, tz_name)
    if kind == schedule.EVERY_MINUTES:
        return ngettext("every minute", "every %(minutes)d minutes",
                        values["minutes"]) % values
    values = dict(values, zone=tz_name)
    if kind == schedule.WEEKLY:
        day = WEEKDAYS[values["weekday"]]
        values["weekday"] = _(day)
    return _(SCHEDULES[kind]) % values


def retention_words(retention):
    parts = [_("newest %d") % retention.keep_last] \
        if retention.keep_last else []
    parts += [_(words) % getattr(retention, field)
              for field, words in TIERS if getattr(retention, field)]
    return ", ".join(parts)


def last_words(last, tz_name):
    """A plan's last result (``spec.last_result``) in a few words."""
    if not last:
        return _("not run yet")
    when = schedule.in_zone(schedule.parse_mistral_time(
        last.get("finished_at")), tz_name)
    values = {"when": when.strftime("%Y-%m-%d %H:%M") if when else "?"}
    if not last.get("failed"):
        return _("succeeded at %(when)s") % values
    kinds = list(runs.last_kinds(last).values())
    values.update(failed=sum(kind != runs.MADE for kind in kinds),
                  total=len(kinds))
    if not kinds:
        return _("failed at %(when)s (see plan history)") % values
    return ngettext(
        "failed at %(when)s: %(failed)d of %(total)d instance (see plan "
        "history)",
        "failed at %(when)s: %(failed)d of %(total)d instances (see plan "
        "history)", values["total"]) % values


def verify_reason_words(reason):
    """Why a plan's test restore of its new backup failed or did not run."""
    if reason in verify_messages.REASONS:
        return _(verify_messages.REASONS[reason]) % {
            "minutes": verify_check.VERIFY_SECONDS // 60}
    if reason in verify_messages.NO_ROOM:
        return _(NO_ROOM) % _(verify_messages.NO_ROOM[reason])
    if reason == runs.NO_FLAVOR:
        return _(NO_FLAVOR)
    return _(RESULTS.get(reason, RESULTS[runs.UNKNOWN]))


def invalid(exc, schedule_option):
    """Which option is wrong, from a ``spec.Invalid``."""
    if exc.field == "name":
        return _("The plan name must have 1 to %d characters.") % \
            spec.NAME_MAX_LENGTH
    if exc.field == "servers":
        return _("A plan covers 1 to %d servers (--server).") % \
            spec.SERVERS_MAX
    if exc.field == "schedule":
        return _("%s is not a schedule: give a five-field cron pattern in "
                 "UTC (--schedule \"0 2 * * *\"), --daily HH:MM or "
                 "--weekly DAY HH:MM.") % schedule_option
    if exc.detail == "nothing":
        return _("The plan would keep no backups: give --keep N or one of "
                 "--keep-daily, --keep-weekly, --keep-monthly.")
    return _("%(option)s must be a whole number from 0 to %(max)d.") % {
        "option": OPTIONS.get(exc.detail, "--keep"),
        "max": retention_rules.KEEP_MAX}


def mistral_failure(exc, what):
    """Why Mistral could not do ``what`` (a sentence's start, such as
    "Unable to list backup plans"); never Mistral's own text.
    """
    values = {"what": what}
    if isinstance(exc, store.NotRestored):
        return _("%(what)s, and it could not be put back as it was either: "
                 "it may not be scheduled now. Change it again (plan set), "
                 "then check it with plan show.") % values
    if isinstance(exc, mistral_base.APIException):
        values["code"] = exc.error_code
        if exc.error_code == 401:
            return _("The cloud did not accept your credentials (HTTP "
                     "401). Check your OS_* environment variables or "
                     "--os-* options.")
        if exc.error_code == 403:
            return _("%(what)s: you are not allowed to (HTTP 403).") % values
        if exc.error_code and exc.error_code >= 500:
            return _("%(what)s: the workflow service (Mistral) failed (HTTP "
                     "%(code)s). Try again later; if it keeps failing, "
                     "contact your cloud operator.") % values
        return _("%(what)s: the workflow service (Mistral) answered HTTP "
                 "%(code)s.") % values
    if isinstance(exc, ks_exceptions.ClientException):
        common = messages.common_failure(exc)
        if common:
            return common
        return _("%(what)s: the workflow service (Mistral) could not be "
                 "reached or did not answer in time. Try again "
                 "later.") % values
    return _("%(what)s: the workflow service (Mistral) sent an answer that "
             "could not be read.") % values
