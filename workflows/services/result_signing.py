"""The leader signs the result as part of completing the approval step.

A user task with ``sign`` (docs/workflow-language.md) completes its signing outcome in two
moves. ``result_signature_request`` (the leader, from the task page) renders the result,
takes its number and stores it awaiting signature; the task stays open and an outbox row
asks a worker to sign (``result_signing_worker``), never holding the request. When every
signature is on, the worker stores the signed PDF and completes the step with the outcome
the leader chose. A failed or refused signature leaves the step open with the reason, and
``result_signature_retry`` ("Ký lại") signs the same document (same number) again.

The task's ``data["signing"]`` keeps the request: the document, the outcome, the comment
and step form data to complete with, the state and the last error.
"""

import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from core import outbox
from signing.models import DocumentTemplate
from signing.selectors import signer_for
from workflows.definitions.model import Signing
from workflows.engine import TaskNotAvailable, UnknownOutcome
from workflows.engine.locking import locked_task
from workflows.engine.nodes import UserTask
from workflows.engine.runtime import step_form_check
from workflows.models import Agency, DossierDocument
from workflows.services.processing_log import dossier_log
from workflows.services.reassign import task_step_agency

from .result_signing_render import result_number, result_render, result_template_for

SENDER = "workflows.result_sign"
State = DossierDocument.SignatureState


class SigningNotPossible(Exception):
    """The signing cannot start or restart; ``str(error)`` is for the leader."""


def task_signing(task: Task) -> dict[str, Any]:
    """The signing request kept on the task ({} when there is none)."""
    return dict((task.data or {}).get("signing") or {})


def step_signing(task: Task) -> Signing | None:
    node = task.flow_task
    return node.step.sign if isinstance(node, UserTask) else None


def signers_missing(*, sign: Signing, leader: Any, agency_code: str) -> list[str]:
    """The signatures of ``sign`` that have no active signer (messages for the leader)."""
    missing = []
    if "personal" in sign.signatures and signer_for(kind="personal", user=leader) is None:
        missing.append(_("You have no personal signing certificate configured."))
    if "agency" in sign.signatures and signer_for(kind="agency", agency_code=agency_code) is None:
        missing.append(_("The agency has no seal signer configured."))
    return missing


def _enqueue(document: DossierDocument, task: Task) -> None:
    outbox.enqueue(
        kind=SENDER,
        payload={"document": document.pk, "task": task.pk},
        ordering_key=f"dossier:{document.dossier_id}",
    )


def result_signature_request(
    *, task_id: int, user: Any, outcome: str, comment: str = "", data: dict | None = None
) -> DossierDocument:
    """Render, number and store the result of the step ``task_id`` and ask for its signing.

    Raises TaskNotAvailable (not open, not the user's), UnknownOutcome (not the step's
    signing outcome), SigningNotPossible (already awaiting, no signer), StepFormInvalid."""
    with locked_task(task_id, dossier=True) as task:
        sign = step_signing(task) if task is not None else None
        if task is None or sign is None:
            raise TaskNotAvailable(f"task {task_id} is not a signing step")
        if outcome != sign.outcome:
            raise UnknownOutcome(f"{outcome!r} is not the signing outcome {sign.outcome!r}")
        node = task.flow_task
        if task.status == STATUS.NEW and node.can_assign(user, task):
            task.owner, task.assigned, task.status = user, timezone.now(), STATUS.ASSIGNED
        if task.status != STATUS.ASSIGNED or not node.can_execute(user, task):
            raise TaskNotAvailable(f"task {task_id} cannot be completed by this user")
        if task_signing(task).get("state") in (State.AWAITING, State.SIGNED):
            raise SigningNotPossible(_("The result is already being signed."))
        form_data = step_form_check(node, data)
        _role, agency_code = task_step_agency(task)
        missing = signers_missing(sign=sign, leader=user, agency_code=agency_code)
        if missing:
            raise SigningNotPossible(" ".join(missing))
        agency = Agency.objects.select_related("parent").get(code=agency_code)
        document = _result_issue(task=task, sign=sign, agency=agency, leader=user)
        task.data = {
            **(task.data or {}),
            "signing": {
                "document": document.pk,
                "outcome": outcome,
                "comment": comment,
                "form": form_data,
                "state": State.AWAITING,
                "error": "",
                "round": 0,
                "pending": None,
            },
        }
        task.save(update_fields=["data", "owner", "assigned", "status"])
        dossier_log(
            dossier=document.dossier,
            actor=user,
            action="signature_requested",
            step=node.step.name,
            comment=f"{document.number}/{document.symbol}",
        )
        _enqueue(document, task)
    return document


