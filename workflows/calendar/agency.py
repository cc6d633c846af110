"""An agency's calendar: the base calendar with its (and its ancestors') days added or
removed, and its office hours. Built by ``calendar_for``; immutable once built."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time

from .base import base_is_working_day
from .hours import DEFAULT_CUTOFF, DEFAULT_SCHEDULE, Hours, Schedule

SATURDAY, SUNDAY, MONDAY = 6, 7, 1


@dataclass(frozen=True)
class AgencyCalendar:
    """Which days are worked and in which hours (it satisfies the engine's ``Calendar``).

    ``overrides`` maps a day to True (worked) or False (off), the nearest agency's row
    winning; other days follow the base calendar (weekends and the ``holidays`` package).
    """

    overrides: Mapping[date, bool] = field(default_factory=dict)
    schedule: Schedule = field(default_factory=lambda: DEFAULT_SCHEDULE)
    cutoff: time = DEFAULT_CUTOFF

    def is_working_day(self, day: date) -> bool:
        worked = self.overrides.get(day)
        return base_is_working_day(day) if worked is None else worked

    def office_hours(self, day: date) -> Hours:
        """The day's opening intervals; none on a day off. A weekend day that is worked
        (a make-up Saturday) and has no hours of its own uses Monday's."""
        if not self.is_working_day(day):
            return ()
        weekday = day.isoweekday()
        hours = self.schedule.get(weekday, ())
        if not hours and weekday in (SATURDAY, SUNDAY):
            hours = self.schedule.get(MONDAY, ())
        return hours
