"""Admin: calendar days with their source, a year's calendar for an agency, office hours
edited per weekday."""

from datetime import date, time

import pytest
from django.urls import reverse

from workflows.models import CalendarDay, OfficeHours

from ..factories import AgencyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.workflows.urls")]
Kind = CalendarDay.Kind


def test_calendar_days_list_with_filters_and_the_source(admin_client):  # type: ignore[no-untyped-def]
    agency = AgencyFactory()
    CalendarDay.objects.create(
        day=date(2026, 1, 10), kind=Kind.WORKING_DAY, name="Make-up", source="Decision 12/QĐ"
    )
    CalendarDay.objects.create(day=date(2026, 6, 8), kind=Kind.HOLIDAY, name="Local", agency=agency)
    url = reverse("admin:workflows_calendarday_changelist")
    page = admin_client.get(url).content.decode()
    assert "Decision 12/QĐ" in page and "Local" in page
    page = admin_client.get(url, {"scope": "province"}).content.decode()
    assert "Make-up" in page and "Local" not in page
    page = admin_client.get(url, {"kind": "holiday"}).content.decode()
    assert "Local" in page and "Make-up" not in page
    assert reverse("admin:workflows_calendarday_year") in page


def test_adding_a_day_records_who(admin_client, admin_user):  # type: ignore[no-untyped-def]
    response = admin_client.post(
        reverse("admin:workflows_calendarday_add"),
        {"day": "2026-01-10", "kind": "working_day", "name": "Make-up", "source": "TB 01"},
    )
    assert response.status_code == 302
    assert CalendarDay.objects.get().created_by == admin_user


def test_the_year_page_shows_the_package_added_days_and_make_up_saturdays(admin_client):  # type: ignore[no-untyped-def]
    parent = AgencyFactory()
    agency = AgencyFactory(parent=parent)
    CalendarDay.objects.create(
        day=date(2026, 1, 10), kind=Kind.WORKING_DAY, name="Saturday worked for Tết"
    )
    CalendarDay.objects.create(
        day=date(2026, 2, 16), kind=Kind.WORKING_DAY, name="Open on Tết eve", agency=parent
    )
    url = reverse("admin:workflows_calendarday_year")
    page = admin_client.get(url, {"year": "2026", "agency": agency.pk}).content.decode()
    assert "Tết Nguyên Đán" in page  # from the package, named in the page's language
    assert "Ngày làm bù (cho ngày 31/08/2026)" in page  # the package's make-up Saturday 22/08
    assert "Saturday worked for Tết" in page
    assert "Open on Tết eve" in page and parent.code in page
    assert "08:00-12:00" in page and "15:00" in page
    english = admin_client.get(url, {"year": "2026"}, headers={"accept-language": "en"})
    assert "Lunar New Year" in english.content.decode()


def test_office_hours_are_edited_per_weekday(admin_client):  # type: ignore[no-untyped-def]
    agency = AgencyFactory()
    url = reverse("admin:workflows_officehours_add")
    assert "08:00-12:00, 13:00-17:00" in admin_client.get(url).content.decode()
    days = {f"day_{n}": "07:30-11:30, 13:30-17:00" for n in range(1, 6)}
    response = admin_client.post(url, {"agency": agency.pk, "cutoff": "15:00", **days})
    assert response.status_code == 302
    hours = OfficeHours.objects.get(agency=agency)
    assert hours.schedule["1"] == [["07:30", "11:30"], ["13:30", "17:00"]]
    assert "6" not in hours.schedule and hours.cutoff == time(15)


def test_bad_office_hours_are_refused_with_the_reason(admin_client):  # type: ignore[no-untyped-def]
    agency = AgencyFactory()
    response = admin_client.post(
        reverse("admin:workflows_officehours_add"),
        {"agency": agency.pk, "cutoff": "15:00", "day_1": "12:00-08:00"},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 200
    assert "must end after it starts" in response.content.decode()
    assert not OfficeHours.objects.exists()
