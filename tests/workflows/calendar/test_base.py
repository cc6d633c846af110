"""The base calendar: weekends and the ``holidays`` package's days off and make-up days."""

from datetime import date

import pytest

from workflows.calendar import AgencyCalendar
from workflows.calendar.base import base_year

PROVINCE = AgencyCalendar()


@pytest.mark.parametrize("day", range(16, 21))
def test_tet_2026_is_off_from_monday_16_to_friday_20_february(day):  # type: ignore[no-untyped-def]
    assert not PROVINCE.is_working_day(date(2026, 2, day))
    assert PROVINCE.office_hours(date(2026, 2, day)) == ()


def test_the_days_around_tet_2026_are_worked():
    assert PROVINCE.is_working_day(date(2026, 2, 13))  # Friday before
    assert PROVINCE.is_working_day(date(2026, 2, 23))  # Monday after
    assert not PROVINCE.is_working_day(date(2026, 2, 21))  # Saturday


def test_the_lunar_hung_kings_day_and_the_spring_holidays_of_2026():
    assert not PROVINCE.is_working_day(date(2026, 4, 27))  # 10/3 lunar on a Sunday: observed
    assert not PROVINCE.is_working_day(date(2026, 4, 30))
    assert not PROVINCE.is_working_day(date(2026, 5, 1))
    assert PROVINCE.is_working_day(date(2026, 4, 29))


def test_the_package_knows_the_make_up_saturday_of_2026():
    # Monday 31/08/2026 off, made up by working Saturday 22/08/2026
    assert not PROVINCE.is_working_day(date(2026, 8, 31))
    assert PROVINCE.is_working_day(date(2026, 8, 22))
    assert PROVINCE.office_hours(date(2026, 8, 22)) == PROVINCE.office_hours(date(2026, 8, 24))
    assert date(2026, 8, 22) in base_year(2026).workdays
    assert "31/08/2026" in base_year(2026).workdays[date(2026, 8, 22)]


def test_a_make_up_saturday_of_the_previous_year_belongs_to_its_year():
    # Saturday 27/12/2014 was worked for Friday 02/01/2015
    assert PROVINCE.is_working_day(date(2014, 12, 27))
    assert not PROVINCE.is_working_day(date(2015, 1, 2))


def test_overrides_win_over_the_base():
    swapped = AgencyCalendar(overrides={date(2026, 2, 16): True, date(2026, 2, 13): False})
    assert swapped.is_working_day(date(2026, 2, 16))
    assert not swapped.is_working_day(date(2026, 2, 13))
