"""Signing a result on a worker: the outbox sender, the poll of remote signatures, the
upload of a USB token's signature, and the end (the signed document stored, the step
completed with the leader's outcome) or the failure (the step left open, the reason kept).

Signatures go on in the step's order (``sign.signatures``: the leader's, then the agency's
seal). A server-side key (PKCS#12, PKCS#11) signs at once; a key elsewhere (a remote-signing
service, a USB token) gets a ``PendingSignature`` and the signing waits for it: the poll job
(remote) or the leader's upload (USB) carries on from there.
"""

import logging
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from core import outbox
from core.periodic import periodic
from signing import services as signing_services
from signing.errors import SignerUnavailable, SigningError, TimestampUnavailable
from signing.models import PendingSignature, SignerProfile
from signing.selectors import signer_for
from signing.signers import backend_for
from signing.stamp import StampText
from workflows.engine import TaskNotAvailable
from workflows.engine import task_complete as engine_complete
from workflows.engine.locking import locked_task
from workflows.models import DossierDocument
from workflows.services.processing_log import dossier_log
from workflows.services.reassign import task_step_agency

from .result_signing import SENDER, State, document_store, step_signing, task_signing

logger = logging.getLogger("motcua.workflows")
TRANSIENT = (SignerUnavailable, TimestampUnavailable)
TRANSIENT_ATTEMPTS = 3  # outbox attempts before a transient failure is shown to the leader
REASONS = {"personal": "Phê duyệt văn bản", "agency": "Đóng dấu của cơ quan"}
DONE, FAILED_PENDING = "completed", ("rejected", "expired", "failed")


def _signer(kind: str, task: Task) -> SignerProfile | None:
    if kind == "personal":
        return signer_for(kind="personal", user=task.owner)
    _role, agency_code = task_step_agency(task)
    return signer_for(kind="agency", agency_code=agency_code)


def _meta(signer: SignerProfile, kind: str) -> dict[str, str]:
    return {
        "name": signer.name,
        "title": signer.title,
        "organisation": signer.organisation,
        "at": timezone.now().isoformat(),
        "kind": kind,
    }


@outbox.senders.register(SENDER)
def deliver_result_signing(delivery: outbox.Delivery) -> None:
    """Sign ``payload["document"]`` for ``payload["task"]`` (``result_signing_run``);
    a transient failure is retried by the outbox, then shown to the leader."""
    task_id, document_id = delivery.payload["task"], delivery.payload["document"]
    try:
        result_signing_run(task_id=task_id, document_id=document_id)
    except TRANSIENT as error:
        if delivery.attempt < TRANSIENT_ATTEMPTS:
            raise  # the outbox tries again with backoff
        result_signing_fail(task_id=task_id, document_id=document_id, message=str(error))


def result_signing_run(*, task_id: int, document_id: int) -> None:
    """Start signing the document of the task's signing request now; nothing on a
    redelivery (the document no longer awaits, or a pending signature is already asked).
    Raises outbox.PermanentError for a payload that names no such request."""
    task = Task.objects.select_related("process", "owner").filter(pk=task_id).first()
    if task is None:
        raise outbox.PermanentError("the task does not exist")
    signing = task_signing(task)
    document = DossierDocument.objects.filter(pk=document_id).first()
    if document is None or signing.get("document") != document.pk:
        raise outbox.PermanentError("the document is not the task's signing request")
    if document.signature_state != State.AWAITING or signing.get("pending"):
        return
    with document.file.open("rb") as handle:
        pdf = handle.read()
    result_signing_advance(task=task, document=document, pdf=pdf, index=0, signers=[])


