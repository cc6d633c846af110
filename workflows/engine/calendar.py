"""Working time: how a ``Duration`` becomes a due moment.

The legal calendar (public holidays, make-up working Saturdays, each agency's office hours)
comes later; it plugs in by implementing ``Calendar`` and calling ``set_calendar``. Until then
``WeekendCalendar`` counts Monday to Friday, 08:00-12:00 and 13:00-17:00 local time.
"""

from datetime import date, datetime, time, timedelta
from typing import Protocol

from django.utils import timezone

from workflows.definitions.model import Duration, DurationUnit


class Calendar(Protocol):
    def is_working_day(self, day: date) -> bool: ...

    def office_hours(self, day: date) -> tuple[tuple[time, time], ...]: ...


class WeekendCalendar:
    """Saturdays and Sundays off, no holidays."""

    hours = ((time(8), time(12)), (time(13), time(17)))

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5

    def office_hours(self, day: date) -> tuple[tuple[time, time], ...]:
        return self.hours if self.is_working_day(day) else ()


_calendar: Calendar = WeekendCalendar()


def set_calendar(calendar: Calendar) -> None:
    global _calendar
    _calendar = calendar


def get_calendar() -> Calendar:
    return _calendar


def due_after(start: datetime, duration: Duration, calendar: Calendar | None = None) -> datetime:
    """The moment ``duration`` after ``start`` (working units skip non-working time)."""
    cal = calendar or _calendar
    unit, amount = duration.unit, duration.amount
    if unit is DurationUnit.MINUTES:
        return start + timedelta(minutes=amount)
    if unit is DurationUnit.HOURS:
        return start + timedelta(hours=amount)
    if unit is DurationUnit.CALENDAR_DAYS:
        return start + timedelta(days=amount)
    if unit is DurationUnit.WORKING_DAYS:
        return _add_working_days(start, amount, cal)
    return _add_working_minutes(start, amount * 60, cal)


def _add_working_days(start: datetime, days: int, cal: Calendar) -> datetime:
    """N working days later, at the end of that day's office hours (a legal deadline is a
    day: a step received today with one working day is due by close of business tomorrow)."""
    local = timezone.localtime(start)
    day = local.date()
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if cal.is_working_day(day):
            counted += 1
    hours = cal.office_hours(day)
    close = hours[-1][1] if hours else time(17)
    return timezone.make_aware(datetime.combine(day, close), local.tzinfo)


def _add_working_minutes(start: datetime, minutes: int, cal: Calendar) -> datetime:
    local = timezone.localtime(start)
    tz = local.tzinfo
    left = timedelta(minutes=minutes)
    day = local.date()
    for _ in range(3660):  # ten years of days: a definition error, not a loop forever
        for opens, closes in cal.office_hours(day):
            begin = max(local, timezone.make_aware(datetime.combine(day, opens), tz))
            end = timezone.make_aware(datetime.combine(day, closes), tz)
            if begin >= end:
                continue
            if begin + left <= end:
                return begin + left
            left -= end - begin
        day += timedelta(days=1)
        local = timezone.make_aware(datetime.combine(day, time(0)), tz)
    raise ValueError("no office hours found to count the duration in")
