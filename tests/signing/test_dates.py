from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from django.utils import timezone as django_timezone

from signing.rendering import document_render_html
from signing.rendering.dates import gio_phut, local_date, ngay_thang_nam

from .conftest import EVENING_UTC


def test_an_aware_datetime_is_dated_in_vietnam():
    assert ngay_thang_nam(EVENING_UTC) == "ngày 17 tháng 02 năm 2026"
    assert local_date(EVENING_UTC) == date(2026, 2, 17)
    assert ngay_thang_nam(datetime(2026, 2, 16, 16, 59, tzinfo=UTC)) == "ngày 16 tháng 02 năm 2026"


def test_any_timezone_is_converted_to_local():
    new_york = timezone(timedelta(hours=-5))
    assert ngay_thang_nam(datetime(2026, 3, 31, 13, 0, tzinfo=new_york)) == (
        "ngày 01 tháng 4 năm 2026"
    )


def test_leading_zeros_follow_decree_30():
    # days below 10 and months 1 and 2 take a zero; months 3 to 12 do not
    assert ngay_thang_nam(date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert ngay_thang_nam(date(2026, 2, 28)) == "ngày 28 tháng 02 năm 2026"
    assert ngay_thang_nam(date(2026, 3, 9)) == "ngày 09 tháng 3 năm 2026"
    assert ngay_thang_nam(date(2026, 12, 31)) == "ngày 31 tháng 12 năm 2026"


def test_strings_and_naive_datetimes():
    assert ngay_thang_nam("2026-02-16") == "ngày 16 tháng 02 năm 2026"
    assert ngay_thang_nam("2026-02-16T17:30:00Z") == "ngày 17 tháng 02 năm 2026"
    assert ngay_thang_nam(datetime(2026, 2, 16, 23, 59)) == "ngày 16 tháng 02 năm 2026"


def test_no_date_gives_the_blank_line_of_the_paper_form():
    assert ngay_thang_nam(None) == "ngày ..... tháng ..... năm ......"
    assert ngay_thang_nam("") == "ngày ..... tháng ..... năm ......"
    assert gio_phut(None) == "..... giờ ..... phút"


def test_not_a_date_is_an_error():
    with pytest.raises(ValueError, match="is not a date"):
        ngay_thang_nam("tomorrow")
    with pytest.raises(TypeError, match="a date was expected, not int"):
        ngay_thang_nam(20260216)


def test_gio_phut_is_local_time():
    assert gio_phut(EVENING_UTC) == "00 giờ 30 phút"
    assert gio_phut(time(8, 5)) == "08 giờ 05 phút"
    assert gio_phut(django_timezone.make_aware(datetime(2026, 2, 17, 14, 0))) == "14 giờ 00 phút"


def test_filters_in_a_template():
    html = document_render_html(
        body="{{ when|ngay_thang_nam }} lúc {{ when|gio_phut }}; {{ when|date:'d/m/Y' }}",
        context={"when": EVENING_UTC},
    )
    assert html == "ngày 17 tháng 02 năm 2026 lúc 00 giờ 30 phút; 17/02/2026"
