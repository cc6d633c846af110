"""Service tasks: a named handler run by a worker through the outbox.

When the process reaches a service task, the task row stays NEW and an outbox row of kind
``workflows.service_task`` is written in the same transaction. A worker calls the handler
(outside the flow lock: handlers talk to other systems), then completes the task under the
lock and the process moves on. A failed call is retried by the outbox with backoff; after
the last attempt the task takes its error path (``on_error``), or, without one, stays in
ERROR and the outbox row is dead-lettered for an admin; sending the row again from the admin
tries the task again. Delivery is at least once: a
handler receives an idempotency key and must do its effect once per key.
"""

import functools
from dataclasses import dataclass
from typing import Any

from django.db.models.expressions import RawSQL
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS

from core import outbox
from workflows.models import Dossier

from . import handover
from .context import remember_dossier
from .locking import locked_task
from .nodes import ServiceTask
from .sql import column, table

KIND = "workflows.service_task"


@dataclass(frozen=True)
class ServiceCall:
    """What a handler gets, as keyword arguments: the dossier, the step, the attempt, and
    the key to deduplicate its effect. It returns a dict (kept on the task) or None."""

    dossier: Dossier
    node_id: str
    task_id: int
    attempt: int
    idempotency_key: str


def service_task_enqueue(*, activation: Any) -> None:
    task, step = activation.task, activation.flow_task.step
    outbox.enqueue(
        kind=KIND,
        payload={"task_id": task.pk},  # one row per task: its random key is the task's
        ordering_key=f"process:{task.process_id}",
        summary=f"{step.handler} for task {task.pk}",
        max_attempts=step.retries + 1,
    )


def _handlers() -> Any:
    from workflows.definitions.registry import service_handlers

    return service_handlers


@functools.cache
def _task_sql() -> tuple[str, str, str]:
    """Scalar subqueries on one task (its status, its node, its dossier's id), written out:
    compiling ORM subqueries on every delivery cost more than the statement they save.
    Identifiers come from the models' metadata only."""
    task, process = Task._meta, Process._meta
    tasks, task_id = table(task), column(task, "pk")
    status_col, node_col = column(task, "status"), column(task, "flow_task")
    object_id = column(process, "artifact_object_id")
    join = f"{table(process)} p ON p.{column(process, 'pk')}"
    process_col = column(task, "process")
    return (
        f"SELECT {status_col} FROM {tasks} WHERE {task_id} = %s",  # noqa: S608
        f"SELECT {node_col} FROM {tasks} WHERE {task_id} = %s",  # noqa: S608
        f"SELECT p.{object_id} FROM {tasks} t JOIN {join} = t.{process_col}"  # noqa: S608
        f" WHERE t.{task_id} = %s",
    )


def _waiting_task(task_id: int) -> tuple[Dossier, ServiceTask] | None:
    """The dossier and node of a service task that waits for its handler, read in one
    statement (the task's status and node ride along with the dossier); None when the task
    is gone, done (a redelivery) or cancelled."""
    status, node, dossier_id = _task_sql()
    dossier = (
        Dossier.objects.select_related("receiving_agency", "competent_agency")
        .defer("personal")  # encrypted, and no handler call needs it from here
        .annotate(
            _task_status=RawSQL(status, [task_id], output_field=Task._meta.get_field("status")),  # noqa: S611
            _task_node=RawSQL(node, [task_id], output_field=Task._meta.get_field("flow_task")),  # noqa: S611
        )
        .filter(pk=RawSQL(dossier_id, [task_id]))  # noqa: S611
        .first()
    )
    waiting = (STATUS.NEW, STATUS.ERROR)  # ERROR: an admin sent the dead row again
    if dossier is None or dossier._task_status not in waiting:
        return None
    found = dossier._task_node
    return (dossier, found) if isinstance(found, ServiceTask) else None


@outbox.senders.register(KIND)
def deliver_service_task(delivery: outbox.Delivery) -> None:
    task_id = int(delivery.payload["task_id"])
    found = _waiting_task(task_id)
    if found is None:
        return  # already done (a redelivery), or cancelled: nothing to do
    dossier, node = found
    step = node.step
    call = ServiceCall(
        dossier=dossier,
        node_id=step.id,
        task_id=task_id,
        attempt=delivery.attempt,
        idempotency_key=delivery.idempotency_key,
    )
    try:
        result = _handlers().get(step.handler)(**vars(call))
    except Exception as exc:
        if delivery.attempt <= step.retries:
            raise  # the outbox retries with backoff
        error = f"{type(exc).__name__}: {exc}"[:500]
        if not _finish(task_id, dossier=call.dossier, error=error):
            raise  # no error path: dead-letter the row, the task stays in ERROR
        return
    _finish(task_id, dossier=call.dossier, result=result)


def _finish(task_id: int, *, dossier: Dossier, result: Any = None, error: str = "") -> bool:
    """Complete the task (or take its error path) under the flow lock. Returns False when
    the task failed with no error path to take."""
    with locked_task(task_id) as task, handover.batched():
        if task is None:
            return True  # gone (its process was deleted) while the handler ran
        activation = task.flow_task.activation_class(task)
        if task.status == STATUS.ERROR:
            activation.reopen()
        if task.status != STATUS.NEW:
            return True
        remember_dossier(task.process, dossier)
        if error and task.flow_task.on_error is None:
            activation.fail(error)
            handover.step_done(task=task, actor=None, action="service_failed")
            return False
        activation.run(None)
        if error:
            task.data["error"] = error
        elif isinstance(result, dict):
            task.data["result"] = result
        activation.execute()
        # the error text stays on the task and the outbox row: it may echo a receiver's data
        action = "service_failed" if error else "service_done"
        handover.step_done(task=task, actor=None, action=action)
    return True
