"""Submitting a dossier (authenticated, idempotent by the Idempotency-Key header) and the
public status of a dossier by its code (no authentication, rate-limited per client IP)."""

from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Status

from api.auth import AUTH
from api.errors import PayloadInvalid
from api.payloads import FILE_PREFIX, read_documents, read_payload
from api.ratelimits import rate_limit
from api.schemas import (
    ErrorOut,
    PublicStatusOut,
    SubmissionIn,
    SubmissionOut,
    ValidationErrorOut,
)
from workflows.models import Agency, Dossier, ProcedureVersion
from workflows.selectors.public_status import public_status
from workflows.services.submission import ConsentGiven, dossier_submit

router = Router(tags=["dossiers"])

MAX_KEY_LENGTH = 200
IDEMPOTENCY_HEADER = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": True,
    "description": "The client's key for this submission (a UUID): the same key sent again, "
    "however often or at once, answers the same dossier (200 instead of 201).",
    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH},
}


def multipart_body(payload_schema: str, purpose: str) -> dict[str, Any]:
    """The OpenAPI request body of a write with files (the operation reads it itself)."""
    ref = {"$ref": f"#/components/schemas/{payload_schema}"}
    return {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["payload"],
                    "properties": {
                        "payload": {
                            "type": "string",
                            "description": f"JSON: {payload_schema} ({purpose}).",
                        }
                    },
                    "additionalProperties": {
                        "type": "string",
                        "format": "binary",
                        "description": f"A file, in a part named {FILE_PREFIX}<document code>.",
                    },
                },
                "encoding": {"payload": {"contentType": "application/json"}},
            },
            "application/json": {"schema": ref},
        },
    }


def submission_out(request: HttpRequest, dossier: Dossier, created: bool) -> dict[str, Any]:
    code = str(dossier.code)
    return {
        "code": code,
        "tracking_secret": dossier.tracking_secret,
        "status": dossier.status,
        "status_label": dossier.get_status_display(),
        "submitted_at": dossier.submitted_at,
        "created": created,
        "status_url": request.build_absolute_uri(reverse("api:dossier-status", args=[code])),
        "dossier_url": request.build_absolute_uri(reverse("api:my-dossier", args=[code])),
    }


def _idempotency_key(request: HttpRequest) -> str:
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise PayloadInvalid(
            {
                "Idempotency-Key": [
                    _("Send an Idempotency-Key header (a UUID) of at most 200 characters.")
                ]
            }
        )
    return key


def _receiving_agency(code: str | None, version: ProcedureVersion) -> Agency:
    if code:
        agency = Agency.objects.filter(code=code).first()
        if agency is None:
            raise PayloadInvalid({"receiving_agency": [_("There is no agency with this code.")]})
        return agency
    if version.agency is None:
        raise PayloadInvalid(
            {"receiving_agency": [_("Choose the agency that receives the dossier.")]}
        )
    return version.agency


@router.post(
    "/dossiers",
    auth=AUTH,
    response={
        200: SubmissionOut,
        201: SubmissionOut,
        401: ErrorOut,
        404: ErrorOut,
        422: ValidationErrorOut,
        429: ErrorOut,
        503: ErrorOut,
    },
    summary="Submit a dossier",
    url_name="dossier-submit",
    openapi_extra={
        "parameters": [IDEMPOTENCY_HEADER],
        "requestBody": multipart_body("SubmissionIn", "the version, case, agency, data, consent"),
    },
)
def submit(request: HttpRequest) -> Status[dict[str, Any]]:
    """File a dossier online as the signed-in applicant: checked against the version's form
    and the case's documents exactly as on the site (every problem at once, 422), a code,
    status 1 (new), the acknowledgement issued. 404: no published version with that id."""
    key = _idempotency_key(request)
    rate_limit(request, "api.write", key="user", setting="MOTCUA_API_WRITE_RATE")
    payload = read_payload(request, SubmissionIn)
    documents = read_documents(request)
    version = (
        ProcedureVersion.objects.exclude(status=ProcedureVersion.Status.DRAFT)
        .select_related("agency", "procedure")
        .filter(pk=payload.version)
        .first()
    )
    if version is None:
        raise Http404
    case = version.cases.filter(code=payload.case).first()
    if case is None:
        raise PayloadInvalid({"case": [_("This procedure version has no case with this code.")]})
    consent = (
        ConsentGiven(
            full_name=payload.consent.full_name,
            relationship=payload.consent.relationship,
            notice_version=payload.consent.notice_version,
        )
        if payload.consent is not None
        else None
    )
    submission = dossier_submit(
        version=version,
        case=case,
        channel=Dossier.Channel.ONLINE,
        data=payload.data,
        documents=documents,
        receiving_agency=_receiving_agency(payload.receiving_agency, version),
        submission_key=key,
        applicant=request.user,
        consent=consent,
    )
    status = 201 if submission.created else 200
    return Status(status, submission_out(request, submission.dossier, submission.created))


@router.get(
    "/dossiers/{code}/status",
    response={200: PublicStatusOut, 404: ErrorOut, 429: ErrorOut},
    summary="The public status of a dossier",
    url_name="dossier-status",
)
def status(request: HttpRequest, code: str) -> JsonResponse:
    """What the public tracking page shows: the procedure, the status, the dates and the
    timeline of steps; nothing personal. Rate-limited per client IP (429, Retry-After)."""
    rate_limit(request, "api.status", key="ip", setting="MOTCUA_API_STATUS_RATE")
    found = public_status(code)
    if found is None:
        raise Http404
    # the hot path: the selector's JSON as it is (PublicStatusOut documents it; validating the
    # answer again through pydantic would double the time of the operation)
    return JsonResponse(found.as_json(), json_dumps_params={"ensure_ascii": False})
