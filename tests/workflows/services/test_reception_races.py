"""Two requests on one reception task at the same moment (PostgreSQL): one outcome happens,
the other request gets TaskNotAvailable and changes nothing."""

from functools import partial

import pytest

from tests.concurrency import at_once
from workflows.definitions.model import Definition, Node
from workflows.definitions.model import NodeKind as K
from workflows.engine import TaskNotAvailable
from workflows.errors import SupplementationAlreadyRequested
from workflows.models import (
    ClockPause,
    Dossier,
    DossierDocument,
    ProcessingLogEntry,
    SupplementationRequest,
)
from workflows.services.reception import (
    MissingItem,
    dossier_accept,
    dossier_request_supplementation,
)

from .reception_setup import officer, reception

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_double_submitted_accept_accepts_once():
    for number in range(5):
        state = reception(code=f"000.00.20.H56-260212-{number:04d}")
        accept = partial(dossier_accept, task_id=state.task().pk, user=state.receptionist)
        results, errors = at_once(accept, accept)
        assert len(results) == 1
        assert [type(error) for error in errors] == [TaskNotAvailable]
        dossier = state.refresh()
        assert dossier.status == Dossier.Status.ACCEPTED
        assert DossierDocument.objects.filter(dossier=dossier).count() == 1
        assert ProcessingLogEntry.objects.filter(dossier=dossier, action="accepted").count() == 1


def test_two_officers_at_once_accept_and_request_supplementation():
    state = reception()
    colleague = officer(state.dossier.receiving_agency, "reception", "Hoa", "Lê Thị")
    task_id = state.task().pk
    results, errors = at_once(
        lambda: dossier_accept(task_id=task_id, user=state.receptionist),
        lambda: dossier_request_supplementation(
            task_id=task_id, user=colleague, items=[MissingItem("Đơn")]
        ),
    )
    assert len(results) == 1 and [type(error) for error in errors] == [TaskNotAvailable]
    dossier = state.refresh()
    documents = DossierDocument.objects.filter(dossier=dossier)
    if dossier.status == Dossier.Status.ACCEPTED:
        assert not ClockPause.objects.filter(dossier=dossier).exists()
        assert [d.kind for d in documents] == [DossierDocument.Kind.RECEIPT]
    else:
        assert dossier.status == Dossier.Status.SUPPLEMENTATION_REQUESTED
        assert dossier.received_at is None
        assert [d.kind for d in documents] == [DossierDocument.Kind.SUPPLEMENTATION]


def _two_checks() -> Definition:
    """Two parallel checks, each of which may ask for supplementation."""
    nodes: list[Node] = [
        Node(id="submitted", kind=K.START, next="split"),
        Node(id="split", kind=K.PARALLEL_SPLIT, targets=("check_a", "check_b")),
    ]
    for name in ("check_a", "check_b"):
        nodes += [
            Node(
                id=name,
                kind=K.USER_TASK,
                role="reception",
                outcomes=(("ok", "join"), ("supplement", f"wait_{name}")),
            ),
            Node(id=f"wait_{name}", kind=K.WAIT_EVENT, event="supplementation_received", next=name),
        ]
    nodes += [
        Node(id="join", kind=K.PARALLEL_JOIN, next="done"),
        Node(id="done", kind=K.END, result="processed"),
    ]
    return Definition(name="Two checks", nodes=tuple(nodes))


def test_two_requests_for_supplementation_at_once_make_one():
    state = reception(definition=_two_checks())
    colleague = officer(state.dossier.receiving_agency, "reception", "Hoa", "Lê Thị")
    first, second = state.task("check_a"), state.task("check_b")
    results, errors = at_once(
        partial(
            dossier_request_supplementation,
            task_id=first.pk,
            user=state.receptionist,
            items=[MissingItem("Đơn")],
        ),
        partial(
            dossier_request_supplementation,
            task_id=second.pk,
            user=colleague,
            items=[MissingItem("Căn cước")],
        ),
    )
    assert len(results) == 1
    assert [type(error) for error in errors] == [SupplementationAlreadyRequested]
    dossier = state.refresh()
    assert dossier.status == Dossier.Status.SUPPLEMENTATION_REQUESTED
    assert SupplementationRequest.objects.filter(dossier=dossier).count() == 1
    assert ClockPause.objects.filter(dossier=dossier).count() == 1
    kinds = [d.kind for d in DossierDocument.objects.filter(dossier=dossier)]
    assert kinds == [DossierDocument.Kind.SUPPLEMENTATION]
