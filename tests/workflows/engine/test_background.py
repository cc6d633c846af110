"""Service tasks through the outbox (retries, error path), external events, timers and
boundary timers fired by the periodic job."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from core import outbox
from core.outbox.admin_actions import outbox_retry
from core.outbox.models import OutboxMessage
from core.periodic import run_job
from workflows.definitions.model import (
    BoundaryTimer,
    Definition,
    Duration,
    DurationUnit,
    Node,
    NodeKind,
)
from workflows.definitions.registry import service_handlers
from workflows.engine import event_deliver, process_start, task_complete
from workflows.engine.timers import JOB
from workflows.models import Dossier, ProcessingLogEntry

from ..factories import MembershipFactory, RoleFactory, UserFactory
from .helpers import dossier_on

pytestmark = pytest.mark.django_db
K = NodeKind
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
calls: list[dict] = []
failures = {"left": 0}


@pytest.fixture(autouse=True)
def _handlers(settings):  # type: ignore[no-untyped-def]
    settings.OUTBOX_BACKOFF_BASE = 0  # retries are due at once
    calls.clear()
    failures["left"] = 0

    def flaky(**kwargs):  # type: ignore[no-untyped-def]
        calls.append(kwargs)
        if failures["left"]:
            failures["left"] -= 1
            raise ConnectionError("peer away")
        return {"receipt": "R-1"}

    service_handlers.add("tests.flaky", flaky)
    yield
    service_handlers.remove("tests.flaky")


def service(on_error: str = "") -> Definition:
    return Definition(
        nodes=(
            Node(id="submitted", kind=K.START, next="notify"),
            Node(
                id="notify",
                kind=K.SERVICE_TASK,
                handler="tests.flaky",
                retries=2,
                on_error=on_error,
                next="done",
            ),
            Node(id="by_hand", kind=K.USER_TASK, role="reception", outcomes=(("ok", "done"),)),
            Node(id="done", kind=K.END, result="processed"),
        )
        if on_error
        else (
            Node(id="submitted", kind=K.START, next="notify"),
            Node(id="notify", kind=K.SERVICE_TASK, handler="tests.flaky", retries=2, next="done"),
            Node(id="done", kind=K.END, result="processed"),
        )
    )


def _service_task(process):  # type: ignore[no-untyped-def]
    return Task.objects.get(process=process, flow_task_type="SERVICE")


def test_a_service_task_runs_on_a_worker_and_the_process_moves_on():
    dossier = dossier_on(service())
    process = process_start(dossier=dossier)
    assert _service_task(process).status == STATUS.NEW
    assert calls == []  # nothing runs inside the request

    assert outbox.drain() == {"sent": 1}
    assert [c["dossier"].pk for c in calls] == [dossier.pk]
    message = OutboxMessage.objects.get(kind="workflows.service_task")
    assert calls[0]["idempotency_key"] == message.idempotency_key
    assert message.payload == {"task_id": _service_task(process).pk}
    task = _service_task(process)
    assert (task.status, task.data["result"]) == (STATUS.DONE, {"receipt": "R-1"})
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.PROCESSED
    assert outbox.drain() == {}  # delivered once


def test_a_failed_call_is_retried():
    failures["left"] = 2
    dossier = dossier_on(service())
    process_start(dossier=dossier)
    assert outbox.drain() == {"retry": 2, "sent": 1}
    assert len(calls) == 3
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.PROCESSED


def test_after_the_last_attempt_the_error_path_is_taken():
    failures["left"] = 99
    dossier = dossier_on(service(on_error="by_hand"))
    process = process_start(dossier=dossier)
    assert outbox.drain() == {"retry": 2, "sent": 1}
    assert len(calls) == 3
    task = _service_task(process)
    assert task.status == STATUS.DONE and "ConnectionError" in task.data["error"]
    by_hand = Task.objects.get(process=process, flow_task_type="HUMAN")
    assert by_hand.status == STATUS.NEW
    log = ProcessingLogEntry.objects.filter(dossier=dossier, action="service_failed").get()
    assert log.step == "notify" and log.comment == ""  # no receiver text in the log


def test_without_an_error_path_the_task_stays_failed_and_the_row_is_dead():
    failures["left"] = 99
    dossier = dossier_on(service())
    process = process_start(dossier=dossier)
    assert outbox.drain() == {"retry": 2, "dead": 1}
    assert _service_task(process).status == STATUS.ERROR
    assert OutboxMessage.objects.get(kind="workflows.service_task").status == "dead"

    failures["left"] = 0  # the peer is back; an admin sends the row again
    outbox_retry(messages=OutboxMessage.objects.filter(kind="workflows.service_task"))
    assert outbox.drain() == {"sent": 1}
    task = _service_task(process)
    assert task.status == STATUS.DONE and "error" not in task.data
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.PROCESSED


def waiting() -> Definition:
    return Definition(
        nodes=(
            Node(id="submitted", kind=K.START, next="payment"),
            Node(id="payment", kind=K.WAIT_EVENT, event="payment_confirmed", next="done"),
            Node(id="done", kind=K.END, result="processed"),
        )
    )


def test_an_external_event_moves_the_process_once():
    dossier = dossier_on(waiting())
    process_start(dossier=dossier)
    assert event_deliver(dossier=dossier, event="shipment_delivered") == 0
    assert event_deliver(dossier=dossier, event="payment_confirmed", payload={"ref": "T1"}) == 1
    assert event_deliver(dossier=dossier, event="payment_confirmed") == 0  # a replayed callback
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.PROCESSED
    assert ProcessingLogEntry.objects.filter(dossier=dossier, action="event:payment_confirmed")


def timed() -> Definition:
    return Definition(
        nodes=(
            Node(id="submitted", kind=K.START, next="cooling_off"),
            Node(
                id="cooling_off",
                kind=K.TIMER,
                wait=Duration(2, DurationUnit.WORKING_DAYS),
                next="done",
            ),
            Node(id="done", kind=K.END, result="processed"),
        )
    )


def test_a_timer_fires_once_from_the_periodic_job():
    friday = datetime(2026, 6, 5, 10, 0, tzinfo=HCM)
    with time_machine.travel(friday, tick=False):
        dossier = dossier_on(timed())
        process = process_start(dossier=dossier)
        timer = Task.objects.get(process=process, flow_task_type="TIMER")
        # two working days after Friday: Tuesday, at the close of office hours
        assert timer.scheduled == datetime(2026, 6, 9, 17, 0, tzinfo=HCM)
    with time_machine.travel(datetime(2026, 6, 9, 16, 0, tzinfo=HCM), tick=False):
        assert run_job(JOB)
        dossier.refresh_from_db()
        assert dossier.status == Dossier.Status.NEW
    with time_machine.travel(datetime(2026, 6, 9, 17, 1, tzinfo=HCM), tick=False):
        assert run_job(JOB)
        assert run_job(JOB)  # a second sweep finds nothing left to fire
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.PROCESSED
    assert Task.objects.filter(process=process, flow_task_type="END").count() == 1
    fired = ProcessingLogEntry.objects.filter(dossier=dossier, action="timer_fired").get()
    assert fired.step == "cooling_off" and fired.actor is None


def guarded(*, interrupting: bool) -> Definition:
    return Definition(
        nodes=(
            Node(id="submitted", kind=K.START, next="review"),
            Node(
                id="review",
                kind=K.USER_TASK,
                role="reception",
                outcomes=(("approve", "done"),),
                boundary_timers=(
                    BoundaryTimer(
                        id="review_late",
                        after=Duration(1, DurationUnit.WORKING_DAYS),
                        next="escalate" if not interrupting else "expired",
                        interrupting=interrupting,
                    ),
                ),
            ),
            # only the nodes the timer leads to: an unreachable node is refused at publish
            *(
                (Node(id="expired", kind=K.END, result="stopped"),)
                if interrupting
                else (
                    Node(
                        id="escalate",
                        kind=K.USER_TASK,
                        role="leader",
                        outcomes=(("noted", "noted"),),
                    ),
                    Node(id="noted", kind=K.END, result="processed"),
                )
            ),
            Node(id="done", kind=K.END, result="processed"),
        )
    )


def _officer(agency, *roles):  # type: ignore[no-untyped-def]
    user = UserFactory()
    for role in roles:
        MembershipFactory(user=user, agency=agency, role=RoleFactory(code=role))
    return get_user_model().objects.get(pk=user.pk)


def _human(process, name):  # type: ignore[no-untyped-def]
    return [
        t
        for t in Task.objects.filter(process=process, flow_task_type="HUMAN")
        if t.flow_task.name == name
    ]


def test_an_interrupting_boundary_timer_cancels_the_task():
    monday = datetime(2026, 6, 1, 9, 0, tzinfo=HCM)
    with time_machine.travel(monday, tick=False):
        dossier = dossier_on(guarded(interrupting=True))
        process = process_start(dossier=dossier)
    with time_machine.travel(monday + timedelta(days=1, hours=9), tick=False):
        run_job(JOB)
    [review] = _human(process, "review")
    assert review.status == STATUS.CANCELED
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.STOPPED
    assert ProcessingLogEntry.objects.filter(
        dossier=dossier, action="timer_fired", step="review_late"
    )


def test_a_non_interrupting_boundary_timer_escalates_beside_the_task():
    monday = datetime(2026, 6, 1, 9, 0, tzinfo=HCM)
    with time_machine.travel(monday, tick=False):
        dossier = dossier_on(guarded(interrupting=False))
        officer = _officer(dossier.receiving_agency, "reception")
        process = process_start(dossier=dossier)
    with time_machine.travel(monday + timedelta(days=1, hours=9), tick=False):
        run_job(JOB)
        [review] = _human(process, "review")
        [escalate] = _human(process, "escalate")
        assert (review.status, escalate.status) == (STATUS.NEW, STATUS.NEW)
        task_complete(task_id=review.pk, user=officer, outcome="approve")
    dossier.refresh_from_db()
    escalate.refresh_from_db()
    assert dossier.status == Dossier.Status.PROCESSED
    assert escalate.status == STATUS.CANCELED  # the result end ends the whole process


def test_completing_the_task_in_time_disarms_its_boundary_timer():
    monday = datetime(2026, 6, 1, 9, 0, tzinfo=HCM)
    with time_machine.travel(monday, tick=False):
        dossier = dossier_on(guarded(interrupting=True))
        officer = _officer(dossier.receiving_agency, "reception")
        process = process_start(dossier=dossier)
        [review] = _human(process, "review")
        task_complete(task_id=review.pk, user=officer, outcome="approve")
    timer = Task.objects.get(process=process, flow_task_type="TIMER")
    assert timer.status == STATUS.CANCELED
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.PROCESSED


def test_an_absolute_timer_reads_its_moment_from_the_dossier_data():
    definition = Definition(
        nodes=(
            Node(id="submitted", kind=K.START, next="hearing"),
            Node(id="hearing", kind=K.TIMER, at="data.hearing_date", next="done"),
            Node(id="done", kind=K.END, result="processed"),
        )
    )
    dossier = dossier_on(definition, data={"hearing_date": "2026-06-10"})
    process = process_start(dossier=dossier)
    timer = Task.objects.get(process=process, flow_task_type="TIMER")
    assert timer.scheduled == datetime(2026, 6, 10, 0, 0, tzinfo=HCM)  # the local day begins
    with time_machine.travel(datetime(2026, 6, 10, 0, 1, tzinfo=HCM), tick=False):
        run_job(JOB)
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.PROCESSED


def test_importing_the_engine_registers_its_sender_and_its_periodic_job():
    from core.periodic import celery_beat_schedule, jobs
    from workflows.engine.service_tasks import KIND

    assert KIND in outbox.senders
    assert JOB in jobs
    assert celery_beat_schedule()[JOB]["task"] == "core.run_periodic"
