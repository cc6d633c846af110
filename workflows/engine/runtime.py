"""Running a dossier's process: start it, claim, release and complete user tasks.

Every change of a running process happens under its flow lock (``locking``), with the task
row read after the lock is taken. The web layer calls these services with a task id; no
viewflow URL is involved (runtime versions have none).
"""

from typing import Any

from django.db import transaction
from viewflow.workflow.models import Process, Task
from viewflow.workflow.nodes.start import StartHandleActivation
from viewflow.workflow.status import STATUS

from workflows.models import Dossier, ProcedureVersion
from workflows.services.processing_log import dossier_log

from . import flows, handover
from .compiler import flow_class_name
from .context import dossier_content_type, remember_dossier
from .errors import ProcessAlreadyStarted, TaskNotAvailable, UnknownOutcome
from .nodes import UserTask


def flow_class_for(version: ProcedureVersion) -> Any:
    """The viewflow Flow class of a published (or retired) version, built on first use."""
    return getattr(flows, flow_class_name(version.pk))


def process_of(dossier: Dossier) -> Process | None:
    return Process.objects.filter(
        artifact_content_type=dossier_content_type(), artifact_object_id=dossier.pk
    ).first()


def process_start(*, dossier: Dossier, by: Any = None) -> Process:
    """Start the process of the dossier's version; the dossier runs on it to the end."""
    flow_class = flow_class_for(dossier.version)
    start = flow_class.instance.node(flow_class.definition.start.id)
    with transaction.atomic():
        Dossier.objects.select_for_update().filter(pk=dossier.pk).exists()
        if process_of(dossier) is not None:
            raise ProcessAlreadyStarted(f"dossier {dossier.pk} already has a process")
        activation = StartHandleActivation.create(start, None, None)
        activation.process.artifact = dossier
        remember_dossier(activation.process, dossier)
        dossier_log(dossier=dossier, actor=by, action="process_started", step=start.name)
        activation.execute()
    return activation.process


def _locked_user_task(task_id: int) -> tuple[Any, Task]:
    """(node, task) with the task read under its process's lock; call inside ``flow_lock``."""
    task = Task.objects.select_related("process").get(pk=task_id)
    if not isinstance(task.flow_task, UserTask):
        raise TaskNotAvailable(f"task {task_id} is not a user task")
    return task.flow_task, task


class flow_lock:
    """Take the flow lock of the process a task belongs to."""

    def __init__(self, task_id: int) -> None:
        row = Task.objects.filter(pk=task_id).values_list("process_id", "flow_task").first()
        if row is None or row[1] is None:
            raise TaskNotAvailable(f"no task {task_id}")
        self._scope = row[1].flow_class.lock(row[0])

    def __enter__(self) -> None:
        self._scope.__enter__()

    def __exit__(self, *exc: Any) -> Any:
        return self._scope.__exit__(*exc)


def task_claim(*, task_id: int, user: Any) -> Task:
    """Take an unclaimed task of one of the user's roles in its agency."""
    with flow_lock(task_id):
        node, task = _locked_user_task(task_id)
        activation = node.activation_class(task)
        if task.status != STATUS.NEW or not node.can_assign(user, task):
            raise TaskNotAvailable(f"task {task_id} cannot be claimed by this user")
        activation.assign(user)
    return task


def task_release(*, task_id: int, user: Any) -> Task:
    """Give a claimed task back to its queue (its owner, or a flow manager)."""
    with flow_lock(task_id):
        node, task = _locked_user_task(task_id)
        activation = node.activation_class(task)
        if task.status != STATUS.ASSIGNED or not node.can_unassign(user, task):
            raise TaskNotAvailable(f"task {task_id} cannot be released by this user")
        activation.unassign()
    return task


def task_complete(
    *,
    task_id: int,
    user: Any,
    outcome: str,
    comment: str = "",
    data: dict[str, Any] | None = None,
) -> Task:
    """Finish a user task with one of its outcomes; the process moves on in the same
    transaction. An unclaimed task is claimed first if the user may take it."""
    with flow_lock(task_id):
        node, task = _locked_user_task(task_id)
        if outcome not in node.outcomes:
            raise UnknownOutcome(f"{node.name}: {outcome!r} is not one of {node.outcomes}")
        activation = node.activation_class(task)
        if task.status == STATUS.NEW and node.can_assign(user, task):
            activation.assign(user)
        if task.status != STATUS.ASSIGNED or not node.can_execute(user, task):
            raise TaskNotAvailable(f"task {task_id} cannot be completed by this user")
        activation.start(None)
        task.data = {**(task.data or {}), "outcome": outcome, "comment": comment}
        if data:
            task.data["form"] = data
        activation.execute()
        handover.step_done(task=task, actor=user, action=f"outcome:{outcome}", comment=comment)
    return task
