"""The base calendar: weekends and Vietnam's public holidays from the ``holidays`` package.

The package knows the lunar holidays (Tết, the Hùng Kings' day), the observed days and the
announced swaps it has been told about, with the weekend day worked in exchange
(``weekend_workdays``: e.g. Saturday 22/08/2026 for Monday 31/08/2026). Swaps it misses are
added by admins as ``CalendarDay`` rows.
"""

import functools
from dataclasses import dataclass
from datetime import date

import holidays


@dataclass(frozen=True)
class BaseYear:
    holidays: dict[date, str]  # days off, with their names
    workdays: dict[date, str]  # weekend days worked (make-up Saturdays)


@functools.cache
def base_year(year: int, language: str = "en_US") -> BaseYear:
    """The package's days of ``year``, named in ``language`` ("vi" or "en_US")."""
    # a make-up Saturday can belong to the swap of the next year (27/12/2014 for 02/01/2015)
    calendar = holidays.country_holidays("VN", years=(year, year + 1), language=language)
    days = {day: str(name) for day, name in calendar.items() if day.year == year}
    workdays = {
        day: _made_up_for(calendar, day, language)
        for day in calendar.weekend_workdays
        if day.year == year
    }
    return BaseYear(holidays=days, workdays=workdays)


def _made_up_for(calendar: holidays.HolidayBase, day: date, language: str) -> str:
    """The name of a make-up working day, from the name of the day off it was swapped for
    (which quotes its date: "Day off (substituted from 08/22/2026)")."""
    marks = (f"{day:%m/%d/%Y}", f"{day:%d/%m/%Y}")
    off = next((d for d, name in calendar.items() if any(m in str(name) for m in marks)), None)
    if language == "vi":
        return f"Ngày làm bù (cho ngày {off:%d/%m/%Y})" if off else "Ngày làm bù"
    return f"Working day (made up for {off:%d/%m/%Y})" if off else "Working day (made up)"


def base_is_working_day(day: date) -> bool:
    year = base_year(day.year)
    if day in year.workdays:
        return True
    return day.weekday() < 5 and day not in year.holidays
