"""Running a dossier's process: start it, claim, release and complete user tasks.

Every change of a running process happens under its flow lock (``locking``), with the task
row read after the lock is taken. The web layer calls these services with a task id; no
viewflow URL is involved (runtime versions have none).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.timezone import now
from viewflow.workflow.models import Process, Task
from viewflow.workflow.signals import flow_started, task_started
from viewflow.workflow.status import STATUS

from workflows.errors import OutcomeNeedsService
from workflows.models import Dossier, ProcedureVersion
from workflows.services.processing_log import dossier_log

from . import flows, handover
from .compiler import flow_class_name
from .context import dossier_content_type, remember_dossier
from .errors import ProcessAlreadyStarted, StepFormInvalid, TaskNotAvailable, UnknownOutcome
from .locking import locked_task
from .nodes import UserTask

# Outcomes with domain effects (status, clock, a statutory form): only the reception
# services (workflows.services.reception) and, for ``stop`` (Form 05), workflows.services.stop
# complete a task with them, passing ``_effects``; ``shipped`` only with a shipment ordered
# (workflows.services.shipments.result_ship).
EFFECT_OUTCOMES = frozenset({"accept", "supplement", "refuse", "stop", "shipped"})


def flow_class_for(version: ProcedureVersion) -> Any:
    """The viewflow Flow class of a published (or retired) version, built on first use."""
    return getattr(flows, flow_class_name(version.pk))


def process_of(dossier: Dossier) -> Process | None:
    return Process.objects.filter(
        artifact_content_type=dossier_content_type(), artifact_object_id=dossier.pk
    ).first()


def process_start(*, dossier: Dossier, by: Any = None) -> Process:
    """Start the process of the dossier's version; the dossier runs on it to the end.

    A dossier has one process: a unique index (migration ``workflows.0004``) refuses a second
    one, even from two requests at the same moment."""
    flow_class = flow_class_for(dossier.version)
    start = flow_class.instance.node(flow_class.definition.start.id)
    try:
        with transaction.atomic():
            activation = start.activation_class.create(start, None, None)
            process = activation.process
            process.artifact = dossier
            remember_dossier(process, dossier)
            # StartActivation.execute() without its row lock: nobody else sees this process yet
            task_started.send(sender=flow_class, process=process, task=activation.task)
            process.save()
            dossier_log(dossier=dossier, actor=by, action="process_started", step=start.name)
            activation.complete()
            flow_started.send(sender=flow_class, process=process, task=activation.task)
            activation.activate_next()
    except IntegrityError as exc:
        if process_of(dossier) is not None:
            raise ProcessAlreadyStarted(f"dossier {dossier.pk} already has a process") from exc
        raise
    return process


@contextmanager
def _locked_user_task(task_id: int) -> Iterator[tuple[Any, Task]]:
    """(node, task), the task read under its process's row lock, for the block's duration."""
    with locked_task(task_id, dossier=True) as task:
        if task is None or not isinstance(task.flow_task, UserTask):
            raise TaskNotAvailable(f"task {task_id} is not an open user task")
        yield task.flow_task, task


def task_claim(*, task_id: int, user: Any) -> Task:
    """Take an unclaimed task of one of the user's roles in its agency."""
    with _locked_user_task(task_id) as (node, task):
        activation = node.activation_class(task)
        if task.status != STATUS.NEW or not node.can_assign(user, task):
            raise TaskNotAvailable(f"task {task_id} cannot be claimed by this user")
        activation.assign(user)
    return task


def task_release(*, task_id: int, user: Any) -> Task:
    """Give a claimed task back to its queue (its owner, or a flow manager)."""
    with _locked_user_task(task_id) as (node, task):
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
    _effects: bool = False,
) -> Task:
    """Finish a user task with one of its outcomes; the process moves on in the same
    transaction. An unclaimed task is claimed first if the user may take it.

    ``accept``, ``supplement``, ``refuse`` and ``stop`` raise OutcomeNeedsService: their
    effects (the dossier's status, the legal clock, Forms 01-03 and 05) are the reception and
    stop services', which call this with ``_effects=True`` inside their transaction."""
    if outcome in EFFECT_OUTCOMES and not _effects:
        raise OutcomeNeedsService(
            f"the outcome {outcome!r} has effects on the dossier: use the reception services"
        )
    with _locked_user_task(task_id) as (node, task), handover.batched():
        if outcome not in node.outcomes:
            raise UnknownOutcome(f"{node.name}: {outcome!r} is not one of {node.outcomes}")
        sign = node.step.sign
        if sign is not None and outcome == sign.outcome and not _effects:
            raise OutcomeNeedsService(
                f"the outcome {outcome!r} signs the result: use workflows.services.result_signing"
            )
        activation = node.activation_class(task)
        if task.status == STATUS.NEW and node.can_assign(user, task):
            # the claim, saved with the completion below (one UPDATE, not two)
            task.owner, task.assigned, task.status = user, now(), STATUS.ASSIGNED
        if task.status != STATUS.ASSIGNED or not node.can_execute(user, task):
            raise TaskNotAvailable(f"task {task_id} cannot be completed by this user")
        form_data = _step_form_data(node, data)
        activation.start(None)
        task.data = {**(task.data or {}), "outcome": outcome, "comment": comment}
        if form_data:
            task.data["form"] = form_data
        activation.execute()
        handover.step_done(task=task, actor=user, action=f"outcome:{outcome}", comment=comment)
    return task


def step_form_check(node: UserTask, data: dict[str, Any] | None) -> dict[str, Any] | None:
    """The step form's data checked as ``task_complete`` checks it (StepFormInvalid)."""
    return _step_form_data(node, data)


def _step_form_data(node: UserTask, data: dict[str, Any] | None) -> dict[str, Any] | None:
    """The data checked by the step's form (a Django form class from
    ``workflows.definitions.registry.step_forms``); kept as sent, which is JSON."""
    if not node.step.form:
        return data
    from workflows.definitions.registry import step_forms

    form = step_forms.get(node.step.form)(data=data or {})
    if not form.is_valid():
        raise StepFormInvalid({k: [str(m) for m in v] for k, v in form.errors.items()})
    return data
