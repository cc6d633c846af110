"""The applicant's withdrawal request: status 7, the process and its open tasks cancelled
under the flow lock, a log entry; refused for anyone else and once a result exists."""

from typing import Any

import pytest
from django.utils import translation
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from workflows.engine import process_of
from workflows.models import Dossier, DossierDocument, ProcessingLogEntry
from workflows.services.withdrawal import (
    WithdrawalNotAllowed,
    dossier_withdraw,
    dossier_withdrawable,
)

from ..factories import UserFactory
from .reception_setup import Reception, reception

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


@pytest.fixture
def state() -> Reception:
    state = reception()
    user: Any = UserFactory()
    state.dossier.applicant = user
    state.dossier.save(update_fields=["applicant"])
    return state


def test_the_applicant_withdraws_and_the_process_stops(state: Reception) -> None:
    dossier = dossier_withdraw(dossier=state.dossier, by=state.dossier.applicant, reason="Đổi ý")
    assert dossier.status == Dossier.Status.WITHDRAWAL_REQUESTED
    process = process_of(dossier)
    assert process is not None and process.status == PROCESS.CANCELED
    open_tasks = Task.objects.filter(process=process).exclude(
        status__in=[STATUS.DONE, STATUS.CANCELED]
    )
    assert not open_tasks.exists()
    entry = ProcessingLogEntry.objects.filter(dossier=dossier).latest("at")
    assert entry.action == "withdrawal_requested" and entry.to_status == 7
    assert entry.comment == "Đổi ý" and entry.actor == state.dossier.applicant
    assert not dossier_withdrawable(dossier)


def test_twice_is_refused(state: Reception) -> None:
    dossier_withdraw(dossier=state.dossier, by=state.dossier.applicant, reason="x")
    with pytest.raises(WithdrawalNotAllowed, match="no longer"):
        dossier_withdraw(dossier=state.dossier, by=state.dossier.applicant, reason="x")


def test_only_the_applicant(state: Reception) -> None:
    with pytest.raises(WithdrawalNotAllowed, match="Only the applicant"):
        dossier_withdraw(dossier=state.dossier, by=state.receptionist, reason="x")
    assert state.refresh().status == Dossier.Status.NEW


def test_a_reason_is_needed(state: Reception) -> None:
    with pytest.raises(WithdrawalNotAllowed, match="reason"):
        dossier_withdraw(dossier=state.dossier, by=state.dossier.applicant, reason="  ")
    with pytest.raises(WithdrawalNotAllowed, match="under"):
        dossier_withdraw(dossier=state.dossier, by=state.dossier.applicant, reason="x" * 1001)


@pytest.mark.parametrize("status", [3, 8, 9, 10])
def test_not_after_a_decision(state: Reception, status: int) -> None:
    Dossier.objects.filter(pk=state.dossier.pk).update(status=status)
    with pytest.raises(WithdrawalNotAllowed, match="no longer"):
        dossier_withdraw(dossier=state.refresh(), by=state.dossier.applicant, reason="x")


def test_not_once_a_result_is_issued(state: Reception) -> None:
    DossierDocument.objects.create(
        dossier=state.dossier, kind="result", file="documents/x", sha256="0" * 64, size=1
    )
    assert not dossier_withdrawable(state.dossier)
    with pytest.raises(WithdrawalNotAllowed):
        dossier_withdraw(dossier=state.dossier, by=state.dossier.applicant, reason="x")
