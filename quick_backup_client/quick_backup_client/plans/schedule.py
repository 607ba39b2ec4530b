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

"""When a plan runs: presets in the user's time zone, cron patterns in UTC.

Mistral's cron triggers take five-field patterns in UTC, so a plan's
schedule is stored as one. The presets ("daily at 02:00", "weekly on Monday
at 02:00") are entered in the user's time zone and turned into UTC with the
offset of the day they are saved on (a preset saved in summer runs an hour
off in winter where clocks change: the plan's page shows when it runs in
the viewer's time zone, today). A pattern typed in is UTC as it is.

``describe`` gives the surfaces a kind and its values, never words: the
dashboard and the command line each say them in their own words.
"""

import collections
import datetime
import re
import zoneinfo

DAILY = "daily"
WEEKLY = "weekly"
CRON = "cron"
# What ``describe`` answers, besides DAILY and WEEKLY.
EVERY_MINUTES = "every_minutes"
HOURLY = "hourly"
MONTHLY = "monthly"

FIELD_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))
_TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
UTC = datetime.timezone.utc


class Invalid(ValueError):
    """A schedule that Mistral would refuse or that means nothing."""


Description = collections.namedtuple("Description", "kind values")


def _field_ok(text, low, high):
    for part in text.split(","):
        base, _slash, step = part.partition("/")
        if _slash and not (step.isdigit() and int(step) >= 1):
            return False
        if base == "*":
            continue
        first, _dash, last = base.partition("-")
        bounds = [first] + ([last] if _dash else [])
        if not all(b.isdigit() and low <= int(b) <= high for b in bounds):
            return False
        if _dash and int(first) > int(last):
            return False
    return bool(text)


def check_cron(pattern):
    """The pattern, tidied (single spaces), or ``Invalid``: five fields of
    numbers, ranges, lists, steps and ``*`` (no names, no seconds).
    """
    fields = (pattern or "").split() if isinstance(pattern, str) else []
    if len(fields) != 5 or not all(
            _field_ok(field, low, high)
            for field, (low, high) in zip(fields, FIELD_RANGES)):
        raise Invalid(pattern)
    return " ".join(fields)


def zone(name):
    """A time zone by its IANA name; UTC for an empty or unknown one."""
    try:
        return zoneinfo.ZoneInfo(name) if name else UTC
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return UTC


def parse_time(text):
    """``(hour, minute)`` of an "HH:MM", or ``Invalid``."""
    match = _TIME.fullmatch((text or "").strip())
    if not match:
        raise Invalid(text)
    return int(match.group(1)), int(match.group(2))


def preset_cron(preset, time_text="", weekday=None, tz_name=None,
                today=None):
    """The UTC cron pattern of a preset entered in ``tz_name``.

    ``weekday``: 0 for Monday to 6 for Sunday (WEEKLY only); ``today``: the
    day whose UTC offset applies (default: now).
    """
    if preset == CRON:
        return check_cron(time_text)
    if preset not in (DAILY, WEEKLY):
        raise Invalid(preset)
    hour, minute = parse_time(time_text)
    today = today or datetime.datetime.now(UTC).date()
    local = datetime.datetime.combine(
        today, datetime.time(hour, minute), zone(tz_name))
    utc = local.astimezone(UTC)
    if preset == DAILY:
        return "%d %d * * *" % (utc.minute, utc.hour)
    if weekday not in range(7):
        raise Invalid(weekday)
    shift = (utc.date() - local.date()).days
    return "%d %d * * %d" % (utc.minute, utc.hour,
                             _cron_weekday((weekday + shift) % 7))


def _cron_weekday(monday_zero):
    return (monday_zero + 1) % 7  # cron: 0 (or 7) is Sunday


def _local(hour, minute, tz, today):
    utc = datetime.datetime.combine(today, datetime.time(hour, minute), UTC)
    local = utc.astimezone(tz)
    return local, (local.date() - utc.date()).days


