"""Submitting a dossier (online, at the counter, by post): checked, coded, idempotent.

    submission = dossier_submit(
        version=version, case=case, channel=Dossier.Channel.ONLINE, data=data,
        documents=[SubmittedDocument("request_form", "don.pdf", pdf_bytes)],
        receiving_agency=centre, submission_key=key_from_the_client, applicant=citizen,
    )

One dossier per submission key, however often (or however simultaneously) it is sent; see
docs/adr/0004-dossier-codes-and-submission.md.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from core import outbox
from workflows.engine import process_start
from workflows.errors import NotAReceptionOfficer, SubmissionInvalid
from workflows.models import (
    Agency,
    Dossier,
    DossierAttachment,
    DossierRevision,
    ProcedureCase,
    ProcedureVersion,
    Role,
)
from workflows.selectors.memberships import user_has_role
from workflows.services.attachments import dossier_attachment_add
from workflows.services.processing_log import dossier_log

from .consent import ConsentGiven, dossier_consent_record
from .dossier_codes import dossier_code_issue
from .fees import dossier_fees_create
from .revisions import dossier_revision_add
from .submission_checks import CheckedSubmission, SubmittedDocument, submission_check

__all__ = ["ConsentGiven", "Submission", "SubmittedDocument", "dossier_submit"]

ACKNOWLEDGEMENT_SENDER = "workflows.dossier_document"


@dataclass(frozen=True)
class Submission:
    dossier: Dossier
    created: bool  # False when the same submission key came again (idempotent replay)


def submission_key_hash(*, key: str, submitter: Any, channel: int) -> str:
    """The stored key: the client's key, the submitting account and the channel hashed
    together, so that one client's key never meets another's."""
    text = f"motcua-submission\x00{int(channel)}\x00{submitter.pk}\x00{key}"
    return hashlib.sha256(text.encode()).hexdigest()


def dossier_submit(
    *,
    version: ProcedureVersion,
    case: ProcedureCase,
    channel: Dossier.Channel,
    data: dict[str, Any],
    documents: Sequence[SubmittedDocument],
    receiving_agency: Agency,
    submission_key: str,
    applicant: Any = None,
    by: Any = None,
    competent_agency: Agency | None = None,
    consent: ConsentGiven | None = None,
    notify_channels: list[str] | None = None,
) -> Submission:
    """File a dossier: status new, a code, revision 1, the consent, the process started, the
    log's "submitted" entry and the acknowledgement queued, all in one transaction.

    Online the citizen's account (``applicant``) submits; at the counter or by post an officer
    (``by``) does, the applicant's contact being in the form's personal fields. Raises
    SubmissionInvalid listing every problem, with nothing saved. The same ``submission_key``
    from the same account on the same channel returns the first dossier with
    ``created=False`` and writes nothing, even when its content differs (a retry is the same
    submission; a new submission takes a new key). ``consent`` is required, and kept, when the
    version's form shows a privacy notice; without a notice there is nothing to consent to and
    it is ignored. ``notify_channels`` ("email", "sms") are how the applicant wants to hear
    of the dossier (none: email, when one is known).
    """
    submitter = _submitter(channel, applicant, by)
    if set(notify_channels or ()) - set(Dossier.NotifyChannel.values):
        raise ValueError(f"unknown notification channels {notify_channels!r}")
    if not submission_key.strip():
        raise ValueError("a submission needs a key (the client's, to make retries safe)")
    key = submission_key_hash(key=submission_key, submitter=submitter, channel=channel)
    existing = _dossier_with(key)
    if existing is not None:
        return Submission(existing, created=False)
    if by is not None and not user_has_role(
        by, Role.Standard.RECEPTION, receiving_agency, inherited=True
    ):
        raise NotAReceptionOfficer(
            f"user {by.pk} has no reception role in agency {receiving_agency.code} or above"
        )
    checked, problems = submission_check(
        version=version,
        case=case,
        data=data,
        documents=documents,
        receiving_agency=receiving_agency,
        competent_agency=competent_agency,
        consent=consent,
    )
    if checked is None:
        raise SubmissionInvalid(problems)
    stored: list[DossierAttachment] = []
    try:
        with transaction.atomic():
            dossier = _file(
                version=version,
                case=case,
                channel=channel,
                receiving_agency=receiving_agency,
                applicant=applicant,
                submitter=submitter,
                key=key,
                checked=checked,
                consent=consent,
                stored=stored,
                notify_channels=list(dict.fromkeys(notify_channels or ())),
            )
    except IntegrityError:
        _forget(stored)
        winner = _dossier_with(key)  # the same key, sent at the same moment, won the race
        if winner is None:
            raise
        return Submission(winner, created=False)
    except BaseException:
        _forget(stored)
        raise
    return Submission(dossier, created=True)


def _file(
    *,
    version: ProcedureVersion,
    case: ProcedureCase,
    channel: Dossier.Channel,
    receiving_agency: Agency,
    applicant: Any,
    submitter: Any,
    key: str,
    checked: CheckedSubmission,
    consent: ConsentGiven | None,
    stored: list[DossierAttachment],
    notify_channels: list[str],
) -> Dossier:
    at = timezone.now()
    content: dict[str, Any] = {"personal": checked.personal, "data": checked.data}
    dossier = Dossier(
        version=version,
        case=case,
        receiving_agency=receiving_agency,
        competent_agency=checked.competent_agency,
        applicant=applicant,
        channel=channel,
        status=Dossier.Status.NEW,
        submitted_at=at,
        submission_key=key,
        # the form's "delivery" field (counter/post), when it has one
        result_delivery=_result_delivery(checked.data),
        notify_channels=notify_channels,
        **content,
    )
    dossier.save()
    for document_code, upload in checked.files:
        stored.append(
            dossier_attachment_add(
                dossier=dossier, document_code=document_code, upload=upload, uploaded_by=submitter
            )
        )
    if checked.notice is not None and consent is not None:
        dossier_consent_record(dossier=dossier, notice=checked.notice, consent=consent, at=at)
    dossier_revision_add(dossier=dossier, reason=DossierRevision.Reason.SUBMITTED, actor=submitter)
    dossier_log(
        dossier=dossier, actor=submitter, action="submitted", to_status=dossier.status, at=at
    )
    dossier_fees_create(dossier=dossier)  # before the process: a first step may wait for them
    process_start(dossier=dossier, by=submitter)
    # the code last: its sequence row stays locked until the commit, so the agency's other
    # submitters wait for this one only from here (not while its files are stored)
    dossier.code = dossier_code_issue(agency=receiving_agency, at=at)
    Dossier.objects.filter(pk=dossier.pk).update(code=dossier.code)
    outbox.enqueue(
        kind=ACKNOWLEDGEMENT_SENDER,
        payload={"dossier": dossier.pk, "kind": "acknowledgement"},
        idempotency_key=f"dossier-doc:{dossier.pk}:acknowledgement",
        ordering_key=f"dossier:{dossier.pk}",
    )
    return dossier


def _submitter(channel: int, applicant: Any, by: Any) -> Any:
    """Who submits: the citizen online, the officer at the counter or the post desk."""
    if channel == Dossier.Channel.ONLINE:
        if by is not None or not getattr(applicant, "is_authenticated", False):
            raise ValueError("an online submission comes from the applicant's account alone")
        return applicant
    if channel in (Dossier.Channel.IN_PERSON, Dossier.Channel.POST):
        if not getattr(by, "is_authenticated", False):
            raise ValueError("a submission at the counter or by post is entered by an officer")
        return by
    raise ValueError(f"unknown channel {channel!r}")


def _result_delivery(data: dict[str, Any]) -> str:
    chosen = data.get("delivery")
    if chosen in Dossier.ResultDelivery.values:
        return str(chosen)
    return Dossier.ResultDelivery.COUNTER


def _dossier_with(key: str) -> Dossier | None:
    return Dossier.objects.filter(submission_key=key).first()


def _forget(stored: list[DossierAttachment]) -> None:
    """The files of a submission that was rolled back (their rows went with it)."""
    for attachment in stored:
        attachment.file.delete(save=False)
