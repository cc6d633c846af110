"""The reception outcomes of a dossier's task: accept it, request its supplementation once,
refuse it. Each is one transaction that does the outcome's effects on the dossier (status,
dates, the legal clock, the statutory form) and completes the task through the engine, under
the process's lock: a second request for the same task (a double submit, a colleague at the
same moment) finds it done and gets TaskNotAvailable, with nothing changed.

The engine refuses these outcome codes from anyone else (``task_complete`` raises
OutcomeNeedsService), so the effects never go missing.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.calendar import legal_due
from workflows.engine import TaskNotAvailable, UnknownOutcome, task_complete
from workflows.engine.locking import locked_task
from workflows.engine.nodes import UserTask
from workflows.errors import (
    DossierAlreadyReceived,
    RefusalReasonRequired,
    SupplementationAlreadyRequested,
    SupplementationItemsRequired,
)
from workflows.models import ClockPause, Dossier, DossierDocument, SupplementationRequest
from workflows.services.clock import clock_pause
from workflows.services.documents import dossier_document_issue
from workflows.services.processing_log import dossier_log

Status = Dossier.Status
Kind = DossierDocument.Kind


@dataclass(frozen=True)
class MissingItem:
    name: str  # what is missing or wrong (Vietnamese, shown on Form 02)
    document_code: str = ""  # the case's document code, when it is one
    note: str = ""


def dossier_accept(*, task_id: int, user: Any, comment: str = "") -> Dossier:
    """Receive the dossier (status 2): received now, the legal due moment and appointment date
    from the receiving agency's calendar, Form 01 issued, the task completed with ``accept``.
    Only while the dossier has not been received (DossierAlreadyReceived)."""
    with _reception_task(task_id=task_id, user=user, outcome="accept") as (task, dossier):
        if dossier.received_at is not None:
            raise DossierAlreadyReceived(_("This dossier has already been received."))
        now = timezone.now()
        due = legal_due(received_at=now, case=dossier.case, agency=dossier.receiving_agency)
        before = dossier.status
        dossier.status, dossier.received_at = Status.ACCEPTED, now
        dossier.due_at, dossier.appointment_date = due.due_at, due.appointment_date
        fields = ["status", "received_at", "due_at", "appointment_date", "updated_at"]
        if dossier.first_appointment_date is None:
            dossier.first_appointment_date = due.appointment_date
            fields.append("first_appointment_date")
        dossier.save(update_fields=fields)
        _log_status(dossier, user, "accepted", task, before)
        task_complete(task_id=task_id, user=user, outcome="accept", comment=comment, _effects=True)
        dossier_document_issue(dossier=dossier, kind=Kind.RECEIPT, by=user)
    return _fresh(dossier)


def dossier_request_supplementation(
    *, task_id: int, user: Any, items: Sequence[MissingItem], reason: str = ""
) -> Dossier:
    """The one request to supplement the dossier (Form 02): what is missing, status 5, the
    legal clock paused, the task completed with ``supplement`` (the process waits for the
    answer and returns to this step). A second request raises SupplementationAlreadyRequested."""
    rows = [asdict(item) for item in items if item.name.strip()]
    if not rows:
        raise SupplementationItemsRequired(_("List at least one missing or incorrect item."))
    with _reception_task(task_id=task_id, user=user, outcome="supplement") as (task, dossier):
        if SupplementationRequest.objects.filter(dossier=dossier).exists():
            raise _already_requested()
        step = task.flow_task.name
        try:
            with transaction.atomic():
                pause = clock_pause(
                    dossier=dossier, reason=ClockPause.Reason.SUPPLEMENTATION, step=step, by=user
                )
                SupplementationRequest.objects.create(
                    dossier=dossier,
                    step=step,
                    items=rows,
                    reason=reason.strip(),
                    requested_at=pause.started_at,
                    requested_by=_user(user),
                    pause=pause,
                )
        except IntegrityError as exc:  # another request won the race (one-to-one)
            raise _already_requested() from exc
        before = dossier.status
        dossier.status = Status.SUPPLEMENTATION_REQUESTED
        dossier.save(update_fields=["status", "updated_at"])
        _log_status(dossier, user, "supplementation_requested", task, before)
        task_complete(task_id=task_id, user=user, outcome="supplement", _effects=True)
        dossier_document_issue(dossier=dossier, kind=Kind.SUPPLEMENTATION, by=user)
    return _fresh(dossier)


def dossier_refuse(*, task_id: int, user: Any, reason: str) -> Dossier:
    """Refuse the dossier with a reason (Form 03): the task completed with ``refuse`` (the
    process ends with the result ``refused``, status 3, logged once)."""
    reason = (reason or "").strip()
    if not reason:
        raise RefusalReasonRequired(_("State the reason for refusing the dossier."))
    with _reception_task(task_id=task_id, user=user, outcome="refuse") as (task, dossier):
        before = dossier.status
        task_complete(task_id=task_id, user=user, outcome="refuse", comment=reason, _effects=True)
        dossier.refresh_from_db(fields=["status", "finished_at", "updated_at"])
        if dossier.status != Status.NOT_ACCEPTED:  # the refuse path does not end here
            dossier.status = Status.NOT_ACCEPTED
            dossier.save(update_fields=["status", "updated_at"])
            _log_status(dossier, user, "refused", task, before)
        extra = {"refusal": {"reason": reason}}
        dossier_document_issue(dossier=dossier, kind=Kind.REFUSAL, by=user, extra=extra)
    return _fresh(dossier)


@contextmanager
def _reception_task(*, task_id: int, user: Any, outcome: str) -> Iterator[tuple[Task, Dossier]]:
    """The open user task (locked with its process) that the user may complete with
    ``outcome``, and its dossier (locked), for one transaction."""
    with transaction.atomic(), locked_task(task_id) as task:
        node = getattr(task, "flow_task", None)
        if task is None or not isinstance(node, UserTask):
            raise TaskNotAvailable(f"task {task_id} is not an open user task")
        if outcome not in node.outcomes:
            raise UnknownOutcome(f"{node.name}: {outcome!r} is not one of {node.outcomes}")
        allowed = (task.status == STATUS.NEW and node.can_assign(user, task)) or (
            task.status == STATUS.ASSIGNED and node.can_execute(user, task)
        )
        if not allowed:
            raise TaskNotAvailable(f"task {task_id} cannot be completed by this user")
        dossier = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("case", "receiving_agency")
            .get(pk=task.process.artifact_object_id)
        )
        yield task, dossier


def _log_status(dossier: Dossier, user: Any, action: str, task: Task, before: int) -> None:
    dossier_log(
        dossier=dossier,
        actor=user,
        action=action,
        step=task.flow_task.name,
        from_status=before,
        to_status=dossier.status,
    )


def _already_requested() -> SupplementationAlreadyRequested:
    return SupplementationAlreadyRequested(
        _("Supplementation of this dossier was already requested: a dossier gets one request.")
    )


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _fresh(dossier: Dossier) -> Dossier:
    return Dossier.objects.select_related("case", "receiving_agency").get(pk=dossier.pk)
