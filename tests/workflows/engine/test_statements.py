"""What a process costs in SQL statements (bench/engine.py's flow), and that the cuts made
for it keep every row: the start task, the task links, the log rows of each hand-over."""

import itertools
import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from core import outbox
from workflows.definitions.model import (
    AgencyRef,
    AgencySource,
    Definition,
    Duration,
    DurationUnit,
    Node,
    NodeKind,
)
from workflows.definitions.registry import service_handlers
from workflows.engine import TaskNotAvailable, process_start, task_complete
from workflows.models import Dossier, ProcessingLogEntry
from workflows.permissions import role_permission_code

from ..factories import AgencyFactory, MembershipFactory, RoleFactory, UserFactory
from .helpers import dossier_on

pytestmark = pytest.mark.django_db
K = NodeKind
CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")
calls: list[int] = []


@pytest.fixture(autouse=True)
def _notify():  # type: ignore[no-untyped-def]
    calls.clear()
    service_handlers.add("tests.notify", lambda **kwargs: calls.append(kwargs["dossier"].pk))
    yield
    service_handlers.remove("tests.notify")


def bench_flow() -> Definition:
    return Definition(
        name="Bench",
        nodes=(
            Node(id="submitted", kind=K.START, next="reception"),
            Node(
                id="reception",
                kind=K.USER_TASK,
                role="reception",
                agency=AgencyRef(AgencySource.RECEIVING),
                budget=Duration(1, DurationUnit.WORKING_DAYS),
                outcomes=(("forward", "review"),),
            ),
            Node(
                id="review",
                kind=K.USER_TASK,
                role="specialist",
                agency=AgencyRef(AgencySource.COMPETENT),
                outcomes=(("approve", "notify"),),
            ),
            Node(id="notify", kind=K.SERVICE_TASK, handler="tests.notify", next="done"),
            Node(id="done", kind=K.END, result="processed"),
        ),
    )


def run(dossier: Dossier, user: object) -> object:
    process = process_start(dossier=dossier, by=user)
    for outcome in ("forward", "approve"):
        task_id = (
            Task.objects.filter(process_id=process.pk, flow_task_type="HUMAN")
            .filter(status=STATUS.NEW)
            .values_list("pk", flat=True)
            .get()
        )
        task_complete(task_id=task_id, user=user, outcome=outcome)
    for message_id in outbox.due_message_ids():  # what a worker is handed
        outbox.deliver(message_id)
    return process


def test_a_process_takes_fewer_than_30_statements_and_keeps_every_row():
    competent = AgencyFactory()
    warm_up = dossier_on(bench_flow(), competent_agency=competent)
    dossier = dossier_on(
        warm_up.version, receiving_agency=warm_up.receiving_agency, competent_agency=competent
    )
    user = UserFactory()
    for agency, role in ((dossier.receiving_agency, "reception"), (competent, "specialist")):
        MembershipFactory(user=user, agency=agency, role=RoleFactory(code=role))
    user = get_user_model().objects.get(pk=user.pk)
    run(warm_up, user)  # builds the version's flow class, as the first dossier does

    with CaptureQueriesContext(connection) as queries:
        process = run(dossier, user)
    data = [q for q in queries.captured_queries if not q["sql"].startswith(CONTROL)]
    assert len(data) < 30, "\n".join(q["sql"][:120] for q in data)

    assert calls == [warm_up.pk, dossier.pk]
    process.refresh_from_db()
    assert process.status == PROCESS.DONE
    tasks = list(Task.objects.filter(process=process).order_by("pk"))
    assert [(t.flow_task.name, t.flow_task_type, t.status) for t in tasks] == [
        ("submitted", "START", STATUS.DONE),
        ("reception", "HUMAN", STATUS.DONE),
        ("review", "HUMAN", STATUS.DONE),
        ("notify", "SERVICE", STATUS.DONE),
        ("done", "END", STATUS.DONE),
    ]
    assert all(t.started and t.finished for t in tasks)
    for before, after in itertools.pairwise(tasks):
        assert list(after.previous.all()) == [before]
    assert tasks[2].owner_permission == role_permission_code("specialist", competent.code)
    log = list(ProcessingLogEntry.objects.filter(dossier=dossier))
    assert [(e.action, e.step) for e in log] == [
        ("process_started", "submitted"),
        ("outcome:forward", "reception"),
        ("outcome:approve", "review"),
        ("service_done", "notify"),
        ("finished", "done"),
    ]
    assert [e.pk for e in log] == sorted(e.pk for e in log)  # written in time order
    assert log[1].actor == user and log[1].due_at == tasks[1].scheduled
    assert log[1].budget_allowed is not None and log[1].timing
    assert (log[4].from_status, log[4].to_status) == (Dossier.Status.NEW, Dossier.Status.PROCESSED)
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.PROCESSED


def test_the_dossier_read_with_the_task_loads_its_other_fields_on_access():
    from workflows.engine.context import dossier_of
    from workflows.engine.locking import locked_task

    dossier = dossier_on(bench_flow())
    user = UserFactory()
    MembershipFactory(
        user=user, agency=dossier.receiving_agency, role=RoleFactory(code="reception")
    )
    process = process_start(dossier=dossier, by=user)
    task = Task.objects.get(process=process, flow_task_type="HUMAN")
    with locked_task(task.pk, dossier=True) as locked:
        assert locked is not None
        loaded = dossier_of(locked.process)
        assert (loaded.pk, loaded.status, loaded.data) == (dossier.pk, dossier.status, dossier.data)
        assert loaded.receiving_agency.code == dossier.receiving_agency.code
        assert loaded.competent_agency.code == dossier.competent_agency.code
        assert loaded.code == Dossier.objects.get(pk=dossier.pk).code  # deferred, then loaded


def _complete_once(task_id: int, user, barrier, outcomes) -> None:  # type: ignore[no-untyped-def]
    try:
        barrier.wait(timeout=10)
        task_complete(task_id=task_id, user=user, outcome="forward")
        outcomes.append("done")
    except TaskNotAvailable:
        outcomes.append("refused")
    except BaseException as exc:  # reported by the test
        outcomes.append(exc)
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_requests_completing_one_task_at_once_complete_it_once():
    """The locking read returns the task as the first request committed it: the second sees
    it done and is refused, every time."""
    version = dossier_on(bench_flow()).version
    agency = AgencyFactory()
    user = UserFactory()
    MembershipFactory(user=user, agency=agency, role=RoleFactory(code="reception"))
    user = get_user_model().objects.get(pk=user.pk)
    for _round in range(10):
        dossier = dossier_on(version, receiving_agency=agency, competent_agency=agency)
        process = process_start(dossier=dossier, by=user)
        task = Task.objects.get(process=process, flow_task_type="HUMAN")
        barrier = threading.Barrier(2)
        outcomes: list[object] = []
        threads = [
            threading.Thread(target=_complete_once, args=(task.pk, user, barrier, outcomes))
            for _ in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

        assert sorted(map(str, outcomes)) == ["done", "refused"]
        assert Task.objects.filter(process=process, flow_task_type="HUMAN").count() == 2
        steps = ProcessingLogEntry.objects.filter(dossier=dossier, step="reception")
        assert steps.count() == 1