def _result_issue(*, task: Task, sign: Signing, agency: Agency, leader: Any) -> DossierDocument:
    """The result stored awaiting signature: the row first (its id is in the QR code's
    token), then the rendered PDF; all inside the caller's transaction."""
    dossier = task.process.artifact
    try:
        template = result_template_for(dossier=dossier, code=sign.document)
    except DocumentTemplate.DoesNotExist:
        raise SigningNotPossible(
            _("The result's document template is missing; ask the administrator.")
        ) from None
    personal = signer_for(kind="personal", user=leader)
    title = personal.title if personal is not None else ""
    document = DossierDocument(
        dossier=dossier,
        kind=DossierDocument.Kind.RESULT,
        template=template,
        sha256="",
        size=0,
        signature_state=State.AWAITING,
        created_by=leader,
    )
    result_number(document=document, agency=agency, prefix=sign.symbol)
    document.save()
    pdf = result_render(
        dossier=dossier,
        document=document,
        template=template,
        agency=agency,
        leader=leader,
        title=title,
    )
    document_store(document=document, pdf=pdf)
    document.save()
    return document


def document_store(*, document: DossierDocument, pdf: bytes) -> None:
    """Put ``pdf`` in the document's file (a new random path) with its hash and size; the
    old file is deleted after the transaction commits (a rollback keeps it)."""
    old = document.file.name if document.file else ""
    document.file.save("result.pdf", ContentFile(pdf), save=False)
    document.sha256 = hashlib.sha256(pdf).hexdigest()
    document.size = len(pdf)
    if old:
        storage = document.file.storage
        transaction.on_commit(lambda: storage.delete(old))


def result_signature_retry(*, task_id: int, user: Any) -> DossierDocument:
    """ "Ký lại": sign the step's result again after a failure (same document, same number).
    Raises TaskNotAvailable, SigningNotPossible."""
    with locked_task(task_id, dossier=True) as task:
        sign = step_signing(task) if task is not None else None
        if task is None or sign is None or task.status != STATUS.ASSIGNED:
            raise TaskNotAvailable(f"task {task_id} is not an open signing step")
        if not task.flow_task.can_execute(user, task):
            raise TaskNotAvailable(f"task {task_id} cannot be completed by this user")
        signing = task_signing(task)
        if signing.get("state") != State.FAILED:
            raise SigningNotPossible(_("There is no failed signature to sign again."))
        _role, agency_code = task_step_agency(task)
        missing = signers_missing(sign=sign, leader=user, agency_code=agency_code)
        if missing:
            raise SigningNotPossible(" ".join(missing))
        document = DossierDocument.objects.select_for_update().get(pk=signing["document"])
        document.signature_state = State.AWAITING
        document.save(update_fields=["signature_state"])
        restart = {"state": State.AWAITING, "error": "", "round": signing.get("round", 0) + 1}
        task.data = {**task.data, "signing": {**signing, **restart, "pending": None}}
        task.save(update_fields=["data"])
        dossier_log(
            dossier=document.dossier,
            actor=user,
            action="signature_retried",
            step=task.flow_task.step.name,
        )
        _enqueue(document, task)
    return document
