"""Issue 4's clock scenarios: when a dossier's legal clock starts and when it is due, under
the receiving agency's calendar (Asia/Ho_Chi_Minh local time)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from workflows.calendar import LegalDue, legal_due
from workflows.models import CalendarDay, ProcedureCase

from ..factories import AgencyFactory

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
Unit = ProcedureCase.DeadlineUnit


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=HCM)


def case(unit: str, amount: int = 0, *, cutoff: bool = False) -> ProcedureCase:
    return ProcedureCase(deadline_unit=unit, deadline_amount=amount, cutoff_applies=cutoff)


def due(received_at: datetime, unit: str, amount: int = 0, **kwargs) -> LegalDue:  # type: ignore[no-untyped-def]
    agency = kwargs.pop("agency", None) or AgencyFactory()
    return legal_due(received_at=received_at, case=case(unit, amount, **kwargs), agency=agency)


def test_five_working_days_from_thursday_12_february_2026_skip_tet():
    # counted: Fri 13, (Tết 16-20, weekend), Mon 23, Tue 24, Wed 25, Thu 26
    result = due(local(2026, 2, 12, 9), Unit.WORKING_DAYS, 5)
    assert result == LegalDue(
        counted_from=local(2026, 2, 12, 9),
        due_at=local(2026, 2, 26, 17),
        appointment_date=date(2026, 2, 26),
    )


def test_received_during_tet_counts_from_the_monday_after():
    result = due(local(2026, 2, 17, 10), Unit.WORKING_DAYS, 2)
    assert result.counted_from == local(2026, 2, 23, 8)
    assert result.appointment_date == date(2026, 2, 25)


@pytest.mark.parametrize(
    ("received", "cutoff", "counted_from", "appointment"),
    [
        # Friday 13/02/2026, three working days, the first day not counted
        (local(2026, 2, 13, 14, 59), True, local(2026, 2, 13, 14, 59), date(2026, 2, 25)),
        (local(2026, 2, 13, 15, 1), True, local(2026, 2, 23, 8), date(2026, 2, 26)),
        (local(2026, 2, 13, 15, 0), True, local(2026, 2, 23, 8), date(2026, 2, 26)),
        (local(2026, 2, 13, 14, 59), False, local(2026, 2, 13, 14, 59), date(2026, 2, 25)),
        (local(2026, 2, 13, 15, 1), False, local(2026, 2, 13, 15, 1), date(2026, 2, 25)),
    ],
)
def test_submitted_at_14_59_and_15_01_with_and_without_the_cut_off(  # type: ignore[no-untyped-def]
    received, cutoff, counted_from, appointment
):
    result = due(received, Unit.WORKING_DAYS, 3, cutoff=cutoff)
    assert result.counted_from == counted_from
    assert result.appointment_date == appointment
    assert result.due_at == local(appointment.year, appointment.month, appointment.day, 17)


def test_the_cut_off_is_the_agencys_own():
    from workflows.models import OfficeHours

    agency = AgencyFactory()
    OfficeHours.objects.create(
        agency=agency,
        schedule={str(day): [["07:00", "11:00"], ["13:30", "16:30"]] for day in range(1, 6)},
        cutoff="16:00",
    )
    result = due(local(2026, 3, 10, 15, 30), Unit.SAME_DAY, cutoff=True, agency=agency)
    assert result.due_at == local(2026, 3, 10, 16, 30)
    result = due(local(2026, 3, 10, 16, 5), Unit.SAME_DAY, cutoff=True, agency=agency)
    assert result.counted_from == local(2026, 3, 11, 7)
    assert result.due_at == local(2026, 3, 11, 16, 30)


def test_received_at_00_30_local_counts_from_that_days_opening():
    # 00:30 on Tuesday 10/03/2026 in Ho Chi Minh City is 17:30 UTC on Monday 09/03
    received = datetime(2026, 3, 9, 17, 30, tzinfo=ZoneInfo("UTC"))
    result = due(received, Unit.WORKING_DAYS, 1, cutoff=True)
    assert result.counted_from == local(2026, 3, 10, 8)
    assert result.appointment_date == date(2026, 3, 11)
    assert due(received, Unit.SAME_DAY).due_at == local(2026, 3, 10, 17)


def test_received_on_a_holiday_counts_from_the_next_working_day():
    # Thursday 30/04/2026 and Friday 01/05 off, then the weekend
    result = due(local(2026, 4, 30, 10), Unit.WORKING_DAYS, 2)
    assert result.counted_from == local(2026, 5, 4, 8)
    assert result.appointment_date == date(2026, 5, 6)
    assert due(local(2026, 4, 30, 10), Unit.SAME_DAY).due_at == local(2026, 5, 4, 17)


def test_received_after_closing_or_on_a_saturday():
    assert due(local(2026, 3, 10, 17, 30), Unit.SAME_DAY).due_at == local(2026, 3, 11, 17)
    assert due(local(2026, 3, 14, 9), Unit.SAME_DAY).due_at == local(2026, 3, 16, 17)
    # in the lunch break: counted from the afternoon's opening, still that day
    assert due(local(2026, 3, 10, 12, 30), Unit.WORKING_HOURS, 1).due_at == local(2026, 3, 10, 14)


def test_a_make_up_saturday_row_is_a_working_day():
    # Friday 09/01/2026, one working day: Monday 12/01, unless Saturday 10/01 is worked
    assert due(local(2026, 1, 9, 10), Unit.WORKING_DAYS, 1).appointment_date == date(2026, 1, 12)
    CalendarDay.objects.create(
        day=date(2026, 1, 10), kind=CalendarDay.Kind.WORKING_DAY, name="Make-up Saturday"
    )
    result = due(local(2026, 1, 9, 10), Unit.WORKING_DAYS, 1)
    assert result.due_at == local(2026, 1, 10, 17)  # Monday's hours on the Saturday
    received_saturday = due(local(2026, 1, 10, 9), Unit.WORKING_HOURS, 4)
    assert received_saturday.counted_from == local(2026, 1, 10, 9)
    assert received_saturday.due_at == local(2026, 1, 10, 14)


def test_the_packages_make_up_saturday_and_the_national_day_2026():
    # Friday 21/08/2026: Saturday 22/08 is worked (for Monday 31/08)
    assert due(local(2026, 8, 21, 10), Unit.WORKING_DAYS, 1).due_at == local(2026, 8, 22, 17)
    # Friday 28/08/2026: Monday 31/08, Tuesday 01/09 and Wednesday 02/09 are off
    assert due(local(2026, 8, 28, 10), Unit.WORKING_DAYS, 1).due_at == local(2026, 9, 3, 17)


def test_working_hours_across_lunch_and_across_a_weekend():
    assert due(local(2026, 3, 10, 10), Unit.WORKING_HOURS, 4).due_at == local(2026, 3, 10, 15)
    # Friday 13/03/2026 15:30: 1.5 hours that day, 2.5 on Monday
    result = due(local(2026, 3, 13, 15, 30), Unit.WORKING_HOURS, 4)
    assert result.due_at == local(2026, 3, 16, 10, 30)
    assert result.appointment_date == date(2026, 3, 16)


def test_same_day_is_due_at_the_close_of_the_receipt_day():
    assert due(local(2026, 3, 10, 9), Unit.SAME_DAY).due_at == local(2026, 3, 10, 17)
    result = due(local(2026, 3, 10, 15, 30), Unit.SAME_DAY, cutoff=True)
    assert result.due_at == local(2026, 3, 11, 17)
