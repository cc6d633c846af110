"""The SOAP operations: thin interfaces over the workflow layer's selectors and services.

Each operation first asks ``caller(ctx, name)`` for the authenticated client (put in the
request's environ by api.soap.views) and whether it may call the operation.
"""

import hashlib
import json
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from spyne import Array, ByteArray, Fault, ServiceBase, Unicode, rpc

from api.models import SoapClient
from workflows.errors import SubmissionInvalid
from workflows.models import Agency, Dossier, DossierDocument, ProcedureVersion
from workflows.selectors.catalogue import catalogue_search
from workflows.selectors.issued_documents import documents_issued
from workflows.selectors.public_status import public_status
from workflows.selectors.verification import document_verify
from workflows.services.submission import ConsentGiven, SubmittedDocument, dossier_submit

from . import types
from .faults import client_fault

CLIENT_ENV_KEY = "motcua.soap_client"
OPERATIONS = (
    "ListProcedures",
    "GetDossierStatus",
    "SubmitDossier",
    "GetResultDocument",
    "VerifyDocument",
)


def caller(ctx: Any, operation: str) -> SoapClient:
    client: SoapClient = ctx.transport.req_env[CLIENT_ENV_KEY]
    if operation not in (client.operations or []):
        raise client_fault("NotAllowed", _("This client may not call %(op)s.") % {"op": operation})
    return client


class MotcuaService(ServiceBase):
    @rpc(Unicode(max_len=200), _returns=Array(types.Procedure))
    def ListProcedures(ctx: Any, query: str | None) -> list[types.Procedure]:
        """The published catalogue (every word of ``query`` in a name, code or field)."""
        caller(ctx, "ListProcedures")
        return [
            types.Procedure(
                code=entry.code,
                name=entry.name,
                field=entry.field,
                online_level=entry.online_level,
                version_id=version.id,
                case_code=version.case_code,
                deadline_amount=version.deadline_amount,
                deadline_unit=version.deadline_unit,
                fee_amount=version.fee_amount,
            )
            for entry, version in catalogue_search(query=query or "")
        ]

    @rpc(Unicode(min_occurs=1, max_len=60), _returns=types.DossierStatus)
    def GetDossierStatus(ctx: Any, code: str) -> types.DossierStatus:
        """What the public tracking page shows of a dossier: nothing personal."""
        caller(ctx, "GetDossierStatus")
        found = public_status(code or "")
        if found is None:
            raise client_fault("NotFound", _("There is no dossier with this code."))
        return types.DossierStatus(
            code=found.code,
            procedure_code=found.procedure_code,
            procedure_name=found.procedure_name,
            status=found.status,
            status_label=found.status_label,
            submitted_at=found.submitted_at,
            received_at=found.received_at,
            appointment_date=found.appointment_date,
            finished_at=found.finished_at,
            returned_at=found.returned_at,
            timeline=[
                types.TimelineEntry(
                    kind=item.kind,
                    label=str(item.label),
                    at=item.at,
                    until=item.until,
                    due_at=item.due_at,
                )
                for item in found.timeline
            ],
        )

    @rpc(types.Submission, _returns=types.SubmissionResult)
    def SubmitDossier(ctx: Any, submission: types.Submission) -> types.SubmissionResult:
        """File a dossier on behalf of the calling agency (online, by its service account),
        idempotent by ``request_key``; the problems of an invalid one in a Client.Invalid
        fault."""
        client = caller(ctx, "SubmitDossier")
        if submission is None:
            raise client_fault("Invalid", _("Send a submission."))
        return submit(client, submission)

    @rpc(Unicode(min_occurs=1, max_len=60), _returns=types.ResultDocument)
    def GetResultDocument(ctx: Any, code: str) -> types.ResultDocument:
        """The issued result (PDF) of a dossier the calling agency submitted or decides."""
        client = caller(ctx, "GetResultDocument")
        return result_document(client, code or "")

    @rpc(ByteArray(min_occurs=1), _returns=types.Verification)
    def VerifyDocument(ctx: Any, content: list[bytes]) -> types.Verification:
        """Is this PDF a document this system issued, signed and unchanged?"""
        caller(ctx, "VerifyDocument")
        return verification(b"".join(content or []))


