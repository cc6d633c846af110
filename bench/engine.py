"""Benchmark: dossiers through a published definition on the engine, against the same flow
hand-written as a viewflow class, in the same run.

The flow: start -> reception (user task) -> review (user task) -> notify (service task) -> end.
Both sides do the same work with the same building blocks: the service task runs through the
outbox (a worker's path: claim, call, complete under the process's row lock), five
processing-log rows per dossier, the dossier's final status. What differs is the engine's
generality (compiled classes, outcome routing, per-dossier permissions and due moments). Both
point their process at the dossier. Dossiers are created before timing starts. Prints one JSON
object last:
{"processes_per_s", "handwritten_processes_per_s", "ratio", "statements_per_process", ...}

    DATABASE_URL=postgres://... python bench/engine.py [--quick] [-n N]

It runs in a database of its own, created and dropped around the run (``test_<name>``).

Figures (``--quick``, PostgreSQL, a shared machine, three runs; ADR 0003 says what was cut):
29 data statements per process (37 with BEGIN/COMMIT) against 39 (52) by hand, down from 38
(48); 10.2-12.2 processes/s against 9.2-10.5 by hand, six runs, ratio 1.07-1.17 (0.8-0.93
before).
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("MOTCUA_VAR_DIR", tempfile.mkdtemp(prefix="motcua-bench-"))
os.environ["MOTCUA_BACKGROUND"] = "manual"

AGENCY = "999.00.99.B01"
HANDLER = "bench.notify"


def definition() -> dict[str, Any]:
    return {
        "format": "motcua/workflow@1",
        "name": "Bench",
        "nodes": [
            {"id": "submitted", "kind": "start", "next": "reception"},
            {
                "id": "reception",
                "kind": "user_task",
                "role": "reception",
                "agency": {"from": "receiving"},
                "budget": {"amount": 1, "unit": "working_days"},
                "outcomes": {"forward": "review"},
            },
            {
                "id": "review",
                "kind": "user_task",
                "role": "specialist",
                "agency": {"from": "competent"},
                "outcomes": {"approve": "notify"},
            },
            {"id": "notify", "kind": "service_task", "handler": HANDLER, "next": "done"},
            {"id": "done", "kind": "end", "result": "processed"},
        ],
    }


def setup() -> tuple[Any, Any]:
    """The agency, an officer with both roles, a published version; returns (version, user)."""
    from django.contrib.auth import get_user_model

    from workflows.definitions.registry import service_handlers
    from workflows.models import Agency, Membership, Procedure, ProcedureCase, Role
    from workflows.services.procedure_versions import (
        procedure_version_new_draft,
        procedure_version_publish,
    )

    if HANDLER not in service_handlers:
        service_handlers.add(HANDLER, lambda **kwargs: None)
    agency, _ = Agency.objects.get_or_create(
        code=AGENCY, defaults={"name": "Bench", "kind": Agency.Kind.OFFICE}
    )
    user, _ = get_user_model().objects.get_or_create(username="bench-officer")
    for code in ("reception", "specialist"):
        role, _ = Role.objects.get_or_create(code=code, defaults={"name": code})
        Membership.objects.get_or_create(user=user, agency=agency, role=role)
    procedure, _ = Procedure.objects.get_or_create(code="9.999999", defaults={"name": "Bench"})
    draft = procedure_version_new_draft(procedure=procedure, scope=None)
    draft.definition = definition()
    draft.save()
    ProcedureCase.objects.create(
        version=draft, code="bench", name="Bench", deadline_amount=5, required_documents=[]
    )
    version = procedure_version_publish(version=draft, by=None)
    return version, get_user_model().objects.get(pk=user.pk)


def dossiers(version: Any, n: int) -> list[Any]:
    from workflows.models import Agency, Dossier

    case, agency = version.cases.get(), Agency.objects.get(code=AGENCY)
    return [
        Dossier.objects.create(
            version=version,
            case=case,
            receiving_agency=agency,
            competent_agency=agency,
            channel=Dossier.Channel.ONLINE,
            data={"i": i},
        )
        for i in range(n)
    ]


def handwritten_class() -> Any:
    """The same flow written by hand against the same building blocks: the service task is a
    ``Handle`` completed by an outbox sender under the same row lock, and the same five
    processing-log rows and the final dossier status are written; registered where viewflow
    can import it back."""
    from django.utils import timezone
    from viewflow import this
    from viewflow.workflow import flow
    from viewflow.workflow.activation import Activation
    from viewflow.workflow.models import Task
    from viewflow.workflow.nodes.handle import HandleActivation

    from core import outbox
    from workflows.engine import flows
    from workflows.engine.locking import lock_impl as engine_lock
    from workflows.models import Dossier
    from workflows.permissions import role_permission_code
    from workflows.services.processing_log import dossier_log

    class NotifyActivation(HandleActivation):
        @Activation.status.super()
        def activate(self) -> None:
            outbox.enqueue(kind="bench.handwritten", payload={"task_id": self.task.pk})

    class BenchHandwrittenFlow(flow.Flow):
        lock_impl = engine_lock()
        start = flow.StartHandle().Next(this.reception)
        reception = (
            flow.View(None).Permission(role_permission_code("reception", AGENCY)).Next(this.review)
        )
        review = (
            flow.View(None).Permission(role_permission_code("specialist", AGENCY)).Next(this.notify)
        )
        notify = flow.Handle(activation_class=NotifyActivation).Next(this.end)
        end = flow.End()

    def sender(delivery: Any) -> None:
        task_id = delivery.payload["task_id"]
        task = Task.objects.get(pk=task_id)
        with BenchHandwrittenFlow.lock(task.process_id):
            task = Task.objects.select_related("process").get(pk=task_id)
            dossier = Dossier(pk=task.process.artifact_object_id)
            act = task.flow_task.activation_class(task)
            act.run(None)
            act.execute()
            dossier_log(dossier=dossier, actor=None, action="service_done", step="notify")
            Dossier.objects.filter(pk=dossier.pk).update(status=9, finished_at=timezone.now())
            dossier_log(dossier=dossier, actor=None, action="finished", step="end")

    if "bench.handwritten" not in outbox.senders:
        outbox.senders.add("bench.handwritten", sender)
    BenchHandwrittenFlow.__module__ = flows.__name__
    setattr(flows, "BenchHandwrittenFlow", BenchHandwrittenFlow)  # noqa: B010
    return BenchHandwrittenFlow


def run_handwritten(flow_class: Any, dossier: Any, user: Any) -> None:
    from django.db import transaction
    from viewflow.workflow.models import Task
    from viewflow.workflow.nodes.start import StartHandleActivation
    from viewflow.workflow.status import STATUS

    from core import outbox
    from workflows.services.processing_log import dossier_log

    with transaction.atomic():
        activation = StartHandleActivation.create(flow_class.start, None, None)
        activation.process.artifact = dossier
        dossier_log(dossier=dossier, actor=user, action="process_started", step="start")
        activation.execute()
    process = activation.process
    for step in ("reception", "review"):
        task_id = (
            Task.objects.filter(process_id=process.pk, flow_task_type="HUMAN", status=STATUS.NEW)
            .values_list("pk", flat=True)
            .get()
        )
        with flow_class.lock(process.pk):
            task = Task.objects.select_related("process").get(pk=task_id)
            act = task.flow_task.activation_class(task)
            act.assign(user)
            act.start(None)
            act.execute()
            dossier_log(dossier=dossier, actor=user, action="step_done", step=step)
    for message_id in outbox.due_message_ids():  # what a worker is handed
        outbox.deliver(message_id)


def run_engine(dossier: Any, user: Any) -> None:
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    from core import outbox
    from workflows.engine import process_start, task_complete

    process = process_start(dossier=dossier, by=user)
    for outcome in ("forward", "approve"):
        task_id = (
            Task.objects.filter(process_id=process.pk, flow_task_type="HUMAN", status=STATUS.NEW)
            .values_list("pk", flat=True)
            .get()
        )
        task_complete(task_id=task_id, user=user, outcome=outcome)
    for message_id in outbox.due_message_ids():  # what a worker is handed
        outbox.deliver(message_id)


CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def timed(fn: Any, items: list[Any]) -> tuple[float, int, int]:
    """Seconds, SQL statements (data statements, then everything incl. BEGIN/SAVEPOINT)."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()  # the log keeps 9000 statements: start each block empty
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        for item in items:
            fn(item)
        elapsed = time.perf_counter() - started
    data = [q for q in queries.captured_queries if not q["sql"].startswith(CONTROL)]
    return elapsed, len(data), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("-n", type=int, default=None)
    args = parser.parse_args()
    n = args.n or (100 if args.quick else 1000)

    import django

    django.setup()
    from django.db import connection

    # a throwaway database next to DATABASE_URL's (test_<name>): the bench leaves dossiers and
    # an append-only processing log behind, which nothing may delete
    original = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        print(json.dumps(measure(n)))
    finally:
        connection.creation.destroy_test_db(original, verbosity=0)


