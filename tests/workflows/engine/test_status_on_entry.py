"""A step with ``status`` gives the dossier that status when it is entered: one UPDATE when the
status differs, and a log row from/to status in the hand-over's batch."""

from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import outbox
from workflows.definitions.model import Definition, Node, NodeKind
from workflows.definitions.registry import service_handlers
from workflows.engine import event_deliver, process_start, task_complete
from workflows.models import Dossier, ProcessingLogEntry

from ..factories import AgencyFactory
from .helpers import dossier_on, reception_flow
from .test_runtime import officer, open_task

pytestmark = pytest.mark.django_db
Status = Dossier.Status


def with_status(**statuses: str):  # type: ignore[no-untyped-def]
    """reception_flow with ``forward`` instead of ``accept`` (a plain outcome here), and the
    given statuses on its nodes."""
    definition = reception_flow()
    changed = []
    for node in definition.nodes:
        if node.id == "reception":
            outcomes = tuple(("forward" if c == "accept" else c, t) for c, t in node.outcomes)
            kept = [o for o in outcomes if o[0] != "supplement"]
            outcomes = (*kept, ("wait", "wait_reception"))
            node = replace(node, outcomes=outcomes)
        changed.append(replace(node, status=statuses.get(node.id, "")))
    return replace(definition, nodes=tuple(changed))


def statuses(dossier: Dossier) -> list[tuple[str, int | None, int | None]]:
    rows = ProcessingLogEntry.objects.filter(dossier=dossier, action="status_changed")
    return [(e.step, e.from_status, e.to_status) for e in rows.order_by("at", "id")]


def test_entering_a_task_with_a_status_changes_the_dossier_and_logs_it():
    competent = AgencyFactory()
    dossier = dossier_on(with_status(review="processing"), competent_agency=competent)
    receptionist = officer(dossier.receiving_agency, "reception")
    process = process_start(dossier=dossier, by=receptionist)
    reception = open_task(process, "reception")
    with CaptureQueriesContext(connection) as queries:
        task_complete(task_id=reception.pk, user=receptionist, outcome="forward")
    updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "workflows_dossier"')]
    assert len(updates) == 1
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING
    assert statuses(dossier) == [("review", Status.NEW, Status.PROCESSING)]
    log = list(ProcessingLogEntry.objects.filter(dossier=dossier).order_by("at", "id"))
    assert [e.action for e in log] == ["process_started", "outcome:forward", "status_changed"]


def test_the_same_status_again_writes_nothing():
    competent = AgencyFactory()
    definition = with_status(review="processing")
    dossier = dossier_on(definition, competent_agency=competent, status=Status.PROCESSING)
    receptionist = officer(dossier.receiving_agency, "reception")
    process = process_start(dossier=dossier, by=receptionist)
    with CaptureQueriesContext(connection) as queries:
        task_complete(
            task_id=open_task(process, "reception").pk, user=receptionist, outcome="forward"
        )
    assert not [q for q in queries if q["sql"].startswith('UPDATE "workflows_dossier"')]
    assert statuses(dossier) == []


def test_a_wait_with_a_status_and_the_step_it_returns_to():
    definition = with_status(wait_reception="fee_owed", reception="processing")
    dossier = dossier_on(definition)
    receptionist = officer(dossier.receiving_agency, "reception")
    process = process_start(dossier=dossier, by=receptionist)
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING  # the first step, entered from the start
    task_complete(task_id=open_task(process, "reception").pk, user=receptionist, outcome="wait")
    dossier.refresh_from_db()
    assert dossier.status == Status.FEE_OWED
    assert event_deliver(dossier=dossier, event="supplementation_received") == 1
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING
    assert statuses(dossier) == [
        ("reception", Status.NEW, Status.PROCESSING),
        ("wait_reception", Status.PROCESSING, Status.FEE_OWED),
        ("reception", Status.FEE_OWED, Status.PROCESSING),
    ]


def test_a_service_task_with_a_status():
    service_handlers.add("tests.status_noop", lambda **kwargs: None)
    try:
        definition = Definition(
            nodes=(
                Node(id="submitted", kind=NodeKind.START, next="notify"),
                Node(
                    id="notify",
                    kind=NodeKind.SERVICE_TASK,
                    handler="tests.status_noop",
                    next="done",
                    status="processed",
                ),
                Node(id="done", kind=NodeKind.END, result="returned"),
            )
        )
        dossier = dossier_on(definition)
        process_start(dossier=dossier)
        dossier.refresh_from_db()
        assert dossier.status == Status.PROCESSED  # entered: waiting for the worker
        assert outbox.drain() == {"sent": 1}
    finally:
        service_handlers.remove("tests.status_noop")
    dossier.refresh_from_db()
    assert dossier.status == Status.RESULT_RETURNED
    assert statuses(dossier) == [("notify", Status.NEW, Status.PROCESSED)]