def describe(pattern, tz_name=None, today=None):
    """What a UTC pattern means in ``tz_name``, as a ``Description``:

    - DAILY ``{time}``, WEEKLY ``{weekday (0 = Monday), time}``,
      MONTHLY ``{day, time}`` (local "HH:MM"), where the pattern is one
      fixed time;
    - EVERY_MINUTES ``{minutes}``, HOURLY ``{minute}``;
    - CRON ``{pattern}`` (UTC) for anything else.
    """
    fields = check_cron(pattern).split()
    minute, hour, day, month, weekday = fields
    today = today or datetime.datetime.now(UTC).date()
    if hour == day == month == weekday == "*":
        if minute == "*":
            return Description(EVERY_MINUTES, {"minutes": 1})
        if minute.startswith("*/"):
            return Description(EVERY_MINUTES, {"minutes": int(minute[2:])})
        if minute.isdigit():
            return Description(HOURLY, {"minute": int(minute)})
    if minute.isdigit() and hour.isdigit() and month == "*":
        local, shift = _local(int(hour), int(minute), zone(tz_name), today)
        time_text = local.strftime("%H:%M")
        if day == weekday == "*":
            return Description(DAILY, {"time": time_text})
        if day == "*" and weekday.isdigit():
            monday_zero = (int(weekday) - 1) % 7
            return Description(WEEKLY, {"weekday": (monday_zero + shift) % 7,
                                        "time": time_text})
        if weekday == "*" and day.isdigit() and shift == 0:
            return Description(MONTHLY, {"day": int(day),
                                         "time": time_text})
    return Description(CRON, {"pattern": " ".join(fields)})


def _values(field, low, high):
    found = set()
    for part in field.split(","):
        base, _slash, step = part.partition("/")
        first, last = (low, high) if base == "*" else (
            tuple(int(b) for b in base.split("-")) if "-" in base
            else (int(base), int(base) if not _slash else high))
        found.update(range(first, last + 1, int(step) if _slash else 1))
    return found


def previous_firing(pattern, before, horizon_days=35):
    """The last minute before ``before`` (aware, UTC) at which ``pattern``
    fires, looked for as far back as ``horizon_days``; None if none.

    As cron: where both the day of the month and the weekday are
    restricted, either one matching is enough.
    """
    minute, hour, day, month, weekday = check_cron(pattern).split()
    minutes, hours = _values(minute, 0, 59), _values(hour, 0, 23)
    days, months = _values(day, 1, 31), _values(month, 1, 12)
    weekdays = {value % 7 for value in _values(weekday, 0, 7)}
    either = day != "*" and weekday != "*"
    when = before.astimezone(UTC).replace(second=0, microsecond=0)
    if when == before:
        when -= datetime.timedelta(minutes=1)
    for _day in range(horizon_days + 1):
        day_ok = [when.day in days, (when.isoweekday() % 7) in weekdays]
        if when.month in months and (any(day_ok) if either
                                     else all(day_ok)):
            for hour_value in sorted((h for h in hours if h <= when.hour),
                                     reverse=True):
                top = when.minute if hour_value == when.hour else 59
                fitting = [m for m in minutes if m <= top]
                if fitting:
                    return when.replace(hour=hour_value,
                                        minute=max(fitting))
        when = (when - datetime.timedelta(days=1)).replace(hour=23,
                                                           minute=59)
    return None


def parse_mistral_time(text):
    """Mistral's "YYYY-MM-DD HH:MM:SS" (UTC) as an aware datetime, or None."""
    if not text:
        return None
    try:
        return datetime.datetime.strptime(
            text[:19].replace("T", " "), "%Y-%m-%d %H:%M:%S").replace(
                tzinfo=UTC)
    except ValueError:
        return None


def in_zone(when, tz_name):
    """An aware datetime in ``tz_name`` (None stays None)."""
    return when.astimezone(zone(tz_name)) if when else None
