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

"""Plan schedules: presets in the user's time zone become UTC cron patterns,
and patterns are described back in the viewer's zone."""

import datetime

import pytest

from quick_backup_client.plans import schedule

WINTER = datetime.date(2026, 12, 2)
SUMMER = datetime.date(2026, 7, 1)


@pytest.mark.parametrize("args, today, pattern", [
    (("daily", "02:00", None, "Europe/Berlin"), WINTER, "0 1 * * *"),
    (("daily", "02:00", None, "Europe/Berlin"), SUMMER, "0 0 * * *"),
    (("daily", "7:05", None, None), WINTER, "5 7 * * *"),
    # Monday 00:30 in Berlin is Sunday 23:30 UTC.
    (("weekly", "00:30", 0, "Europe/Berlin"), WINTER, "30 23 * * 0"),
    # Sunday 23:30 in New York is Monday 04:30 UTC.
    (("weekly", "23:30", 6, "America/New_York"), WINTER, "30 4 * * 1"),
    (("cron", " */5  *  * * * ", None, "Asia/Shanghai"), WINTER,
     "*/5 * * * *"),
])
def test_a_preset_entered_in_a_zone_is_stored_as_utc_cron(args, today,
                                                           pattern):
    assert schedule.preset_cron(*args, today=today) == pattern


@pytest.mark.parametrize("pattern", [
    "", "* * * *", "* * * * * *", "60 * * * *", "* 24 * * *",
    "* * 0 * *", "* * * 13 *", "* * * * 8", "5-1 * * * *", "*/0 * * * *",
    "MON * * * *", "@daily", None, 5,
])
def test_a_pattern_mistral_would_refuse_is_invalid(pattern):
    with pytest.raises(schedule.Invalid):
        schedule.check_cron(pattern)


@pytest.mark.parametrize("text", ["24:00", "2", "02:60", "", "noon"])
def test_a_time_that_is_no_time_of_day_is_invalid(text):
    with pytest.raises(schedule.Invalid):
        schedule.preset_cron("daily", text)


def test_a_weekly_preset_needs_a_weekday():
    with pytest.raises(schedule.Invalid):
        schedule.preset_cron("weekly", "02:00", 7)


@pytest.mark.parametrize("pattern, zone, kind, values", [
    ("0 1 * * *", "Europe/Berlin", "daily", {"time": "02:00"}),
    ("0 1 * * *", "Asia/Shanghai", "daily", {"time": "09:00"}),
    ("30 23 * * 0", "Europe/Berlin", "weekly",
     {"weekday": 0, "time": "00:30"}),
    ("0 3 1 * *", None, "monthly", {"day": 1, "time": "03:00"}),
    ("*/5 * * * *", None, "every_minutes", {"minutes": 5}),
    ("* * * * *", None, "every_minutes", {"minutes": 1}),
    ("15 * * * *", None, "hourly", {"minute": 15}),
    ("0 1-5 * * *", None, "cron", {"pattern": "0 1-5 * * *"}),
    # The day of the month moves with the zone: said as a pattern.
    ("0 23 1 * *", "Asia/Shanghai", "cron", {"pattern": "0 23 1 * *"}),
])
def test_a_pattern_is_described_in_the_viewers_zone(pattern, zone, kind,
                                                    values):
    described = schedule.describe(pattern, zone, today=WINTER)
    assert (described.kind, described.values) == (kind, values)


def test_a_round_trip_through_a_zone_gives_back_the_time_entered():
    for zone in ("Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata"):
        pattern = schedule.preset_cron("weekly", "01:15", 2, zone,
                                       today=WINTER)
        described = schedule.describe(pattern, zone, today=WINTER)
        assert described.values == {"weekday": 2, "time": "01:15"}


def test_an_unknown_zone_is_utc():
    assert schedule.zone("Mars/Olympus") is schedule.UTC
    assert schedule.preset_cron("daily", "02:00", None, "Mars/Olympus",
                                today=WINTER) == "0 2 * * *"


def test_mistrals_times_are_read_as_utc():
    when = schedule.parse_mistral_time("2026-12-02 01:00:00")
    assert when == datetime.datetime(2026, 12, 2, 1, tzinfo=schedule.UTC)
    assert schedule.in_zone(when, "Asia/Shanghai").hour == 9
    assert schedule.parse_mistral_time("soon") is None
    assert schedule.parse_mistral_time(None) is None