def submit(client: SoapClient, submission: types.Submission) -> types.SubmissionResult:
    if not (submission.request_key or "").strip():
        raise client_fault("Invalid", _("Send a request_key (a UUID) for this submission."))
    try:
        data = json.loads(submission.data_json or "")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise client_fault("Invalid", _("data_json is not a JSON object."))
    version = (
        ProcedureVersion.objects.exclude(status=ProcedureVersion.Status.DRAFT)
        .select_related("agency", "procedure")
        .filter(pk=submission.version_id)
        .first()
    )
    if version is None:
        raise client_fault("Invalid", _("There is no published procedure version with this id."))
    case = version.cases.filter(code=submission.case_code).first()
    if case is None:
        raise client_fault("Invalid", _("This procedure version has no case with this code."))
    agency = _receiving_agency(submission.receiving_agency, version)
    consent = submission.consent
    try:
        result = dossier_submit(
            version=version,
            case=case,
            channel=Dossier.Channel.ONLINE,
            data=data,
            documents=[
                SubmittedDocument(item.document_code, item.filename, b"".join(item.content or []))
                for item in submission.attachments or []
            ],
            receiving_agency=agency,
            submission_key=submission.request_key,
            applicant=client.account,
            consent=ConsentGiven(
                full_name=consent.full_name or "",
                relationship=consent.relationship or "",
                notice_version=consent.notice_version or "",
            )
            if consent is not None
            else None,
        )
    except SubmissionInvalid as exc:
        raise invalid_fault(exc) from None
    dossier = result.dossier
    return types.SubmissionResult(
        code=dossier.code,
        tracking_secret=dossier.tracking_secret,
        status=dossier.status,
        status_label=str(dossier.get_status_display()),
        submitted_at=dossier.submitted_at,
        created=result.created,
    )


def _receiving_agency(code: str | None, version: ProcedureVersion) -> Agency:
    if code:
        agency = Agency.objects.filter(code=code).first()
        if agency is None:
            raise client_fault("Invalid", _("There is no agency with this code."))
        return agency
    if version.agency is None:
        raise client_fault("Invalid", _("Choose the agency that receives the dossier."))
    return version.agency


def invalid_fault(exc: SubmissionInvalid) -> Fault:
    """Every problem of a refused submission, one line each: ``path: message``."""
    lines = [f"{path}: {message}" for path, messages in exc.errors.items() for message in messages]
    return client_fault("Invalid", "\n".join(lines), detail=exc.errors)


def result_document(client: SoapClient, code: str) -> types.ResultDocument:
    mine = Q(applicant__soap_client__agency=client.agency) | Q(competent_agency=client.agency)
    dossier = Dossier.objects.filter(mine, code=code.strip()).first()
    if dossier is None:  # not there, or not this agency's: the same answer
        raise client_fault("NotFound", _("There is no dossier with this code."))
    document = (
        documents_issued(dossier).filter(kind=DossierDocument.Kind.RESULT).order_by("-pk").first()
    )
    if document is None:
        raise client_fault("NotReady", _("The dossier has no issued result yet."))
    with document.file.open("rb") as handle:
        content = handle.read()
    return types.ResultDocument(
        code=dossier.code,
        kind=document.kind,
        number=document.number,
        symbol=document.symbol,
        filename=f"{dossier.code}-{document.kind}.pdf",
        sha256=hashlib.sha256(content).hexdigest(),
        signed_at=document.signed_at,
        content=[content],
    )


def verification(pdf: bytes) -> types.Verification:
    result = document_verify(pdf=pdf)
    issued = result.document
    return types.Verification(
        valid=result.valid,
        signatures_valid=result.signatures_valid,
        issued_here=result.issued_here,
        sha256=result.sha256,
        problems=[str(problem) for problem in result.problems],
        signatures=[
            types.Signer(
                name=s.signer_name,
                organisation=s.organisation,
                signed_at=s.signed_at,
                valid=s.valid,
            )
            for s in result.signatures
        ],
        kind=issued.kind if issued else None,
        number=issued.number if issued else None,
        symbol=issued.symbol if issued else None,
        agency=issued.agency if issued else None,
        signed_at=issued.signed_at if issued else None,
    )