def measure(n: int) -> dict[str, Any]:
    from django.db import connection

    from workflows.models import Dossier

    version, user = setup()
    hand = handwritten_class()
    warm = 5
    batch = dossiers(version, 2 * (n + warm))
    engine_items, hand_items = batch[: n + warm], batch[n + warm :]
    timed(lambda d: run_engine(d, user), engine_items[:warm])
    timed(lambda d: run_handwritten(hand, d, user), hand_items[:warm])
    # alternate halves so warm-up and cache effects fall on both sides alike
    half = n // 2
    engine = [0.0, 0, 0]
    handwritten = [0.0, 0, 0]
    for lo, hi in ((warm, warm + half), (warm + half, warm + n)):
        for total, run in (
            (engine, lambda d: run_engine(d, user)),
            (handwritten, lambda d: run_handwritten(hand, d, user)),
        ):
            items = engine_items if total is engine else hand_items
            for i, value in enumerate(timed(run, items[lo:hi])):
                total[i] += value

    for items in (engine_items, hand_items):
        finished = Dossier.objects.filter(pk__in=[d.pk for d in items], status=9).count()
        assert finished == len(items), f"{finished} of {len(items)} dossiers finished"
    return {
        "database": connection.vendor,
        "processes": n,
        "statements_with_transaction_control": round(engine[2] / n, 1),
        "handwritten_statements_per_process": round(handwritten[1] / n, 1),
        "processes_per_s": round(n / engine[0], 1),
        "handwritten_processes_per_s": round(n / handwritten[0], 1),
        "ratio": round(handwritten[0] / engine[0], 3),
        "statements_per_process": round(engine[1] / n, 1),
    }


if __name__ == "__main__":
    main()
