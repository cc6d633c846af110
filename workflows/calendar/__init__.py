"""The working-day calendar: Vietnam's public holidays (the ``holidays`` package) and
weekends as the base, ``CalendarDay`` rows adding or removing days per province or agency
subtree, ``OfficeHours`` per agency; the arithmetic of due moments, office time and the
legal clock of dossiers over it. See docs/calendar.md."""

from . import signals  # noqa: F401  (drops the memo when calendar rows change)
from .agency import AgencyCalendar
from .arithmetic import (
    Calendar,
    NoOfficeHours,
    due_after,
    working_days_between,
    working_time_between,
)
from .legal import LegalDue, counted_from, legal_due, pause_shift
from .memo import calendar_for, calendar_for_code, forget

__all__ = [
    "AgencyCalendar",
    "Calendar",
    "LegalDue",
    "NoOfficeHours",
    "calendar_for",
    "calendar_for_code",
    "counted_from",
    "due_after",
    "forget",
    "legal_due",
    "pause_shift",
    "working_days_between",
    "working_time_between",
]
