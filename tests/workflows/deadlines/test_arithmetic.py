"""Working time counted back from a due moment, around weekends, holidays and a make-up
Saturday (the default office hours: 08:00-12:00, 13:00-17:00, Monday to Friday)."""

from datetime import date, datetime

import pytest

from workflows.calendar import AgencyCalendar
from workflows.deadlines.arithmetic import (
    apology_last_moment,
    before,
    dossier_warning_moment,
    previous_working_day,
)
from workflows.definitions.model import Duration, DurationUnit

from ..services.reception_setup import local

PLAIN = AgencyCalendar(overrides={})
FRIDAY_OFF = AgencyCalendar(overrides={date(2026, 3, 6): False})
SATURDAY_WORKED = AgencyCalendar(overrides={date(2026, 3, 7): True})
MONDAY_EVENING = local(2026, 3, 9, 17, 0)


@pytest.mark.parametrize(
    ("calendar", "last"),
    [
        (PLAIN, local(2026, 3, 6, 17, 0)),  # Friday's close
        (FRIDAY_OFF, local(2026, 3, 5, 17, 0)),  # Thursday's
        (SATURDAY_WORKED, local(2026, 3, 7, 17, 0)),  # the make-up Saturday's
    ],
)
def test_the_apologys_last_moment(calendar: AgencyCalendar, last: datetime) -> None:
    assert apology_last_moment(MONDAY_EVENING, calendar=calendar) == last


def test_the_dossier_warning_is_a_working_day_before_that() -> None:
    assert dossier_warning_moment(MONDAY_EVENING, calendar=PLAIN) == local(2026, 3, 5, 17, 0)
    assert dossier_warning_moment(MONDAY_EVENING, calendar=FRIDAY_OFF) == local(2026, 3, 4, 17, 0)


@pytest.mark.parametrize(
    ("due", "duration", "moment"),
    [
        # office time backwards, across lunch and the night and the weekend
        (
            local(2026, 3, 9, 14, 0),
            Duration(2, DurationUnit.WORKING_HOURS),
            local(2026, 3, 9, 11, 0),
        ),
        (
            local(2026, 3, 9, 9, 0),
            Duration(2, DurationUnit.WORKING_HOURS),
            local(2026, 3, 6, 16, 0),
        ),
        (
            local(2026, 3, 9, 13, 0),
            Duration(4, DurationUnit.WORKING_HOURS),
            local(2026, 3, 9, 8, 0),
        ),
        (
            local(2026, 3, 9, 8, 0),
            Duration(1, DurationUnit.WORKING_HOURS),
            local(2026, 3, 6, 16, 0),
        ),
        # a due moment outside office hours counts from the last close
        (
            local(2026, 3, 8, 12, 0),
            Duration(1, DurationUnit.WORKING_HOURS),
            local(2026, 3, 6, 16, 0),
        ),
        (MONDAY_EVENING, Duration(2, DurationUnit.WORKING_DAYS), local(2026, 3, 5, 17, 0)),
        (MONDAY_EVENING, Duration(90, DurationUnit.MINUTES), local(2026, 3, 9, 15, 30)),
        (MONDAY_EVENING, Duration(3, DurationUnit.CALENDAR_DAYS), local(2026, 3, 6, 17, 0)),
        (MONDAY_EVENING, Duration(25, DurationUnit.HOURS), local(2026, 3, 8, 16, 0)),
    ],
)
def test_before(due: datetime, duration: Duration, moment: datetime) -> None:
    assert before(due, duration, calendar=PLAIN) == moment


def test_the_previous_working_day_skips_a_long_holiday() -> None:
    tet = AgencyCalendar(overrides={date(2026, 2, day): False for day in range(16, 21)})
    assert previous_working_day(date(2026, 2, 23), tet) == date(2026, 2, 13)
