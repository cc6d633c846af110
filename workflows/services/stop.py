"""Stopping the processing of a dossier (status 8, Form 05), and the officer's confirmation
of an applicant's withdrawal (status 7 stays, the dossier closed, Form 05 "at the
applicant's request").

``stop`` is a reserved outcome (``workflows.definitions.outcomes``): it leads to an end with
the result ``stopped``, and the engine refuses it from anyone but ``dossier_stop``, so the
reason and Form 05 never go missing. The stop happens on an open task of the dossier whose
step offers ``stop`` and that the officer may complete, under the process's lock: a double
submit or a colleague at the same moment finds the task done (TaskNotAvailable).
"""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.deadlines.officers import leads, open_tasks
from workflows.documents.deadlines import stop_context
from workflows.engine import TaskNotAvailable, task_complete
from workflows.engine.locking import locked_task
from workflows.engine.nodes import UserTask
from workflows.models import Dossier, DossierDocument, ProcessingLogEntry, Role
from workflows.selectors.memberships import user_has_role
from workflows.services.documents import dossier_document_issue
from workflows.services.processing_log import dossier_log

Status = Dossier.Status
STOP = "stop"
REASON_MAX = 2000


class StopRefused(Exception):
    """The dossier cannot be stopped (or its withdrawal confirmed) by this user now; the
    message is for the officer."""


def _may_complete(task: Task, user: Any) -> bool:
    node = task.flow_task
    if not isinstance(node, UserTask) or STOP not in node.outcomes:
        return False
    return (task.status == STATUS.NEW and node.can_assign(user, task)) or (
        task.status == STATUS.ASSIGNED and node.can_execute(user, task)
    )


def stop_task_for(*, dossier: Dossier, user: Any) -> Task | None:
    """The open task of the dossier the user may stop it on (its step offers ``stop``)."""
    for task in open_tasks(dossier).select_related("process", "owner").order_by("pk"):
        if _may_complete(task, user):
            return task
    return None


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise StopRefused(_("State the reason for stopping the processing."))
    if len(reason) > REASON_MAX:
        raise StopRefused(_("Keep the reason under %(n)s characters.") % {"n": REASON_MAX})
    return reason


def dossier_stop(*, dossier: Dossier, by: Any, reason: str) -> Dossier:
    """Stop the processing of ``dossier`` with a reason: its task completed with ``stop``
    (the process ends with the result ``stopped``: status 8), Form 05 issued."""
    reason = _reason(reason)
    found = stop_task_for(dossier=dossier, user=by)
    if found is None:
        raise StopRefused(_("You have no step of this dossier on which it can be stopped."))
    with transaction.atomic(), locked_task(found.pk) as task:
        if task is None or task.status not in (STATUS.NEW, STATUS.ASSIGNED):
            raise TaskNotAvailable(f"task {found.pk} is no longer open")
        if not _may_complete(task, by):
            raise TaskNotAvailable(f"task {found.pk} cannot be completed by this user")
        locked = Dossier.objects.select_for_update(of=("self",)).get(pk=dossier.pk)
        # the log: "outcome:stop" with the reason (the hand-over), "finished" to status 8
        task_complete(task_id=task.pk, user=by, outcome=STOP, comment=reason, _effects=True)
        locked.refresh_from_db(fields=["status", "finished_at", "updated_at"])
        if locked.status != Status.STOPPED:  # defensive: publishing checks the stop path
            raise StopRefused(_("This step's stop does not end the processing."))
        extra = {"stop": stop_context(reason=reason, at_applicants_request=False)}
        dossier_document_issue(dossier=locked, kind=DossierDocument.Kind.STOP, by=by, extra=extra)
    return Dossier.objects.get(pk=dossier.pk)


def user_may_confirm_withdrawal(*, user: Any, dossier: Dossier) -> bool:
    """A reception officer of the receiving agency, or a leader of the receiving or the
    competent agency (or of an agency above them)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return (
        user_has_role(user, Role.Standard.RECEPTION, dossier.receiving_agency)
        or leads(user=user, agency=dossier.receiving_agency)
        or leads(user=user, agency=dossier.competent_agency)
    )


def withdrawal_reason(dossier: Dossier) -> str:
    """The reason the applicant gave with the withdrawal request."""
    entry = (
        ProcessingLogEntry.objects.filter(dossier=dossier, action="withdrawal_requested")
        .order_by("-at", "-pk")
        .first()
    )
    return entry.comment if entry is not None else ""


def dossier_withdrawal_confirm(*, dossier: Dossier, by: Any, comment: str = "") -> Dossier:
    """Close a dossier whose applicant asked to withdraw it (status 7, which stays: the
    national portal's status of a withdrawn dossier): finished now, logged, Form 05 issued
    "at the applicant's request" with the applicant's reason. Once: a second confirmation
    (a double submit) is refused."""
    with transaction.atomic():
        locked = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("receiving_agency", "competent_agency")
            .get(pk=dossier.pk)
        )
        if not user_may_confirm_withdrawal(user=by, dossier=locked):
            raise StopRefused(_("Only the agency's reception officers or leaders may confirm."))
        if locked.status != Status.WITHDRAWAL_REQUESTED or locked.finished_at is not None:
            raise StopRefused(_("This dossier has no withdrawal request waiting."))
        now = timezone.now()
        locked.finished_at = now
        locked.save(update_fields=["finished_at", "updated_at"])
        dossier_log(
            dossier=locked,
            actor=by,
            action="withdrawal_confirmed",
            comment=(comment or "").strip()[:REASON_MAX],
            at=now,
        )
        context = stop_context(reason=withdrawal_reason(locked), at_applicants_request=True)
        dossier_document_issue(
            dossier=locked, kind=DossierDocument.Kind.STOP, by=by, extra={"stop": context}
        )
    return Dossier.objects.get(pk=dossier.pk)
