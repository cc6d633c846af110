"""A pause of the legal clock (supplementation): the office time left is counted again from
the resumption; holidays and weekends inside the pause add nothing."""

from datetime import datetime
from zoneinfo import ZoneInfo

from workflows.calendar import AgencyCalendar, pause_shift

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
PROVINCE = AgencyCalendar()


def local(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=HCM)


def shift(due_at: datetime, paused_at: datetime, resumed_at: datetime) -> tuple[datetime, int]:
    return pause_shift(due_at=due_at, paused_at=paused_at, resumed_at=resumed_at, calendar=PROVINCE)


def test_a_pause_spanning_30_april_and_1_may_2026_adds_only_office_time():
    # due Wednesday 06/05 17:00; paused Tuesday 28/04 10:00 with 38 office hours left
    # (6 + 8 on Wed 29/04, holidays 30/04-01/05, weekend, 8 + 8 + 8); resumed Monday 04/05
    # 09:00: 7 + 8 + 8 + 8 + 7 hours, to Friday 08/05 16:00, a day-based due: the close
    assert shift(local(5, 6, 17), local(4, 28, 10), local(5, 4, 9)) == (local(5, 8, 17), 2)


def test_a_pause_over_the_holidays_only_moves_nothing():
    # paused at Wednesday 29/04's close, resumed at Monday 04/05's opening
    assert shift(local(5, 6, 17), local(4, 29, 17), local(5, 4, 8)) == (local(5, 6, 17), 0)


def test_an_hour_based_due_moves_by_the_office_time_paused():
    # due Tuesday 10/03 11:00; paused Monday 09/03 16:00 (1 + 3 hours left), resumed 10/03
    # 10:00: 2 hours before lunch, 2 after
    assert shift(local(3, 10, 11), local(3, 9, 16), local(3, 10, 10)) == (local(3, 10, 15), 0)
    # resumed Thursday 12/03 16:30: 0.5 hour that day, 3.5 hours on Friday
    assert shift(local(3, 10, 11), local(3, 9, 16), local(3, 12, 16, 30)) == (
        local(3, 13, 11, 30),
        3,
    )


def test_a_pause_after_the_due_moment_adds_nothing():
    assert shift(local(3, 10, 17), local(3, 11, 9), local(3, 13, 9)) == (local(3, 10, 17), 0)
