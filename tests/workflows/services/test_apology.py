"""The apology and new date (Form 04): who may, once per dossier, no later than the close of
the last working day before the due day, the new date becomes the deadline."""

from datetime import date
from typing import Any

import pytest
import time_machine
from django.utils import translation

from workflows.models import Agency, CalendarDay, Dossier, DossierApology, ProcessingLogEntry
from workflows.selectors.timeline import dossier_timeline
from workflows.services.apology import ApologyRefused, apology_refusal, dossier_apologise

from .deadline_setup import received
from .reception_setup import AgencyFactory, local, officer, pdf_text

pytestmark = pytest.mark.django_db
REASON = "Cần xác minh thêm với cơ quan lưu trữ sổ gốc."


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def test_the_received_dossier_is_due_monday_evening() -> None:
    dossier = received().dossier
    assert dossier.due_at == local(2026, 3, 9, 17, 0)
    assert dossier.appointment_date == date(2026, 3, 9)


def test_the_specialist_apologises_and_the_new_date_becomes_the_deadline() -> None:
    state = received()
    with time_machine.travel(local(2026, 3, 5, 10, 0), tick=False):
        apology = dossier_apologise(
            dossier=state.dossier,
            by=state.specialist,
            reason=REASON,
            new_appointment_date=date(2026, 3, 13),
        )
    dossier = state.refresh()
    assert dossier.due_at == local(2026, 3, 13, 17, 0) == apology.new_due_at
    assert dossier.appointment_date == date(2026, 3, 13)
    assert dossier.first_appointment_date == date(2026, 3, 9)
    assert apology.previous_due_at == local(2026, 3, 9, 17, 0)
    assert apology.previous_appointment_date == date(2026, 3, 9)
    assert apology.drafted_by == state.specialist
    entry = ProcessingLogEntry.objects.get(dossier=dossier, action="apology_issued")
    assert entry.comment == "13/03/2026" and entry.actor == state.specialist
    text = " ".join(pdf_text(dossier, "apology").split())
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    assert "Nguyễn Thị Minh Hằng" in text
    assert REASON in text
    assert (
        "Ngày 02 tháng 3 năm 2026, Trung tâm Phục vụ hành chính công xã An Bình tiếp nhận" in text
    )
    assert "ngày 09 tháng 3 năm 2026" in text  # the previous date
    assert "17 giờ 00 phút, ngày 13 tháng 3 năm 2026" in text  # the new one
    assert dossier.code in text


def test_a_second_apology_is_refused() -> None:
    state = received()
    with time_machine.travel(local(2026, 3, 4, 10, 0), tick=False):
        dossier_apologise(
            dossier=state.dossier,
            by=state.specialist,
            reason=REASON,
            new_appointment_date=date(2026, 3, 12),
        )
        with pytest.raises(ApologyRefused, match="already issued"):
            dossier_apologise(
                dossier=state.refresh(),
                by=state.specialist,
                reason=REASON,
                new_appointment_date=date(2026, 3, 20),
            )
    assert state.refresh().appointment_date == date(2026, 3, 12)
    assert DossierApology.objects.count() == 1


@pytest.mark.parametrize(
    ("moment", "allowed"),
    [
        ((2026, 3, 6, 16, 59), True),  # Friday before the Monday due day, before closing
        ((2026, 3, 6, 17, 0), True),  # the close itself
        ((2026, 3, 6, 17, 1), False),
        ((2026, 3, 7, 9, 0), False),  # Saturday
        ((2026, 3, 9, 8, 0), False),  # the due day
    ],
)
def test_at_least_one_working_day_before_the_deadline(
    moment: tuple[int, ...], allowed: bool
) -> None:
    state = received()
    with time_machine.travel(local(*moment), tick=False):
        refusal = apology_refusal(dossier=state.dossier, by=state.specialist)
        if allowed:
            assert refusal == ""
            dossier_apologise(
                dossier=state.dossier,
                by=state.specialist,
                reason=REASON,
                new_appointment_date=date(2026, 3, 16),
            )
        else:
            assert "at least one working day before" in refusal
            with pytest.raises(ApologyRefused, match="at least one working day"):
                dossier_apologise(
                    dossier=state.dossier,
                    by=state.specialist,
                    reason=REASON,
                    new_appointment_date=date(2026, 3, 16),
                )


