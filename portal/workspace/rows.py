"""The rows of a queue page: a task or a waiting dossier, with its dossier's code, procedure,
step, due moment (late / due soon), status and deadline alerts (the step escalated, the
dossier's own deadline near or past: ``workflows.deadlines``), read for one page in three
queries."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from viewflow.workflow.models import Task

from workflows.models import DeadlineAlert, Dossier

DUE_SOON = timedelta(days=1)


@dataclass(frozen=True)
class Row:
    code: str
    procedure: str
    step: str
    due: datetime | None
    status: str
    task_id: int | None = None
    owner: str = ""
    escalated: bool = False  # the step's overdue alert fired
    dossier_alert: str = ""  # DeadlineAlert.Kind.DOSSIER_WARNING or DOSSIER_OVERDUE

    @property
    def due_class(self) -> str:
        return due_class(self.due)


def due_class(due: datetime | None, *, now: datetime | None = None) -> str:
    """``late`` past due, ``due-soon`` within a day, else ""."""
    if due is None:
        return ""
    now = now or timezone.now()
    if due <= now:
        return "late"
    return "due-soon" if due <= now + DUE_SOON else ""


def step_title(task: Task) -> str:
    node = task.flow_task
    step = getattr(node, "step", None)
    return (getattr(step, "name", "") or getattr(step, "id", "")) if step else str(node.name)


def task_rows(tasks: list[Task]) -> list[Row]:
    ids = {task.process.artifact_object_id for task in tasks}
    dossiers = {
        dossier.pk: dossier
        for dossier in Dossier.objects.filter(pk__in=ids)
        .select_related("version__procedure")
        .only("code", "status", "due_at", "version__procedure__name")
    }
    escalated, dossier_alerts = _alerts(dossiers.values())
    rows = []
    for task in tasks:
        dossier = dossiers.get(task.process.artifact_object_id)
        rows.append(
            Row(
                code=(dossier.code or "") if dossier else "",
                procedure=dossier.version.procedure.name if dossier else "",
                step=step_title(task),
                due=task.scheduled,
                status=dossier.get_status_display() if dossier else "",
                task_id=task.pk,
                owner=_officer_name(task.owner) if task.owner_id else "",
                escalated=(task.pk, task.scheduled) in escalated,
                dossier_alert=dossier_alerts.get(dossier.pk, "") if dossier else "",
            )
        )
    return rows


def waiting_rows(dossiers: list[Dossier]) -> list[Row]:
    return [
        Row(
            code=dossier.code or "",
            procedure=dossier.version.procedure.name,
            step=dossier.supplementation.step,
            due=dossier.due_at,
            status=dossier.get_status_display(),
        )
        for dossier in dossiers
    ]


def _alerts(dossiers: Any) -> tuple[set[tuple[int, Any]], dict[int, str]]:
    """The (task, due moment) pairs escalated, and each dossier's alert for its current due
    moment (overdue over warning): one query on the alerts' unique index."""
    due = {dossier.pk: dossier.due_at for dossier in dossiers}
    escalated: set[tuple[int, Any]] = set()
    found: dict[int, str] = {}
    rows = DeadlineAlert.objects.filter(dossier_id__in=list(due)).values_list(
        "dossier_id", "task_id", "kind", "due_at"
    )
    for dossier_id, task_id, kind, due_at in rows:
        if kind == DeadlineAlert.Kind.STEP_OVERDUE:
            escalated.add((task_id, due_at))
        elif (
            task_id == 0
            and due_at == due[dossier_id]
            and found.get(dossier_id) != "dossier_overdue"
        ):
            found[dossier_id] = kind
    return escalated, found


def _officer_name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""
