"""Form 06, the processing control slip (phiếu kiểm soát quá trình giải quyết hồ sơ), read
from the processing log: every hand-over in order, who gave the dossier and which step and
unit received it, and whether the step finished early, on time or late against its budget.

Hand-overs are the log's ``outcome:*`` entries (``workflows.engine.handover.step_done``): the
step that finished, its actor, the moment, its due moment and timing. The receiving party of a
hand-over is the next hand-over's step; the last one hands the result to the applicant when
the dossier is finished.
"""

from datetime import datetime
from typing import Any

from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.definitions.model import Definition, Node
from workflows.engine import process_of
from workflows.engine.context import agency_code
from workflows.engine.definitions import definition_of
from workflows.engine.handover import timing_of
from workflows.models import Agency, Dossier, ProcessingLogEntry

from .people import officer_context

# The form's own words for the result of each hand-over (Circular 01/2018/TT-VPCP, Form 06).
TIMING_TEXTS: dict[str, str] = {
    ProcessingLogEntry.Timing.EARLY.value: "Trước hạn",
    ProcessingLogEntry.Timing.ON_TIME.value: "Đúng hạn",
    ProcessingLogEntry.Timing.LATE.value: "Quá hạn",
}
NO_BUDGET_TEXT = "Không định mức thời gian"
TO_APPLICANT = "Người nộp hồ sơ (trả kết quả)"
FINISHED_STATUSES = frozenset(
    {Dossier.Status.NOT_ACCEPTED, Dossier.Status.WITHDRAWAL_REQUESTED, Dossier.Status.STOPPED}
)


def control_slip_context(dossier: Dossier, *, at: datetime | None = None) -> dict[str, Any]:
    """``control_slip``: ``handovers`` (number, step, unit, giver, at, due_at, timing,
    timing_text, receiver_step, receiver_unit) and ``overall`` (due_at, finished_at,
    timing, timing_text) for the dossier as of ``at``."""
    definition = definition_of(dossier.version)
    entries = list(
        ProcessingLogEntry.objects.filter(dossier=dossier, action__startswith="outcome:")
        .select_related("actor")
        .order_by("at", "id")
    )
    units = _unit_names(dossier, definition, [entry.step for entry in entries])
    handovers = []
    for number, entry in enumerate(entries, start=1):
        following = entries[number] if number < len(entries) else None
        handovers.append(
            {
                "number": number,
                "step": _step_name(definition, entry.step),
                "unit": units.get(entry.step, ""),
                "giver": _person(entry.actor),
                "at": entry.at,
                "due_at": entry.due_at,
                "timing": entry.timing,
                "timing_text": TIMING_TEXTS.get(entry.timing, NO_BUDGET_TEXT),
                "receiver_step": _receiver_step(dossier, definition, following),
                "receiver_unit": units.get(following.step, "") if following else "",
            }
        )
    return {"handovers": handovers, "overall": _overall(dossier, at or timezone.now())}


def _person(user: Any) -> str:
    """The officer's full name (Vietnamese order), else the account's name; empty for the
    system (a timer, a service step)."""
    if user is None:
        return ""
    return officer_context(user)["name"] or user.get_username()


def _overall(dossier: Dossier, now: datetime) -> dict[str, Any]:
    """The dossier against its own deadline: finished early/on time/late, or still open and
    already late."""
    due, finished = dossier.due_at, dossier.finished_at
    if due is None:
        timing = ""
    elif finished is not None:
        timing = timing_of(finished=finished, due=due)
    else:
        timing = ProcessingLogEntry.Timing.LATE if now > due else ""
    text = TIMING_TEXTS.get(timing, "") if timing else ""
    if timing and finished is None:
        text = f"{text} (đang giải quyết)"
    return {"due_at": due, "finished_at": finished, "timing": timing, "timing_text": text}


def _step_name(definition: Definition, step_id: str) -> str:
    node = _node(definition, step_id)
    return (node.name or node.id) if node else step_id


def _receiver_step(
    dossier: Dossier, definition: Definition, following: ProcessingLogEntry | None
) -> str:
    """Who received the hand-over: the next hand-over's step; for the last one, the steps
    open now (an open dossier) or the applicant (a result to return)."""
    if following is not None:
        return _step_name(definition, following.step)
    if dossier.status in (Dossier.Status.PROCESSED, Dossier.Status.RESULT_RETURNED):
        return TO_APPLICANT
    if dossier.status in FINISHED_STATUSES:
        return ""
    return ", ".join(_step_name(definition, step) for step in _open_steps(dossier))


def _open_steps(dossier: Dossier) -> list[str]:
    process = process_of(dossier)
    if process is None:
        return []
    tasks = Task.objects.filter(
        process_id=process.pk, flow_task_type="HUMAN", status__in=[STATUS.NEW, STATUS.ASSIGNED]
    ).order_by("created", "pk")
    return [task.flow_task.name for task in tasks]


def _node(definition: Definition, step_id: str) -> Node | None:
    try:
        return definition.node(step_id)
    except KeyError:  # a step of an older shape, or an entry not from a node
        return None


def _unit_names(dossier: Dossier, definition: Definition, steps: list[str]) -> dict[str, str]:
    """Step id -> the name of the agency the step ran in, in one query."""
    codes: dict[str, str] = {}
    for step in set(steps):
        node = _node(definition, step)
        if node is None:
            continue
        try:
            codes[step] = agency_code(dossier, node.agency)
        except (LookupError, TypeError):  # an agency field the dossier lacks
            continue
    names = dict(Agency.objects.filter(code__in=set(codes.values())).values_list("code", "name"))
    return {step: names.get(code, code) for step, code in codes.items()}
