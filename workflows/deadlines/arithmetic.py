"""Working time counted backwards from a due moment: when a warning fires, and the last
moment an apology (Form 04) may be issued. The forward arithmetic is ``workflows.calendar``.

The rules (docs/deadlines.md):

- ``before(due, 1 working day)`` is the close of office hours of the working day before the
  due moment's day; ``before(due, N working hours)`` counts N hours of office time back;
  minutes, hours and calendar days are plain clock time.
- The apology's last moment is the close of the last working day before the due day ("at
  least one working day before the deadline"): due on Monday, the apology is possible until
  Friday's close (Thursday's when Friday is a holiday).
- The dossier's warning fires one working day before that last moment, so that the officer
  has the whole of that day to apologise.
"""

from datetime import date, datetime, timedelta

from workflows.calendar import Calendar, NoOfficeHours
from workflows.calendar.arithmetic import MAX_DAYS, at, close_of, local
from workflows.definitions.model import Duration, DurationUnit


def previous_working_day(day: date, calendar: Calendar) -> date:
    """The last working day with office hours before ``day``."""
    for _ in range(MAX_DAYS):
        day -= timedelta(days=1)
        if calendar.is_working_day(day) and calendar.office_hours(day):
            return day
    raise NoOfficeHours("no working day in the previous ten years")


def _office_time_before(moment: datetime, amount: timedelta, calendar: Calendar) -> datetime:
    """The moment ``amount`` of office time before ``moment`` (an interval's start when it
    runs out exactly there)."""
    left, end = amount, local(moment)
    day = end.date()
    for _ in range(MAX_DAYS):
        for opens, closes in reversed(calendar.office_hours(day)):
            begin, finish = at(day, opens), min(end, at(day, closes))
            if begin >= finish:
                continue
            if finish - left >= begin:
                return finish - left
            left -= finish - begin
        day -= timedelta(days=1)
    raise NoOfficeHours("no office hours in the previous ten years")


def before(moment: datetime, duration: Duration, *, calendar: Calendar) -> datetime:
    """The moment ``duration`` before ``moment`` (see the module's rules)."""
    unit, amount = duration.unit, duration.amount
    if unit is DurationUnit.MINUTES:
        return moment - timedelta(minutes=amount)
    if unit is DurationUnit.HOURS:
        return moment - timedelta(hours=amount)
    if unit is DurationUnit.CALENDAR_DAYS:
        return moment - timedelta(days=amount)
    if unit is DurationUnit.WORKING_DAYS:
        day = local(moment).date()
        for _ in range(amount):
            day = previous_working_day(day, calendar)
        return close_of(day, calendar)
    return _office_time_before(moment, timedelta(hours=amount), calendar)


def apology_last_moment(due_at: datetime, *, calendar: Calendar) -> datetime:
    """The last moment an apology may be issued for a dossier due at ``due_at``."""
    return before(due_at, Duration(1, DurationUnit.WORKING_DAYS), calendar=calendar)


def dossier_warning_moment(due_at: datetime, *, calendar: Calendar) -> datetime:
    """When the dossier's "due soon" warning fires: a working day before the apology's
    last moment."""
    last = apology_last_moment(due_at, calendar=calendar)
    return before(last, Duration(1, DurationUnit.WORKING_DAYS), calendar=calendar)