def result_signing_advance(
    *, task: Task, document: DossierDocument, pdf: bytes, index: int, signers: list[dict]
) -> None:
    """Put signatures ``index``.. of the step on ``pdf``; stop at one signed elsewhere (its
    PendingSignature kept on the task) or finish. Transient errors propagate."""
    sign = step_signing(task)
    assert sign is not None
    signing = task_signing(task)
    for position in range(index, len(sign.signatures)):
        kind = sign.signatures[position]
        signer = _signer(kind, task)
        if signer is None:
            message = _("No active signer is configured for the %(kind)s signature.")
            result_signing_fail(
                task_id=task.pk, document_id=document.pk, message=message % {"kind": kind}
            )
            return
        stamp = StampText(name=signer.name, title=signer.title, organisation=signer.organisation)
        arguments: dict[str, Any] = {
            "pdf": pdf,
            "signer": signer,
            "stamp": stamp,
            "reason": REASONS.get(kind, ""),
            "field_name": f"motcua_{kind}",
        }
        try:
            if backend_for(signer).interactive:
                reference = f"result:{task.pk}:{document.pk}:{signing.get('round', 0)}:{position}"
                pending = signing_services.signature_request(**arguments, reference=reference)
                _wait(task_id=task.pk, pending=pending, position=position, signers=signers)
                return
            pdf = signing_services.pdf_sign(**arguments)
        except TRANSIENT:
            raise
        except SigningError as error:
            result_signing_fail(task_id=task.pk, document_id=document.pk, message=str(error))
            return
        signers = [*signers, _meta(signer, kind)]
    result_signing_finish(task_id=task.pk, document_id=document.pk, pdf=pdf, signers=signers)


def _wait(*, task_id: int, pending: PendingSignature, position: int, signers: list) -> None:
    with locked_task(task_id) as task:
        if task is None:
            return
        signing = task_signing(task)
        signing.update(pending=pending.pk, position=position, signers=signers)
        task.data = {**task.data, "signing": signing}
        task.save(update_fields=["data"])


def result_signing_continue(*, task: Task, pending: PendingSignature) -> None:
    """Carry on after a pending signature changed: completed -> the next signatures;
    rejected, expired or failed -> the step stays open with the reason."""
    signing = task_signing(task)
    if signing.get("pending") != pending.pk or signing.get("state") != State.AWAITING:
        return
    document = DossierDocument.objects.get(pk=signing["document"])
    if pending.state in FAILED_PENDING:
        message = pending.error or _("The signature was not made.")
        result_signing_fail(task_id=task.pk, document_id=document.pk, message=message)
        return
    if pending.state != DONE:
        return
    pdf = bytes(pending.result or b"")
    position = int(signing.get("position", 0))
    kind = step_signing(task).signatures[position]  # type: ignore[union-attr]
    signers = [*signing.get("signers", []), _meta(pending.signer, kind)]
    _wait(task_id=task.pk, pending=pending, position=position, signers=signers)
    task.refresh_from_db()
    result_signing_advance(
        task=task, document=document, pdf=pdf, index=position + 1, signers=signers
    )


@periodic("workflows.result_signing_poll", every=timedelta(seconds=20))
def result_signing_poll() -> int:
    """Ask the remote-signing services about the results awaiting the leader's approval, and
    carry on after a signature that came (a USB token's too) when what followed it failed
    for a while (the seal's timestamp authority down); returns how many were looked at."""
    asked = 0
    waiting = Task.objects.select_related("process", "owner").filter(
        status=STATUS.ASSIGNED, data__signing__state=State.AWAITING
    )
    for task in waiting.exclude(data__signing__pending=None):
        pending = PendingSignature.objects.filter(pk=int(task_signing(task)["pending"])).first()
        remote = pending is not None and pending.signer.backend == "remote"
        if pending is None or not (remote or pending.state == PendingSignature.State.COMPLETED):
            continue  # a USB token's signature comes by upload
        asked += 1
        try:
            if remote:
                pending = signing_services.signature_poll(pending=pending)
            result_signing_continue(task=task, pending=pending)
        except TRANSIENT:
            logger.warning("remote signing service unavailable", extra={"task_id": task.pk})
        except SigningError as error:
            document_id = int(task_signing(task)["document"])
            result_signing_fail(task_id=task.pk, document_id=document_id, message=str(error))
    return asked


