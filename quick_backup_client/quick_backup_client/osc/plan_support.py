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

"""What the ``plan`` commands share: Mistral calls that fail with a
sentence, finding a plan by id or name, and the schedule, retention and
time zone options.

The plans themselves (checks, cron, storage) are the library's
(``quick_backup_client.plans``); nothing here decides what a plan is.
"""

import os
import zoneinfo

from keystoneauth1 import exceptions as ks_exceptions
from mistralclient.api import base as mistral_base
from osc_lib import exceptions

from quick_backup_client.osc.i18n import _
from quick_backup_client.osc.i18n import N_
from quick_backup_client.osc import plan_messages
from quick_backup_client.osc import plugin
from quick_backup_client.plans import retention as retention_rules
from quick_backup_client.plans import schedule
from quick_backup_client.plans import spec
from quick_backup_client.plans import store

# What a Mistral call may raise: its HTTP errors, keystoneauth's connection
# and login failures, and answers that are not what mistralclient expects.
FAILURES = (mistral_base.APIException, ks_exceptions.ClientException,
            ValueError, KeyError, TypeError, AttributeError,
            store.NotRestored)
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday")
RETENTION_OPTIONS = tuple(plan_messages.OPTIONS.items())
# A server id for checking the rest of a plan before its servers are found.
UNCHECKED = "00000000-0000-4000-8000-000000000000"
HELPS = {
    "keep_last": N_("Keep the newest N backups of each server"),
    "keep_daily": N_(
        "Also keep the newest backup of each of the last N days"),
    "keep_weekly": N_(
        "Also keep the newest backup of each of the last N weeks"),
    "keep_monthly": N_(
        "Also keep the newest backup of each of the last N months"),
}


def mistral(app):
    """The project's Mistral, or a sentence where this cloud has none."""
    try:
        return app.client_manager.quick_backup.mistral
    except plugin.NoMistral:
        raise exceptions.CommandError(_(plan_messages.NO_MISTRAL)) from None


def call(what, function, *args):
    """``function(*args)``, or a CommandError saying why ``what`` (a
    sentence's start) failed.
    """
    try:
        return function(*args)
    except FAILURES as exc:
        raise exceptions.CommandError(
            plan_messages.mistral_failure(exc, what)) from None


def find(client, name_or_id):
    """The plan (``store.Listed``) with this id, else this exact name (one
    listing: two Mistral requests).
    """
    listed = call(_("Unable to list backup plans"), store.plans, client)
    return _one(listed, name_or_id)


def readable(listed):
    """``listed``, or a CommandError when the plan is damaged (it can only
    be deleted).
    """
    if listed.plan.damaged:
        raise exceptions.CommandError(_('Backup plan "%(plan)s" is %(why)s')
                                      % {"plan": listed.plan.name,
                                         "why": _(plan_messages.DAMAGED)
                                         % listed.plan.problem})
    return listed


def find_all(client, names_or_ids):
    listed = call(_("Unable to list backup plans"), store.plans, client)
    return [_one(listed, name_or_id) for name_or_id in names_or_ids]


def _one(listed, name_or_id):
    found = [item for item in listed if item.plan.id == name_or_id] or \
        [item for item in listed if item.plan.name == name_or_id]
    if not found:
        raise exceptions.CommandError(_(
            'No backup plan with a name or ID of "%s" exists.') % name_or_id)
    if len(found) > 1:
        raise exceptions.CommandError(_(
            'More than one backup plan is named "%(name)s": use its ID '
            '(%(ids)s).') % {"name": name_or_id,
                             "ids": ", ".join(item.plan.id
                                              for item in found)})
    return found[0]


def add_timezone(parser, for_schedule=False):
    parser.add_argument(
        "--timezone", metavar="<zone>",
        help=_("IANA time zone (such as Europe/Paris) of --daily and "
               "--weekly, and of the times shown (default: TZ, else UTC)")
        if for_schedule else
        _("IANA time zone (such as Europe/Paris) of the times shown "
          "(default: TZ, else UTC)"))


