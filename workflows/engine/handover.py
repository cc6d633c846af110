"""Processing-log entries for each hand-over (the source of Form 06).

Inside ``batched()`` the entries of one transaction are kept and written together with one
``bulk_create`` when the block ends (a worker finishing a service task that also ends the
process writes two rows in one statement); outside it each entry is written at once.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from django.db.models.signals import post_save
from django.utils import timezone

from workflows.calendar import Calendar, calendar_for, calendar_for_code, working_time_between
from workflows.definitions.model import END_RESULTS, AgencyRef
from workflows.definitions.model import Node as Step
from workflows.models import Dossier, ProcessingLogEntry
from workflows.services.processing_log import dossier_log

from .context import agency_code, dossier_of, dossier_ref

Timing = ProcessingLogEntry.Timing
_pending = threading.local()


@contextmanager
def batched() -> Iterator[None]:
    """Keep the log entries written in the block and insert them in one statement at its
    end, in time order (inside the caller's transaction). Nested blocks join the outer one."""
    if getattr(_pending, "entries", None) is not None:
        yield
        return
    _pending.entries = []
    try:
        yield
        entries = sorted(_pending.entries, key=lambda entry: entry.at)
    finally:
        _pending.entries = None
    if entries:
        ProcessingLogEntry.objects.bulk_create(entries)
        for entry in entries:  # receivers of new entries see these too (notifications)
            post_save.send(
                ProcessingLogEntry,
                instance=entry,
                created=True,
                raw=False,
                using=entry._state.db,
                update_fields=None,
            )


def log(*, dossier: Dossier, actor: Any, action: str, **fields: Any) -> None:
    """``dossier_log``, or, inside ``batched()``, the same entry kept for the batch."""
    entries = getattr(_pending, "entries", None)
    if entries is None:
        dossier_log(dossier=dossier, actor=actor, action=action, **fields)
        return
    timing = fields.get("timing", "")
    if timing and timing not in Timing.values:
        raise ValueError(f"unknown timing {timing!r}")
    user = actor if getattr(actor, "is_authenticated", False) else None
    fields.setdefault("at", timezone.now())
    entries.append(ProcessingLogEntry(dossier=dossier, actor=user, action=action, **fields))


def timing_of(*, finished: datetime, due: datetime | None) -> str:
    """Early before the due day, on time on it, late after it (local dates)."""
    if due is None:
        return ""
    if finished > due:
        return Timing.LATE
    return (
        Timing.EARLY if timezone.localdate(finished) < timezone.localdate(due) else Timing.ON_TIME
    )


def _calendar_of(task: Any) -> Calendar:
    """The calendar of the agency the task's step runs in (the receiving agency's for nodes
    without a step: timers)."""
    step = getattr(task.flow_task, "step", None)
    try:
        code = agency_code(dossier_of(task.process), step.agency if step else AgencyRef())
    except LookupError:  # an agency taken from a data field the dossier lacks
        return calendar_for(None)
    return calendar_for_code(code)


def step_done(*, task: Any, actor: Any, action: str, comment: str = "") -> None:
    """One step handed over: who, when, which step, and its time budget in working time
    (office hours of the step agency's working days) used and allowed."""
    finished = task.finished or timezone.now()
    due = task.scheduled if task.flow_task_type == "HUMAN" else None
    calendar = _calendar_of(task)
    log(
        dossier=dossier_ref(task.process),
        actor=actor,
        action=action,
        step=task.flow_task.name,
        comment=comment,
        budget_used=working_time_between(task.created, finished, calendar=calendar),
        budget_allowed=(
            working_time_between(task.created, due, calendar=calendar) if due else None
        ),
        due_at=due,
        timing=timing_of(finished=finished, due=due),
        at=finished,
    )


def dossier_finished(*, process: Any, step: Step) -> None:
    """An end with a result: the dossier takes the result's status."""
    dossier = dossier_of(process)
    before, after = dossier.status, END_RESULTS[step.result]
    now = timezone.now()
    fields = {"status": after, "finished_at": now, "updated_at": now}
    if after == Dossier.Status.RESULT_RETURNED:
        fields["returned_at"] = now
    Dossier.objects.filter(pk=dossier.pk).update(**fields)
    for name, value in fields.items():
        setattr(dossier, name, value)
    log(
        dossier=dossier,
        actor=None,
        action="finished",
        step=step.id,
        from_status=before,
        to_status=after,
        at=now,
    )