def result_signing_finish(
    *, task_id: int, document_id: int, pdf: bytes, signers: list[dict]
) -> None:
    """Store the signed PDF as the issued document and complete the step with the outcome
    the leader chose, in one transaction."""
    moved_on = False
    with locked_task(task_id) as task:
        signing = task_signing(task) if task is not None else {}
        if task is None or task.status != STATUS.ASSIGNED or signing.get("document") != document_id:
            return
        document = DossierDocument.objects.select_for_update().get(pk=document_id)
        if document.signature_state != State.AWAITING:
            return
        document_store(document=document, pdf=pdf)
        document.signers = signers
        document.signed_at = timezone.now()
        document.signature_state = State.SIGNED
        document.save()
        task.data = {**task.data, "signing": {**signing, "state": State.SIGNED, "pending": None}}
        task.save(update_fields=["data"])
        dossier_log(
            dossier=document.dossier,
            actor=task.owner,
            action="result_signed",
            step=task.flow_task.step.name,
            comment=f"{document.number}/{document.symbol}",
        )
        try:
            with transaction.atomic():
                engine_complete(
                    task_id=task_id,
                    user=task.owner,
                    outcome=signing["outcome"],
                    comment=signing.get("comment", ""),
                    data=signing.get("form"),
                    _effects=True,
                )
            moved_on = True
        except TaskNotAvailable:
            transaction.set_rollback(True)  # nothing stored: the document still awaits
    if not moved_on:
        message = _("The signed result could not complete the step: it is no longer yours.")
        result_signing_fail(task_id=task_id, document_id=document_id, message=str(message))
        return
    logger.info("result signed", extra={"document_id": document_id, "task_id": task_id})


def result_signing_fail(*, task_id: int, document_id: int, message: str) -> None:
    """Leave the step open with ``message`` (for the leader) and the document failed."""
    with locked_task(task_id) as task:
        document = DossierDocument.objects.select_for_update().get(pk=document_id)
        if document.signature_state == State.SIGNED:
            return
        document.signature_state = State.FAILED
        document.save(update_fields=["signature_state"])
        if task is not None:
            signing = task_signing(task)
            failed = {"state": State.FAILED, "error": str(message), "pending": None}
            task.data = {**task.data, "signing": {**signing, **failed}}
            task.save(update_fields=["data"])
        dossier_log(dossier=document.dossier, actor=None, action="signature_failed")
    logger.warning("result signing failed", extra={"document_id": document_id, "task_id": task_id})


def result_signing_pending(*, task: Task) -> PendingSignature | None:
    """The signature the task's signing waits for, while it waits (None otherwise)."""
    signing = task_signing(task)
    if signing.get("state") != State.AWAITING or not signing.get("pending"):
        return None
    return (
        PendingSignature.objects.select_related("signer")
        .filter(pk=int(signing["pending"]), state=PendingSignature.State.PENDING)
        .first()
    )


def result_signature_upload(*, task_id: int, user: Any, cms: bytes) -> None:
    """The signature made on the leader's PC with their USB token (a CMS over the published
    digest): checked and embedded, then the signing carries on (the seal, the step).
    Raises TaskNotAvailable (not the leader's waiting signature) or SigningError (a CMS that
    does not match: the request stays open for a right one; expired)."""
    task = Task.objects.select_related("process", "owner").filter(pk=task_id).first()
    pending = result_signing_pending(task=task) if task is not None else None
    if task is None or pending is None or task.owner_id != getattr(user, "pk", None):
        raise TaskNotAvailable(f"task {task_id} waits for no signature from this user")
    if pending.signer.backend != "usb":
        raise TaskNotAvailable(f"task {task_id} waits for a signature made elsewhere")
    pending = signing_services.signature_complete(pending=pending, cms=cms)
    result_signing_continue(task=task, pending=pending)