def test_a_holiday_on_the_day_before_moves_the_last_moment_earlier() -> None:
    state = received()
    province = Agency.objects.get(code="000.00.00.H56")
    CalendarDay.objects.create(
        agency=province, day=date(2026, 3, 6), kind=CalendarDay.Kind.HOLIDAY, name="Nghỉ"
    )
    state.dossier.refresh_from_db()
    with time_machine.travel(local(2026, 3, 5, 17, 30), tick=False):
        refusal = apology_refusal(dossier=state.dossier, by=state.specialist)
    assert "at least one working day before" in refusal
    with time_machine.travel(local(2026, 3, 5, 16, 0), tick=False):
        assert apology_refusal(dossier=state.dossier, by=state.specialist) == ""


@pytest.mark.parametrize(
    ("new", "message"),
    [
        (date(2026, 3, 9), "after the current one"),
        (date(2026, 3, 6), "after the current one"),
        (date(2026, 3, 14), "working day"),  # a Saturday
    ],
)
def test_the_new_date_is_a_later_working_day(new: date, message: str) -> None:
    state = received()
    with (
        time_machine.travel(local(2026, 3, 4, 10, 0), tick=False),
        pytest.raises(ApologyRefused, match=message),
    ):
        dossier_apologise(
            dossier=state.dossier,
            by=state.specialist,
            reason=REASON,
            new_appointment_date=new,
        )
    assert not DossierApology.objects.exists()
    assert state.refresh().due_at == local(2026, 3, 9, 17, 0)


def test_a_reason_is_needed() -> None:
    state = received()
    with (
        time_machine.travel(local(2026, 3, 4, 10, 0), tick=False),
        pytest.raises(ApologyRefused, match="reason"),
    ):
        dossier_apologise(
            dossier=state.dossier,
            by=state.specialist,
            reason="  ",
            new_appointment_date=date(2026, 3, 12),
        )


def test_who_may_apologise() -> None:
    state = received()
    centre = state.dossier.receiving_agency
    elsewhere = AgencyFactory(code="000.00.21.H56", name="Ủy ban nhân dân xã Khác")
    stranger = officer(elsewhere, "specialist", "Bình", "Lê")
    leader_above = officer(centre.parent, "leader", "Quân", "Đỗ")
    with time_machine.travel(local(2026, 3, 4, 10, 0), tick=False):
        # the receptionist's task is done: nothing open for them
        assert "Only an officer" in apology_refusal(dossier=state.dossier, by=state.receptionist)
        assert "Only an officer" in apology_refusal(dossier=state.dossier, by=stranger)
        assert apology_refusal(dossier=state.dossier, by=leader_above) == ""
        with pytest.raises(ApologyRefused, match="Only an officer"):
            dossier_apologise(
                dossier=state.dossier,
                by=stranger,
                reason=REASON,
                new_appointment_date=date(2026, 3, 12),
            )


def test_not_while_supplementation_is_awaited() -> None:
    state = received()
    Dossier.objects.filter(pk=state.dossier.pk).update(
        status=Dossier.Status.SUPPLEMENTATION_REQUESTED
    )
    with time_machine.travel(local(2026, 3, 4, 10, 0), tick=False):
        refusal = apology_refusal(dossier=state.refresh(), by=state.specialist)
    assert "only while the dossier is being processed" in refusal


def test_the_public_timeline_tells_the_applicant() -> None:
    state = received()
    with time_machine.travel(local(2026, 3, 5, 10, 0), tick=False):
        dossier_apologise(
            dossier=state.dossier,
            by=state.specialist,
            reason=REASON,
            new_appointment_date=date(2026, 3, 13),
        )
    timeline = dossier_timeline(dossier_id=state.dossier.pk, definition=None)
    [item] = [item for item in timeline if item.kind == "apology"]
    assert item.due_at == local(2026, 3, 13, 17, 0)
    assert item.label == "Late: the agency apologised and set a new appointment date"
    assert REASON not in str(item.as_json())  # an officer's words stay off the public page
