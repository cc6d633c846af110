"""Stopping the processing (status 8, Form 05) through the reserved outcome ``stop``, and the
officer's confirmation of a withdrawal (status 7 stays, closed, Form 05 at the applicant's
request)."""

from typing import Any

import pytest
from django.utils import translation
from viewflow.workflow.status import PROCESS

from workflows.engine import TaskNotAvailable, process_of, task_complete
from workflows.errors import OutcomeNeedsService
from workflows.models import Dossier, DossierDocument, ProcessingLogEntry
from workflows.services.stop import (
    StopRefused,
    dossier_stop,
    dossier_withdrawal_confirm,
    stop_task_for,
)
from workflows.services.withdrawal import dossier_withdraw

from ..factories import UserFactory
from .deadline_setup import received
from .reception_setup import AgencyFactory, officer, pdf_text, reception

pytestmark = pytest.mark.django_db
REASON = "Người đề nghị không còn đủ điều kiện theo quy định."


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def test_the_specialist_stops_the_processing_with_form_05() -> None:
    state = received()
    dossier = dossier_stop(dossier=state.dossier, by=state.specialist, reason=REASON)
    assert dossier.status == Dossier.Status.STOPPED and dossier.finished_at is not None
    process = process_of(dossier)
    assert process is not None and process.status == PROCESS.DONE
    log = ProcessingLogEntry.objects.filter(dossier=dossier)
    assert log.get(action="outcome:stop").comment == REASON
    assert log.get(action="finished").to_status == Dossier.Status.STOPPED
    assert log.filter(to_status=Dossier.Status.STOPPED).count() == 1
    text = " ".join(pdf_text(dossier, "stop").split())
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert REASON in text and "Nguyễn Thị Minh Hằng" in text
    assert "Theo đề nghị của người nộp hồ sơ" not in text


def test_the_engine_refuses_stop_from_anyone_else() -> None:
    state = received()
    task = stop_task_for(dossier=state.dossier, user=state.specialist)
    assert task is not None
    with pytest.raises(OutcomeNeedsService):
        task_complete(task_id=task.pk, user=state.specialist, outcome="stop")


def test_a_second_stop_finds_nothing_to_stop() -> None:
    state = received()
    dossier_stop(dossier=state.dossier, by=state.specialist, reason=REASON)
    with pytest.raises(StopRefused, match="no step"):
        dossier_stop(dossier=state.refresh(), by=state.specialist, reason=REASON)
    assert DossierDocument.objects.filter(dossier=state.dossier, kind="stop").count() == 1


def test_a_reason_and_a_step_offering_stop_are_needed() -> None:
    state = received()
    with pytest.raises(StopRefused, match="reason"):
        dossier_stop(dossier=state.dossier, by=state.specialist, reason=" ")
    with pytest.raises(StopRefused, match="no step"):  # the receptionist holds no such step
        dossier_stop(dossier=state.dossier, by=state.receptionist, reason=REASON)
    stranger = officer(AgencyFactory(code="000.00.21.H56"), "specialist", "Bình", "Lê")
    with pytest.raises(StopRefused, match="no step"):
        dossier_stop(dossier=state.dossier, by=stranger, reason=REASON)
    assert state.refresh().status == Dossier.Status.PROCESSING


def test_a_task_taken_meanwhile_is_not_available(monkeypatch: pytest.MonkeyPatch) -> None:
    state = received()
    task = stop_task_for(dossier=state.dossier, user=state.specialist)
    assert task is not None
    import workflows.services.stop as stop

    def already_done(**kwargs: Any) -> Any:
        task_complete(task_id=task.pk, user=state.specialist, outcome="approve")
        return task

    monkeypatch.setattr(stop, "stop_task_for", already_done)
    with pytest.raises(TaskNotAvailable):
        dossier_stop(dossier=state.dossier, by=state.specialist, reason=REASON)
    assert state.refresh().status == Dossier.Status.PROCESSED


@pytest.fixture
def withdrawn() -> Any:
    state = reception()
    applicant: Any = UserFactory()
    state.dossier.applicant = applicant
    state.dossier.save(update_fields=["applicant"])
    dossier_withdraw(dossier=state.dossier, by=applicant, reason="Tôi đã chuyển nơi cư trú.")
    return state


def test_the_reception_officer_confirms_a_withdrawal(withdrawn: Any) -> None:
    dossier = dossier_withdrawal_confirm(
        dossier=withdrawn.dossier, by=withdrawn.receptionist, comment="Đã trả hồ sơ giấy."
    )
    assert dossier.status == Dossier.Status.WITHDRAWAL_REQUESTED
    assert dossier.finished_at is not None
    entry = ProcessingLogEntry.objects.get(dossier=dossier, action="withdrawal_confirmed")
    assert entry.actor == withdrawn.receptionist and entry.comment == "Đã trả hồ sơ giấy."
    text = " ".join(pdf_text(dossier, "stop").split())
    assert "Theo đề nghị của người nộp hồ sơ" in text
    assert "Tôi đã chuyển nơi cư trú." in text
    with pytest.raises(StopRefused, match="no withdrawal request"):
        dossier_withdrawal_confirm(dossier=dossier, by=withdrawn.receptionist)


def test_only_the_agencys_reception_or_leaders_confirm(withdrawn: Any) -> None:
    with pytest.raises(StopRefused, match="Only"):
        dossier_withdrawal_confirm(dossier=withdrawn.dossier, by=withdrawn.specialist)
    stranger = officer(AgencyFactory(code="000.00.21.H56"), "reception", "Bình", "Lê")
    with pytest.raises(StopRefused, match="Only"):
        dossier_withdrawal_confirm(dossier=withdrawn.dossier, by=stranger)
    leader = officer(withdrawn.dossier.receiving_agency.parent, "leader", "Quân", "Đỗ")
    assert dossier_withdrawal_confirm(dossier=withdrawn.dossier, by=leader).finished_at


def test_no_confirmation_without_a_request() -> None:
    state = received()
    with pytest.raises(StopRefused, match="no withdrawal request"):
        dossier_withdrawal_confirm(dossier=state.dossier, by=state.receptionist)
