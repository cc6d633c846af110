"""Durations to due moments, in local time, skipping weekends (and whatever a plugged-in
calendar says is off)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from workflows.definitions.model import Duration, DurationUnit
from workflows.engine.calendar import WeekendCalendar, due_after, get_calendar, set_calendar

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
U = DurationUnit


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 6, day, hour, minute, tzinfo=HCM)  # 2026-06-01 is a Monday


def test_working_days_end_at_the_close_of_the_last_day_and_skip_weekends():
    assert due_after(at(1, 9), Duration(1, U.WORKING_DAYS)) == at(2, 17)
    assert due_after(at(5, 16), Duration(1, U.WORKING_DAYS)) == at(8, 17)  # Fri -> Mon
    assert due_after(at(6, 10), Duration(2, U.WORKING_DAYS)) == at(9, 17)  # Sat -> Tue


def test_a_utc_evening_is_the_next_local_day():
    utc_evening = datetime(2026, 6, 1, 18, 0, tzinfo=ZoneInfo("UTC"))  # Tue 01:00 local
    assert due_after(utc_evening, Duration(1, U.WORKING_DAYS)) == at(3, 17)


def test_working_hours_skip_lunch_nights_and_weekends():
    assert due_after(at(1, 9), Duration(2, U.WORKING_HOURS)) == at(1, 11)
    assert due_after(at(1, 11), Duration(2, U.WORKING_HOURS)) == at(1, 14)  # lunch 12-13
    assert due_after(at(1, 16), Duration(2, U.WORKING_HOURS)) == at(2, 9)
    assert due_after(at(5, 16), Duration(2, U.WORKING_HOURS)) == at(8, 9)  # over the weekend
    assert due_after(at(6, 7), Duration(1, U.WORKING_HOURS)) == at(8, 9)


def test_calendar_units():
    assert due_after(at(1, 9), Duration(3, U.CALENDAR_DAYS)) == at(4, 9)
    assert due_after(at(1, 9), Duration(5, U.HOURS)) == at(1, 14)
    assert due_after(at(1, 9), Duration(30, U.MINUTES)) == at(1, 9, 30)


class WithHoliday(WeekendCalendar):
    def is_working_day(self, day: date) -> bool:
        return super().is_working_day(day) and day != date(2026, 6, 2)


def test_a_plugged_in_calendar_is_used():
    default = get_calendar()
    set_calendar(WithHoliday())
    try:
        assert due_after(at(1, 9), Duration(1, U.WORKING_DAYS)) == at(3, 17)
        assert due_after(at(1, 16), Duration(2, U.WORKING_HOURS)) == at(3, 9)
    finally:
        set_calendar(default)
