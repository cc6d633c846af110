"""viewflow nodes for the definition language: subclasses, never patches (ADR 0003).

- ``UserTask``: a viewflow ``View`` whose next node is chosen by the outcome the officer
  picked (stored in ``task.data["outcome"]``), with its owner permission computed from the
  dossier ("role in agency") and its due moment (``task.scheduled``) from the step's budget.
- ``ServiceTask``: a task completed by a worker through the outbox (``service_tasks``), with
  an error path.
- ``WaitEvent``: a task completed when an external event is delivered.
- A user task, service task or wait with a ``status`` gives the dossier that status when it
  is entered (``status_on_entry``).
- ``Timer``/``BoundaryTimer``: viewflow's, with a processing-log row when they fire.
- ``ResultEnd``: an end that, when it carries a result, ends the whole process and sets the
  dossier's status.
"""

from collections.abc import Callable, Iterator
from typing import Any

from django.utils.timezone import now
from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.activation import Activation
from viewflow.workflow.base import Edge
from viewflow.workflow.nodes import TimerBoundary
from viewflow.workflow.nodes.end import _cancel_active_tasks
from viewflow.workflow.nodes.handle import HandleActivation
from viewflow.workflow.nodes.start import StartHandleActivation
from viewflow.workflow.nodes.view import ViewActivation
from viewflow.workflow.signals import flow_finished, task_finished, task_started
from viewflow.workflow.status import PROCESS, STATUS

from workflows.definitions.model import NODE_STATUSES
from workflows.definitions.model import Node as Step
from workflows.models import Dossier

from . import handover
from .context import dossier_of


def status_on_entry(*, step: Step, process: Any) -> None:
    """The dossier takes the step's ``status`` as the step is entered: one UPDATE when it
    differs, and a log row from/to status (batched with the hand-over's rows)."""
    if not step.status:
        return
    dossier = dossier_of(process)
    before, after = dossier.status, NODE_STATUSES[step.status]
    if before == after:
        return
    moment = now()
    Dossier.objects.filter(pk=dossier.pk).update(status=after, updated_at=moment)
    dossier.status = after
    handover.log(
        dossier=dossier,
        actor=None,
        action="status_changed",
        step=step.id,
        from_status=before,
        to_status=after,
        at=moment,
    )


class EntersStatus(Activation):
    """An activation whose node's ``status`` is applied when its task is created."""

    @classmethod
    def create(
        cls, flow_task: Any, prev_activation: Any, token: Any, data: Any = None, seed: Any = None
    ) -> Any:
        activation = super().create(flow_task, prev_activation, token, data=data, seed=seed)
        status_on_entry(step=flow_task.step, process=activation.process)
        return activation


class StartActivation(StartHandleActivation):
    """A start whose next node is a user task leaves its (finished) task row to be written
    with the user task's, in one INSERT (``UserTaskActivation.create``)."""

    @Activation.status.super()
    def complete(self) -> None:
        if not isinstance(self.flow_task._next, UserTask):
            super().complete.original()
            return
        self.task.finished = now()
        self.task.flow_task_type = self.flow_task.task_type
        task_finished.send(sender=self.flow_class, process=self.process, task=self.task)


class Start(flow.StartHandle):
    activation_class = StartActivation


class UserTaskActivation(ViewActivation):
    @classmethod
    def create(
        cls, flow_task: Any, prev_activation: Any, token: Any, data: Any = None, seed: Any = None
    ) -> "UserTaskActivation":
        task = flow_task.flow_class.task_class(
            process=prev_activation.process, flow_task=flow_task, token=token
        )
        task.data = data if data is not None else {}
        task.seed = seed
        activation = cls(task)
        task.owner_permission = flow_task.calc_owner_permission(activation)
        if flow_task.due is not None:
            task.scheduled = flow_task.due(activation)
        previous = prev_activation.task
        if previous.pk is None:  # a start's task (StartActivation): both rows in one INSERT
            task.flow_task_type = flow_task.task_type
            type(task).objects.bulk_create([previous, task])
        else:
            task.save()
        task.previous.add(previous)
        status_on_entry(step=flow_task.step, process=task.process)
        return activation

    @Activation.status.super()
    def create_next(self) -> Iterator[Activation]:
        outcome = self.task.data.get("outcome")
        yield self.flow_task.outcome_node(outcome)._create(self, self.task.token)


class UserTask(flow.View):
    activation_class = UserTaskActivation

    def __init__(
        self,
        *,
        step: Step,
        permission: Callable[[Activation], str],
        due: Callable[[Activation], Any] | None,
        outcomes: list[tuple[str, Any]],
    ) -> None:
        super().__init__(view=None)
        self.step = step
        self.due = due
        self._outcomes = outcomes
        self.Permission(permission)
        if step.name:
            self.Annotation(title=step.name)

    def _resolve(self, instance: Any) -> None:
        super()._resolve(instance)
        self._outcomes = [(code, this.resolve(instance, ref)) for code, ref in self._outcomes]

    def _outgoing(self) -> Iterator[Edge]:
        for code, node in self._outcomes:
            yield Edge(src=self, dst=node, edge_class="next", label=code)

    @property
    def outcomes(self) -> tuple[str, ...]:
        return tuple(code for code, _node in self._outcomes)

    def outcome_node(self, outcome: Any) -> Any:
        for code, node in self._outcomes:
            if code == outcome:
                return node
        raise ValueError(f"{self.name}: unknown outcome {outcome!r}")


