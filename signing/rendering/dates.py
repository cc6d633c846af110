"""Dates and times the way Vietnamese administrative documents write them.

Every date that matters to the law is a local date (Asia/Ho_Chi_Minh): an aware
datetime is converted before its day is taken, so 2026-02-16T17:30Z is 17 February.
Decree 30/2020/ND-CP (Annex I) writes the day and month in Arabic numerals with a
leading zero for days below 10 and for months 1 and 2: "ngày 05 tháng 02 năm 2026",
"ngày 17 tháng 3 năm 2026".
"""

from datetime import date, datetime, time
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

BLANK_DATE = "ngày ..... tháng ..... năm ......"
BLANK_TIME = "..... giờ ..... phút"


def _parse(value: str) -> date | datetime:
    parsed: date | datetime | None = parse_datetime(value) or parse_date(value)
    if parsed is None:
        raise ValueError(f"{value!r} is not a date (expected YYYY-MM-DD or an ISO datetime)")
    return parsed


def _local(value: datetime) -> datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def local_date(value: Any) -> date | None:
    """The local calendar date of a date, a datetime or an ISO string; None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = _parse(value)
    if isinstance(value, datetime):
        return _local(value).date()
    if isinstance(value, date):
        return value
    raise TypeError(f"a date was expected, not {type(value).__name__}")


def ngay_thang_nam(value: Any) -> str:
    """'ngày 17 tháng 02 năm 2026'; the blank form line when there is no date."""
    day = local_date(value)
    if day is None:
        return BLANK_DATE
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def gio_phut(value: Any) -> str:
    """'08 giờ 30 phút' at local time, for a datetime (or a time); blank when empty."""
    if value is None or value == "":
        return BLANK_TIME
    if isinstance(value, str):
        value = _parse(value)
    if isinstance(value, datetime):
        value = _local(value).time()
    if not isinstance(value, time):
        raise TypeError(f"a datetime was expected, not {type(value).__name__}")
    return f"{value.hour:02d} giờ {value.minute:02d} phút"