def zone_name(parsed_args):
    """The user's time zone: --timezone (checked), else TZ, else UTC."""
    if parsed_args.timezone:
        if not _known(parsed_args.timezone):
            raise exceptions.CommandError(_(
                'Unknown time zone "%s": give an IANA name such as '
                'Europe/Paris or UTC.') % parsed_args.timezone)
        return parsed_args.timezone
    environ = os.environ.get("TZ", "")
    return environ if _known(environ) else "UTC"


def _known(name):
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return bool(name)


def add_schedule(parser, required):
    group = parser.add_mutually_exclusive_group(required=required)
    group.add_argument(
        "--schedule", metavar="<cron>",
        help=_("Cron pattern of five fields, in UTC (such as \"0 2 * * *\")"))
    group.add_argument(
        "--daily", metavar="<HH:MM>",
        help=_("Every day at this time (in --timezone)"))
    group.add_argument(
        "--weekly", metavar=("<day>", "<HH:MM>"), nargs=2,
        help=_("Every week on this day (monday to sunday) at this time (in "
               "--timezone)"))


def schedule_given(parsed_args):
    """``(preset, time_text, weekday, option)`` of the schedule options, or
    None when none was given.
    """
    if parsed_args.schedule is not None:
        return schedule.CRON, parsed_args.schedule, None, "--schedule"
    if parsed_args.daily is not None:
        return schedule.DAILY, parsed_args.daily, None, "--daily"
    if parsed_args.weekly is not None:
        day, time_text = parsed_args.weekly
        day = day.strip().lower()
        weekday = next((index for index, name in enumerate(DAYS)
                        if len(day) >= 3 and name.startswith(day)), None)
        if weekday is None:
            raise exceptions.CommandError(_(
                '"%s" is not a day of the week: give monday to sunday (or '
                'mon to sun).') % parsed_args.weekly[0])
        return schedule.WEEKLY, time_text, weekday, "--weekly"
    return None


def add_retention(parser, keep_help=None):
    """The retention options; ``keep_help`` replaces --keep's help."""
    for field, option in RETENTION_OPTIONS:
        parser.add_argument(
            option, metavar="<count>", type=int, dest=field,
            help=keep_help if keep_help and field == "keep_last"
            else _(HELPS[field]))


def retention_given(parsed_args, current=None):
    """The retention of the options (over ``current``'s), or None when no
    option was given.
    """
    given = {field: getattr(parsed_args, field)
             for field, _option in RETENTION_OPTIONS
             if getattr(parsed_args, field) is not None}
    if not given:
        return None
    base = current._asdict() if current is not None else {}
    return retention_rules.Retention(**dict(base, **given))


def make(schedule_option, **values):
    """``spec.make(**values)``, or a sentence naming the wrong option."""
    try:
        return spec.make(**values)
    except spec.Invalid as exc:
        raise exceptions.CommandError(
            plan_messages.invalid(exc, schedule_option)) from None


def add_require_consistency(parser, with_off=False):
    """``--require-consistency`` (and, to change a plan,
    ``--no-require-consistency``): ``require_consistency`` is None when
    neither is given.
    """
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--require-consistency", dest="require_consistency",
        action="store_true", default=None,
        help=_("Back up only servers whose backup is expected to be "
               "application-consistent (image with hw_qemu_guest_agent=yes; "
               "Nova enforces the freeze only where the image also has "
               "os_require_quiesce=yes) or that are shut off; the run "
               "reports the others as not backed up"))
    if with_off:
        group.add_argument(
            "--no-require-consistency", dest="require_consistency",
            action="store_false",
            help=_("Back up every server of the plan, consistent or not"))


def add_verify(parser, with_off=False):
    """``--verify-backups`` (and, to change a plan,
    ``--no-verify-backups``): ``verify`` is None when neither is given.
    Not ``--verify``: openstack's own ``--verify`` (TLS) takes that
    wherever it stands on the command line.
    """
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--verify-backups", dest="verify", action="store_true", default=None,
        help=_("Test-restore each new backup: boot a throwaway, isolated "
               "server (no network) from it, check that it runs, delete it "
               "(it counts against the quota for a few minutes). A backup "
               "that fails fails the run, and older backups are kept"))
    if with_off:
        group.add_argument(
            "--no-verify-backups", dest="verify", action="store_false",
            help=_("Do not test-restore the plan's new backups"))
