"""The legal clock of a dossier: when it starts counting, when it is due, and how a pause
for supplementation moves the due moment. The rules are in docs/calendar.md."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from workflows.models import Agency, ProcedureCase

from .arithmetic import (
    Calendar,
    add_office_time,
    add_working_days,
    at,
    close_of,
    local,
    next_working_day,
    working_days_between,
    working_time_between,
)
from .hours import DEFAULT_CUTOFF
from .memo import calendar_for

Unit = ProcedureCase.DeadlineUnit


@dataclass(frozen=True)
class LegalDue:
    counted_from: datetime  # the effective receipt moment
    due_at: datetime
    appointment_date: date  # the local date of due_at


def counted_from(received_at: datetime, *, calendar: Calendar, cutoff: bool) -> datetime:
    """``received_at`` within office hours of a working day (and before the calendar's
    cut-off when ``cutoff``); before the day's opening, that opening (a lunch break: the
    afternoon's opening); otherwise the opening of the next working day."""
    moment = local(received_at)
    day = moment.date()
    hours = calendar.office_hours(day)
    late = cutoff and moment.time() >= getattr(calendar, "cutoff", DEFAULT_CUTOFF)
    if hours and not late:
        for opens, closes in hours:
            if moment.time() < closes:
                return max(moment, at(day, opens))
    following = next_working_day(day, calendar)
    return at(following, calendar.office_hours(following)[0][0])


def legal_due(*, received_at: datetime, case: ProcedureCase, agency: Agency) -> LegalDue:
    """The due moment and appointment date of a dossier of ``case`` received by ``agency``
    at ``received_at``, under that agency's calendar."""
    calendar = calendar_for(agency)
    start = counted_from(received_at, calendar=calendar, cutoff=case.cutoff_applies)
    day = start.date()
    if case.deadline_unit == Unit.SAME_DAY:
        due = close_of(day, calendar)
    elif case.deadline_unit == Unit.WORKING_DAYS:
        due = close_of(add_working_days(day, case.deadline_amount, calendar), calendar)
    elif case.deadline_unit == Unit.WORKING_HOURS:
        due = add_office_time(start, timedelta(hours=case.deadline_amount), calendar)
    else:
        raise ValueError(f"unknown deadline unit {case.deadline_unit!r}")
    return LegalDue(counted_from=start, due_at=due, appointment_date=local(due).date())


def pause_shift(
    *, due_at: datetime, paused_at: datetime, resumed_at: datetime, calendar: Calendar
) -> tuple[datetime, int]:
    """The due moment after a pause and the working days it added: the office time left
    between ``paused_at`` and ``due_at`` counts again from ``resumed_at``; a due moment at
    a close of business stays at one. A pause begun after the due moment adds nothing."""
    left = working_time_between(paused_at, due_at, calendar=calendar)
    if left <= timedelta(0) or resumed_at <= paused_at:
        return due_at, 0
    due_day = local(due_at).date()
    new = local(add_office_time(resumed_at, left, calendar))
    if local(due_at) == close_of(due_day, calendar):
        new = close_of(new.date(), calendar)
    added = working_days_between(due_day, new.date(), calendar=calendar)
    return new, added
