"""Working time arithmetic over any ``Calendar``: due moments, office time and working days
between two moments. Moments are aware datetimes; days are read in local time
(``settings.TIME_ZONE``, Asia/Ho_Chi_Minh)."""

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from django.utils import timezone

from workflows.definitions.model import Duration, DurationUnit

# ten years of days: a calendar without office hours is a configuration error, not a loop
MAX_DAYS = 3660


class Calendar(Protocol):
    def is_working_day(self, day: date) -> bool: ...

    def office_hours(self, day: date) -> tuple[tuple[time, time], ...]: ...


class NoOfficeHours(ValueError):
    """The calendar has no office hours in the next ten years."""


def local_tz() -> ZoneInfo:
    tz = timezone.get_default_timezone()
    assert isinstance(tz, ZoneInfo)
    return tz


def local(moment: datetime) -> datetime:
    return timezone.localtime(moment, local_tz())


def at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=local_tz())


def close_of(day: date, calendar: Calendar) -> datetime:
    """The end of the day's office hours (17:00 on a day without any)."""
    hours = calendar.office_hours(day)
    return at(day, hours[-1][1] if hours else time(17))


def next_working_day(day: date, calendar: Calendar) -> date:
    """The first working day with office hours after ``day``."""
    for _ in range(MAX_DAYS):
        day += timedelta(days=1)
        if calendar.is_working_day(day) and calendar.office_hours(day):
            return day
    raise NoOfficeHours("no working day in the next ten years")


def add_working_days(day: date, count: int, calendar: Calendar) -> date:
    """The ``count``-th working day after ``day`` (``day`` itself not counted)."""
    counted = 0
    for _ in range(MAX_DAYS * 2):
        if counted >= count:
            return day
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    raise NoOfficeHours("no working day in the next ten years")


def _intervals(start: datetime, calendar: Calendar) -> Iterator[tuple[datetime, datetime]]:
    """The office intervals from ``start`` on, the first one clipped to begin at ``start``."""
    begin = local(start)
    day = begin.date()
    for _ in range(MAX_DAYS):
        for opens, closes in calendar.office_hours(day):
            interval = (max(begin, at(day, opens)), at(day, closes))
            if interval[0] < interval[1]:
                yield interval
        day += timedelta(days=1)
    raise NoOfficeHours("no office hours in the next ten years")


def add_office_time(start: datetime, amount: timedelta, calendar: Calendar) -> datetime:
    """The moment ``amount`` of office time after ``start`` (an interval's end when it runs
    out exactly there: 16:00 plus one hour is 17:00, not 08:00 the next day)."""
    left = amount
    if left <= timedelta(0):
        return start
    for begin, end in _intervals(start, calendar):
        if begin + left <= end:
            return begin + left
        left -= end - begin
    raise NoOfficeHours("unreachable")  # pragma: no cover - _intervals raises first


def due_after(start: datetime, duration: Duration, *, calendar: Calendar) -> datetime:
    """The moment ``duration`` after ``start``: working days end at the close of the last
    day (the start day not counted), working hours count office time only."""
    unit, amount = duration.unit, duration.amount
    if unit is DurationUnit.MINUTES:
        return start + timedelta(minutes=amount)
    if unit is DurationUnit.HOURS:
        return start + timedelta(hours=amount)
    if unit is DurationUnit.CALENDAR_DAYS:
        return start + timedelta(days=amount)
    if unit is DurationUnit.WORKING_DAYS:
        return close_of(add_working_days(local(start).date(), amount, calendar), calendar)
    return add_office_time(start, timedelta(hours=amount), calendar)


def working_time_between(start: datetime, end: datetime, *, calendar: Calendar) -> timedelta:
    """The office time between two moments (zero when ``end`` is not after ``start``)."""
    total = timedelta(0)
    if end <= start:
        return total
    end_day = local(end).date()
    day = local(start).date()
    begin = local(start)
    while day <= end_day:
        for opens, closes in calendar.office_hours(day):
            lo, hi = max(begin, at(day, opens)), min(end, at(day, closes))
            if lo < hi:
                total += hi - lo
        day += timedelta(days=1)
    return total


def working_days_between(first: date, last: date, *, calendar: Calendar) -> int:
    """The working days d with ``first < d <= last`` (zero when ``last`` is not after)."""
    count, day = 0, first
    while day < last:
        day += timedelta(days=1)
        count += calendar.is_working_day(day)
    return count
