"""Agencies' calendars: the province's days, an agency's own days for its subtree, office
hours inherited down the tree, and the in-memory memo with its generation."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from workflows.calendar import calendar_for, calendar_for_code, legal_due
from workflows.calendar.memo import GENERATION_KEY
from workflows.models import CalendarDay, Dossier, OfficeHours, ProcedureCase

from ..factories import AgencyFactory, DossierFactory

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = date(2026, 6, 8)
FRIDAY = date(2026, 6, 12)
Kind = CalendarDay.Kind


@pytest.fixture
def tree():  # type: ignore[no-untyped-def]
    """province > department > office, and the department's sibling."""
    province = AgencyFactory()
    department = AgencyFactory(parent=province)
    office = AgencyFactory(parent=department)
    sibling = AgencyFactory(parent=province)
    return province, department, office, sibling


def test_an_agencys_day_off_applies_to_its_subtree_only(tree):  # type: ignore[no-untyped-def]
    province, department, office, sibling = tree
    CalendarDay.objects.create(day=MONDAY, kind=Kind.HOLIDAY, name="Local", agency=department)
    assert not calendar_for(department).is_working_day(MONDAY)
    assert not calendar_for(office).is_working_day(MONDAY)
    assert calendar_for(sibling).is_working_day(MONDAY)
    assert calendar_for(province).is_working_day(MONDAY)
    assert calendar_for(None).is_working_day(MONDAY)
    assert not calendar_for_code(office.code).is_working_day(MONDAY)
    assert calendar_for_code("no-such-agency").is_working_day(MONDAY)


def test_the_nearest_agencys_row_wins(tree):  # type: ignore[no-untyped-def]
    _province, department, office, sibling = tree
    CalendarDay.objects.create(day=FRIDAY, kind=Kind.HOLIDAY, name="Province-wide")
    CalendarDay.objects.create(day=FRIDAY, kind=Kind.WORKING_DAY, name="Open", agency=department)
    CalendarDay.objects.create(day=FRIDAY, kind=Kind.HOLIDAY, name="Closed", agency=office)
    assert not calendar_for(None).is_working_day(FRIDAY)
    assert not calendar_for(sibling).is_working_day(FRIDAY)
    assert calendar_for(department).is_working_day(FRIDAY)
    assert not calendar_for(office).is_working_day(FRIDAY)


def test_office_hours_are_inherited_unless_a_descendant_has_its_own(tree):  # type: ignore[no-untyped-def]
    province, department, office, sibling = tree
    OfficeHours.objects.create(
        agency=province, schedule={"1": [["07:00", "11:00"]]}, cutoff=time(14)
    )
    OfficeHours.objects.create(agency=department, schedule={"1": [["07:30", "16:30"]]})
    assert calendar_for(sibling).office_hours(MONDAY) == ((time(7), time(11)),)
    assert calendar_for(sibling).cutoff == time(14)
    assert calendar_for(office).office_hours(MONDAY) == ((time(7, 30), time(16, 30)),)
    assert calendar_for(office).office_hours(date(2026, 6, 9)) == ()  # no Tuesday hours
    assert calendar_for(None).office_hours(MONDAY) == ((time(8), time(12)), (time(13), time(17)))
    assert calendar_for(None).cutoff == time(15)


def test_a_calendar_is_read_once_then_kept_in_memory(tree, django_assert_num_queries):  # type: ignore[no-untyped-def]
    office = tree[2]
    with django_assert_num_queries(2):  # its days, its hours (the path is on the instance)
        calendar_for(office)
    with django_assert_num_queries(0):
        calendar_for(office)
    with django_assert_num_queries(3):  # the agency's path by its code first
        calendar_for_code(office.code)
    with django_assert_num_queries(0):
        calendar_for_code(office.code)


def test_a_change_in_another_process_is_seen_at_the_next_check(tree, settings):  # type: ignore[no-untyped-def]
    settings.CALENDAR_CHECK_SECONDS = 0
    office = tree[2]
    assert calendar_for(office).is_working_day(MONDAY)
    # another process wrote a row (no signal here) and stored a new generation
    CalendarDay.objects.bulk_create([CalendarDay(day=MONDAY, kind=Kind.HOLIDAY, name="x")])
    assert calendar_for(office).is_working_day(MONDAY)  # same generation: the memo
    cache.set(GENERATION_KEY, "another process's generation", timeout=None)
    assert not calendar_for(office).is_working_day(MONDAY)


def test_a_calendar_change_never_moves_a_stored_due_date():
    agency = AgencyFactory()
    dossier = DossierFactory(receiving_agency=agency)
    case = ProcedureCase(deadline_unit=ProcedureCase.DeadlineUnit.WORKING_DAYS, deadline_amount=2)
    received = datetime(2026, 6, 8, 9, tzinfo=HCM)  # Monday
    first = legal_due(received_at=received, case=case, agency=agency)
    assert first.appointment_date == date(2026, 6, 10)
    Dossier.objects.filter(pk=dossier.pk).update(
        due_at=first.due_at, appointment_date=first.appointment_date
    )
    CalendarDay.objects.create(day=date(2026, 6, 9), kind=Kind.HOLIDAY, name="Announced")

    dossier.refresh_from_db()
    assert dossier.appointment_date == date(2026, 6, 10)
    assert dossier.due_at == datetime(2026, 6, 10, 17, tzinfo=HCM)
    again = legal_due(received_at=received, case=case, agency=agency)
    assert again.appointment_date == date(2026, 6, 11)


def test_a_cache_that_is_down_keeps_the_memo(tree, settings, monkeypatch):  # type: ignore[no-untyped-def]
    settings.CALENDAR_CHECK_SECONDS = 0
    office = tree[2]
    CalendarDay.objects.create(day=MONDAY, kind=Kind.HOLIDAY, name="x", agency=office)

    def down(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)
    assert not calendar_for(office).is_working_day(MONDAY)
    CalendarDay.objects.create(day=FRIDAY, kind=Kind.HOLIDAY, name="y", agency=office)
    assert not calendar_for(office).is_working_day(FRIDAY)  # this process dropped its memo


def test_a_change_stores_a_new_generation_now_and_at_commit(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    before = cache.get(GENERATION_KEY)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        hours = OfficeHours.objects.create(agency=AgencyFactory(), schedule={"1": []})
        during = cache.get(GENERATION_KEY)
        assert during != before
    # agency and office hours saved: one callback each, run when the transaction commits
    assert len(callbacks) == 2
    callbacks[-1]()
    committed = cache.get(GENERATION_KEY)
    assert committed not in (before, during)
    hours.delete()
    assert cache.get(GENERATION_KEY) != committed
