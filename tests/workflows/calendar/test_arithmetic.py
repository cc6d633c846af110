"""Durations to due moments, office time and working days, in local time, over a calendar
with weekends only (June 2026 has no public holiday) and over one with a day off."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from workflows.calendar import (
    AgencyCalendar,
    NoOfficeHours,
    due_after,
    working_days_between,
    working_time_between,
)
from workflows.definitions.model import Duration, DurationUnit

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
U = DurationUnit
WEEKDAYS = AgencyCalendar()  # the default: Mon-Fri 08:00-12:00, 13:00-17:00
OFF_ON_2_JUNE = AgencyCalendar(overrides={date(2026, 6, 2): False})


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 6, day, hour, minute, tzinfo=HCM)  # 2026-06-01 is a Monday


def due(start: datetime, amount: int, unit: DurationUnit, cal=WEEKDAYS) -> datetime:  # type: ignore[no-untyped-def]
    return due_after(start, Duration(amount, unit), calendar=cal)


def test_working_days_end_at_the_close_of_the_last_day_and_skip_weekends():
    assert due(at(1, 9), 1, U.WORKING_DAYS) == at(2, 17)
    assert due(at(5, 16), 1, U.WORKING_DAYS) == at(8, 17)  # Fri -> Mon
    assert due(at(6, 10), 2, U.WORKING_DAYS) == at(9, 17)  # Sat -> Tue


def test_a_utc_evening_is_the_next_local_day():
    utc_evening = datetime(2026, 6, 1, 18, 0, tzinfo=ZoneInfo("UTC"))  # Tue 01:00 local
    assert due(utc_evening, 1, U.WORKING_DAYS) == at(3, 17)


def test_working_hours_skip_lunch_nights_and_weekends():
    assert due(at(1, 9), 2, U.WORKING_HOURS) == at(1, 11)
    assert due(at(1, 11), 2, U.WORKING_HOURS) == at(1, 14)  # lunch 12-13
    assert due(at(1, 16), 1, U.WORKING_HOURS) == at(1, 17)  # ends at the close, not 08:00
    assert due(at(1, 16), 2, U.WORKING_HOURS) == at(2, 9)
    assert due(at(5, 16), 2, U.WORKING_HOURS) == at(8, 9)  # over the weekend
    assert due(at(6, 7), 1, U.WORKING_HOURS) == at(8, 9)


def test_calendar_units_ignore_the_calendar():
    assert due(at(1, 9), 3, U.CALENDAR_DAYS) == at(4, 9)
    assert due(at(1, 9), 5, U.HOURS) == at(1, 14)
    assert due(at(1, 9), 30, U.MINUTES) == at(1, 9, 30)


def test_a_day_off_is_skipped():
    assert due(at(1, 9), 1, U.WORKING_DAYS, OFF_ON_2_JUNE) == at(3, 17)
    assert due(at(1, 16), 2, U.WORKING_HOURS, OFF_ON_2_JUNE) == at(3, 9)


def test_working_time_between_counts_office_time_only():
    assert working_time_between(at(1, 9), at(1, 11), calendar=WEEKDAYS) == timedelta(hours=2)
    assert working_time_between(at(1, 11), at(1, 14), calendar=WEEKDAYS) == timedelta(hours=2)
    # Friday 16:00 to Monday 09:00: one hour each side of the weekend
    assert working_time_between(at(5, 16), at(8, 9), calendar=WEEKDAYS) == timedelta(hours=2)
    assert working_time_between(at(6, 9), at(7, 17), calendar=WEEKDAYS) == timedelta(0)
    assert working_time_between(at(2, 9), at(1, 9), calendar=WEEKDAYS) == timedelta(0)
    assert working_time_between(at(1, 8), at(3, 8), calendar=OFF_ON_2_JUNE) == timedelta(hours=8)


def test_working_days_between_counts_the_last_day_not_the_first():
    assert working_days_between(date(2026, 6, 1), date(2026, 6, 1), calendar=WEEKDAYS) == 0
    assert working_days_between(date(2026, 6, 1), date(2026, 6, 2), calendar=WEEKDAYS) == 1
    assert working_days_between(date(2026, 6, 5), date(2026, 6, 8), calendar=WEEKDAYS) == 1
    assert working_days_between(date(2026, 6, 1), date(2026, 6, 8), calendar=WEEKDAYS) == 5
    assert working_days_between(date(2026, 6, 1), date(2026, 6, 8), calendar=OFF_ON_2_JUNE) == 4
    assert working_days_between(date(2026, 6, 8), date(2026, 6, 1), calendar=WEEKDAYS) == 0


def test_a_working_saturday_without_saturday_hours_uses_mondays():
    saturday = date(2026, 6, 6)
    worked = AgencyCalendar(
        overrides={saturday: True},
        schedule={1: ((time(7, 30), time(11, 30)),), 2: ((time(8), time(12)),)},
    )
    assert worked.office_hours(saturday) == ((time(7, 30), time(11, 30)),)
    assert WEEKDAYS.office_hours(saturday) == ()


def test_a_calendar_without_hours_is_an_error_not_a_hang():
    closed = AgencyCalendar(schedule={})
    with pytest.raises(NoOfficeHours):
        due(at(1, 9), 1, U.WORKING_HOURS, closed)
