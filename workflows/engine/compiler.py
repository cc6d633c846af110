"""Compile a ``Definition`` into a viewflow Flow class.

One class per published version, named after the version's primary key and living in
``workflows.engine.flows`` (whose PEP 562 ``__getattr__`` builds it on demand), so the
import path viewflow stores on every process and task keeps meaning the same version.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.activation import Activation

from workflows.calendar import AgencyCalendar, calendar_for_code, due_after
from workflows.definitions.model import AgencyRef, Definition, Duration, DurationUnit, NodeKind
from workflows.definitions.model import Node as Step
from workflows.permissions import role_permission_code

from .conditions import condition_holds
from .context import agency_code, data_path, dossier_of
from .locking import lock_impl
from .nodes import BoundaryTimer, ResultEnd, ServiceTask, Start, Timer, UserTask, WaitEvent

FLOWS_MODULE = "workflows.engine.flows"


class CompileError(ValueError):
    """The definition cannot become a flow (publish-time validation should have said so)."""


def flow_class_name(version_id: int) -> str:
    return f"Version{version_id}Flow"


def compile_definition(definition: Definition, *, name: str, title: str = "") -> type[flow.Flow]:
    attrs: dict[str, Any] = {
        "__module__": FLOWS_MODULE,
        "__qualname__": name,
        "__doc__": title or definition.name or name,
        "lock_impl": lock_impl(),
        "definition": definition,
        # one token at a time: no other task can be active when an end is reached
        "single_token": not any(
            step.kind is NodeKind.PARALLEL_SPLIT or step.boundary_timers
            for step in definition.nodes
        ),
    }
    for step in definition.nodes:
        if step.id.startswith("_") or hasattr(flow.Flow, step.id) or step.id.endswith("_path"):
            raise CompileError(f"node {step.id!r}: the id clashes with a viewflow Flow attribute")
        attrs[step.id] = _node(step)
        for timer in step.boundary_timers:
            if timer.id in attrs or hasattr(flow.Flow, timer.id):
                raise CompileError(f"node {step.id!r}: timer id {timer.id!r} clashes")
            attrs[timer.id] = BoundaryTimer(
                _ref(step.id),
                delay=_delay(timer.after, step.agency),
                interrupting=timer.interrupting,
            ).Next(_ref(timer.next))
            if timer.name:
                attrs[timer.id].Annotation(title=timer.name)
    return type(name, (flow.Flow,), attrs)


def _ref(node_id: str) -> Any:
    return getattr(this, node_id)


def _node(step: Step) -> Any:
    kind = step.kind
    if kind is NodeKind.START:
        node: Any = Start().Next(_ref(step.next))
    elif kind is NodeKind.USER_TASK:
        node = UserTask(
            step=step,
            permission=_permission(step),
            due=_delay(step.budget, step.agency) if step.budget else None,
            outcomes=[(code, _ref(target)) for code, target in step.outcomes],
        )
    elif kind is NodeKind.SERVICE_TASK:
        on_error = _ref(step.on_error) if step.on_error else None
        node = ServiceTask(step=step, on_error=on_error).Next(_ref(step.next))
    elif kind is NodeKind.EXCLUSIVE_GATEWAY:
        node = flow.Switch()
        for branch in step.branches:
            node.Case(_ref(branch.next), _condition(branch.condition))
        if step.default:
            node.Default(_ref(step.default))
    elif kind is NodeKind.PARALLEL_SPLIT:
        node = flow.Split()
        for target in step.targets:
            node.Always(_ref(target))
    elif kind is NodeKind.PARALLEL_JOIN:
        node = flow.Join().Next(_ref(step.next))
    elif kind is NodeKind.TIMER:
        delay = _delay(step.wait, step.agency) if step.wait else _at(step.at)
        node = Timer(delay).Next(_ref(step.next))
    elif kind is NodeKind.WAIT_EVENT:
        node = WaitEvent(step=step).Next(_ref(step.next))
    elif kind is NodeKind.END:
        node = ResultEnd(step=step)
    else:  # pragma: no cover - NodeKind is closed
        raise CompileError(f"node {step.id!r}: unknown kind {kind!r}")
    if step.name and kind not in (NodeKind.USER_TASK, NodeKind.SERVICE_TASK):
        node.Annotation(title=step.name)
    return node


def _permission(step: Step) -> Callable[[Activation], str]:
    def permission(activation: Activation) -> str:
        dossier = dossier_of(activation.process)
        return role_permission_code(step.role, agency_code(dossier, step.agency))

    return permission


_WORKING_UNITS = (DurationUnit.WORKING_DAYS, DurationUnit.WORKING_HOURS)
_NO_CALENDAR = AgencyCalendar()  # minutes, hours and calendar days read no calendar


def _delay(duration: Duration, agency: AgencyRef) -> Callable[[Activation], datetime]:
    """The due moment ``duration`` from now, working units under the calendar of the agency
    the step runs in (held in memory: no statement once an agency's calendar is loaded)."""

    def delay(activation: Activation) -> datetime:
        if duration.unit not in _WORKING_UNITS:
            return due_after(timezone.now(), duration, calendar=_NO_CALENDAR)
        code = agency_code(dossier_of(activation.process), agency)
        return due_after(timezone.now(), duration, calendar=calendar_for_code(code))

    return delay


def _condition(expression: str) -> Callable[[Activation], bool]:
    def holds(activation: Activation) -> bool:
        return condition_holds(expression, dossier_of(activation.process).data or {})

    return holds


def _at(path: str) -> Callable[[Activation], datetime]:
    def moment(activation: Activation) -> datetime:
        raw = str(data_path(dossier_of(activation.process).data or {}, path))
        parsed = parse_datetime(raw)
        if parsed is None:
            day = parse_date(raw)
            if day is None:
                raise ValueError(f"{path}: not an ISO date or datetime")
            parsed = datetime.combine(day, datetime.min.time())
        return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)

    return moment
