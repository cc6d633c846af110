"""Form 06, the processing control slip: every hand-over from the processing log, with its
giver and receiver and early / on time / late, checked in the PDF's text."""

from typing import Any

import pytest
import time_machine

from workflows.documents.control_slip import control_slip_context
from workflows.engine import task_complete
from workflows.models import Dossier, DossierDocument
from workflows.services.control_slip import ControlSlipRefused, dossier_control_slip_issue

from ...signing.pdf import text
from ..factories import AgencyFactory
from ..services.deadline_setup import received
from ..services.reception_setup import local, officer

pytestmark = pytest.mark.django_db


def slip_text(document: DossierDocument) -> str:
    with document.file.open("rb") as handle:
        return " ".join(text(handle.read()).split())


def review_done_at(*when: int) -> Any:
    """Received Monday 2 March 2026 09:00 (review budget 2 working days: due Wednesday 4
    March 09:00; the dossier due Monday 9 March 17:00), the review approved at ``when``."""
    state = received()
    with time_machine.travel(local(*when), tick=False):
        task_complete(task_id=state.task("review").pk, user=state.specialist, outcome="approve")
    state.refresh()
    return state


def test_each_hand_over_with_its_giver_receiver_and_timing() -> None:
    state = review_done_at(2026, 3, 3, 10, 0)  # Tuesday: before the step's due day
    slip = control_slip_context(state.dossier, at=local(2026, 3, 3, 11, 0))
    reception, review = slip["handovers"]
    assert (reception["step"], reception["receiver_step"]) == ("reception", "review")
    assert reception["giver"] == "Trần Văn Đức" and reception["timing"] == ""
    assert reception["timing_text"] == "Không định mức thời gian"
    assert (review["step"], review["giver"], review["timing"]) == (
        "review",
        "Phạm Thị Lan",
        "early",
    )
    assert review["receiver_step"] == "Người nộp hồ sơ (trả kết quả)"  # processed: to the applicant
    assert review["unit"] == "Trung tâm Phục vụ hành chính công xã An Bình"
    assert slip["overall"]["timing"] == "early"


@pytest.mark.parametrize(
    ("when", "timing", "words"),
    [
        ((2026, 3, 4, 8, 30), "on_time", "Đúng hạn"),  # the due day, before 09:00
        ((2026, 3, 5, 10, 0), "late", "Quá hạn"),  # the day after the step's due moment
    ],
)
def test_the_pdf_says_on_time_or_late_per_hand_over(when: Any, timing: str, words: str) -> None:
    state = review_done_at(*when)
    with time_machine.travel(local(2026, 3, 5, 12, 0), tick=False):
        document = dossier_control_slip_issue(dossier=state.dossier, by=state.specialist)
    assert document.kind == DossierDocument.Kind.CONTROL_SLIP
    body = slip_text(document)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in body
    assert f"Mã hồ sơ: {state.dossier.code}" in body
    assert "1. Giao: reception" in body and "Người giao: Trần Văn Đức" in body
    assert "2. Giao: review" in body and "Người giao: Phạm Thị Lan" in body
    assert words in body
    assert "Không định mức thời gian" in body  # the reception step has no budget
    # the whole dossier was settled before its own deadline (Monday 9 March 17:00)
    assert "kết quả giải quyết hồ sơ: Trước hạn" in body
    assert control_slip_context(state.dossier)["handovers"][1]["timing"] == timing


def test_an_open_dossier_past_its_deadline_reads_late_in_progress() -> None:
    state = received()
    slip = control_slip_context(state.dossier, at=local(2026, 3, 10, 9, 0))
    assert [h["step"] for h in slip["handovers"]] == ["reception"]
    assert slip["handovers"][0]["receiver_step"] == "review"
    assert slip["overall"]["timing_text"] == "Quá hạn (đang giải quyết)"


def test_each_issue_is_a_new_document_as_the_log_grows() -> None:
    state = received()
    first = dossier_control_slip_issue(dossier=state.dossier, by=state.receptionist)
    with time_machine.travel(local(2026, 3, 3, 10, 0), tick=False):
        task_complete(task_id=state.task("review").pk, user=state.specialist, outcome="approve")
    second = dossier_control_slip_issue(dossier=state.dossier, by=state.specialist)
    assert first.pk != second.pk
    assert "2. Giao: review" not in slip_text(first)
    assert "2. Giao: review" in slip_text(second)
    assert state.refresh().status == Dossier.Status.PROCESSED


def test_only_officers_who_see_the_dossier_issue_it() -> None:
    state = received()
    stranger = officer(AgencyFactory(code="000.20.20.H10", name="Trung tâm khác"), "reception")
    with pytest.raises(ControlSlipRefused):
        dossier_control_slip_issue(dossier=state.dossier, by=stranger)
    applicant = state.dossier.applicant
    if applicant is not None:  # the applicant sees the dossier, but the slip is the agency's
        with pytest.raises(ControlSlipRefused):
            dossier_control_slip_issue(dossier=state.dossier, by=applicant)
    assert not DossierDocument.objects.filter(kind=DossierDocument.Kind.CONTROL_SLIP).exists()