class ServiceTaskActivation(EntersStatus, HandleActivation):
    @Activation.status.super()
    def activate(self) -> None:
        from .service_tasks import service_task_enqueue

        service_task_enqueue(activation=self)

    @Activation.status.super()
    def create_next(self) -> Iterator[Activation]:
        if self.task.data.get("error") and self.flow_task.on_error is not None:
            yield self.flow_task.on_error._create(self, self.task.token)
        elif self.flow_task._next:
            yield self.flow_task._next._create(self, self.task.token)

    @Activation.status.transition(source=[STATUS.NEW, STATUS.STARTED], target=STATUS.ERROR)
    def fail(self, description: str) -> None:
        self.task.data["error"] = description
        self.task.finished = now()
        self.task.save()

    @Activation.status.transition(source=STATUS.ERROR, target=STATUS.NEW)
    def reopen(self) -> None:
        """An admin sent the dead outbox row again: the task waits for that attempt."""
        self.task.data.pop("error", None)
        self.task.finished = None


class ServiceTask(flow.Handle):
    task_type = "SERVICE"
    bpmn_element = "serviceTask"
    activation_class = ServiceTaskActivation

    def __init__(self, *, step: Step, on_error: Any = None) -> None:
        super().__init__()
        self.step = step
        self.on_error = on_error
        if step.name:
            self.Annotation(title=step.name)

    def _resolve(self, instance: Any) -> None:
        super()._resolve(instance)
        self.on_error = this.resolve(instance, self.on_error)

    def _outgoing(self) -> Iterator[Edge]:
        yield from super()._outgoing()
        if self.on_error is not None:
            yield Edge(src=self, dst=self.on_error, edge_class="default", label="error")


class TimerActivation(flow.Timer.activation_class):
    @Activation.status.super()
    def execute(self) -> None:
        with handover.batched():
            super().execute.original()
            handover.step_done(task=self.task, actor=None, action="timer_fired")


class Timer(flow.Timer):
    activation_class = TimerActivation


class BoundaryTimerActivation(TimerBoundary.activation_class):
    @Activation.status.super()
    def execute(self) -> None:
        with handover.batched():
            super().execute.original()
            handover.step_done(task=self.task, actor=None, action="timer_fired")


class BoundaryTimer(TimerBoundary):
    activation_class = BoundaryTimerActivation


class WaitEventActivation(EntersStatus, HandleActivation):
    pass


class WaitEvent(flow.MessageCatch):
    activation_class = WaitEventActivation

    def __init__(self, *, step: Step) -> None:
        super().__init__()
        self.step = step
        self.event = step.event
        if step.name:
            self.Annotation(title=step.name)


class ResultEndActivation(flow.End.activation_class):
    """An end with a result finishes the process and the dossier. Its task row is written
    once, done (viewflow's ``End`` inserts it, then updates it); other active tasks are
    looked for only when the flow can have any (``Flow.single_token``: no parallel split, no
    boundary timer)."""

    @classmethod
    def create(
        cls, flow_task: Any, prev_activation: Any, token: Any, data: Any = None, seed: Any = None
    ) -> "ResultEndActivation":
        if not flow_task.step.result:
            return super().create(flow_task, prev_activation, token, data=data, seed=seed)
        task = flow_task.flow_class.task_class(
            process=prev_activation.process, flow_task=flow_task, token=token
        )
        task.data = data if data is not None else {}
        task.seed = seed
        activation = cls(task)
        activation._previous = prev_activation.task  # linked once the row exists
        return activation

    @Activation.status.super()
    def activate(self) -> None:
        result = self.flow_task.step.result
        if not result:
            super().activate.original()
            return
        with self.exception_guard():
            self.task.started = now()
            task_started.send(sender=self.flow_class, process=self.process, task=self.task)
            if not self.flow_class.single_token:
                _cancel_active_tasks(self)
            self.process.status = PROCESS.DONE
            self.process.finished = now()
            self.process.save(update_fields=["status", "finished"])
            handover.dossier_finished(process=self.process, step=self.flow_task.step)
            task_finished.send(sender=self.flow_class, process=self.process, task=self.task)
            flow_finished.send(sender=self.flow_class, process=self.process, task=self.task)

    def __eq__(self, other: Any) -> bool:  # the task has no primary key until complete()
        return self is other if self.task.pk is None else super().__eq__(other)

    def __hash__(self) -> int:
        return id(self) if self.task.pk is None else super().__hash__()

    @Activation.status.super()
    def complete(self) -> None:
        super().complete.original()
        previous = getattr(self, "_previous", None)
        if previous is not None:
            self.task.previous.add(previous)
            self._previous = None


class ResultEnd(flow.End):
    activation_class = ResultEndActivation

    def __init__(self, *, step: Step) -> None:
        super().__init__()
        self.step = step
        if step.name:
            self.Annotation(title=step.name)
