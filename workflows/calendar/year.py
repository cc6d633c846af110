"""A year's calendar for an agency, day by day where it departs from Monday-to-Friday, with
where each day comes from: the admin's year page reads it."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import translation

from workflows.models import Agency, CalendarDay

from .base import base_year
from .memo import calendar_for


@dataclass(frozen=True)
class YearDay:
    day: date
    working: bool  # the result for the agency
    name: str
    origin: str  # "package", "province" or the agency code of the row that decided
    overridden: tuple[str, ...]  # what the deciding row replaced ("package", "province", codes)


def year_days(year: int, agency: Agency | None) -> list[YearDay]:
    """The days of ``year`` that are off on a weekday or worked on a weekend for
    ``agency`` (the province when None), and the rows that decided otherwise."""
    ids = [int(part) for part in (agency.path if agency else "").split("/") if part]
    rank = {agency_id: depth for depth, agency_id in enumerate(ids, start=1)}
    rows = (
        CalendarDay.objects.filter(day__year=year)
        .filter(Q(agency__isnull=True) | Q(agency_id__in=ids))
        .select_related("agency")
    )
    language = "vi" if (translation.get_language() or "vi").startswith("vi") else "en_US"
    base = base_year(year, language)
    sources: dict[date, list[tuple[str, str]]] = {}
    for day, name in (*base.holidays.items(), *base.workdays.items()):
        sources.setdefault(day, []).append(("package", name))
    for row in sorted(rows, key=lambda row: rank.get(row.agency_id or 0, 0)):
        origin = row.agency.code if row.agency else "province"
        sources.setdefault(row.day, []).append((origin, row.name))
    calendar = calendar_for(agency)
    days = []
    for day in sorted(sources):
        *replaced, (origin, name) = sources[day]
        days.append(
            YearDay(
                day=day,
                working=calendar.is_working_day(day),
                name=name,
                origin=origin,
                overridden=tuple(source for source, _name in replaced),
            )
        )
    return days
