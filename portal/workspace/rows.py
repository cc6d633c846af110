"""The rows of a queue page: a task or a waiting dossier, with its dossier's code, procedure,
step, due moment (late / due soon) and status, read for one page in two queries."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from viewflow.workflow.models import Task

from workflows.models import Dossier

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
        .only("code", "status", "version__procedure__name")
    }
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


def _officer_name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""
