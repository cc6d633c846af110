"""Verifying a signed document (no authentication, rate-limited per client IP): upload the
PDF, or give the token of the QR code printed on it. The answer is the verdict with its
reasons and the document's metadata, never its content (the same as the /verify/ page)."""

from dataclasses import asdict
from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from api.errors import PayloadInvalid
from api.ratelimits import rate_limit
from api.schemas import ErrorOut, ValidationErrorOut
from workflows.selectors.verification import (
    PDF_HEADER_WINDOW,
    DocumentVerification,
    document_verify,
    document_verify_token,
    upload_problem,
)

router = Router(tags=["verification"])
PART = "document"


class SignatureOut(Schema):
    signer_name: str
    organisation: str
    signed_at: datetime | None = Field(description="The time the signer's software claims.")
    timestamp_at: datetime | None = Field(description="The time of a valid timestamp, if any.")
    intact: bool
    trusted: bool
    coverage: str = Field(description="ENTIRE_FILE for the last signature of a valid file.")
    valid: bool
    problems: list[str]


class SignerOut(Schema):
    name: str
    title: str
    organisation: str
    at: str = Field(description="When the signature was made (ISO 8601).")
    kind: str = Field(description="personal (the leader) or agency (the seal).")


class IssuedDocumentOut(Schema):
    kind: str
    kind_label: str
    number: int | None
    symbol: str
    agency: str
    governing_body: str
    issued_at: datetime
    signed_at: datetime | None
    signers: list[SignerOut]
    token: str = Field(description="The token of GET /verify/{token} (the QR code's).")


class VerificationOut(Schema):
    valid: bool = Field(description="Signatures valid and a document this system issued.")
    signatures_valid: bool
    issued_here: bool = Field(description="The file's SHA-256 is that of a document on record.")
    sha256: str
    problems: list[str] = Field(description="Why it is not valid, in the request's language.")
    signatures: list[SignatureOut]
    document: IssuedDocumentOut | None


def verification_out(result: DocumentVerification) -> dict[str, Any]:
    signatures = [
        {
            "signer_name": s.signer_name,
            "organisation": s.organisation,
            "signed_at": s.signed_at,
            "timestamp_at": s.timestamp_at,
            "intact": s.intact,
            "trusted": s.trusted,
            "coverage": s.coverage,
            "valid": s.valid,
            "problems": [str(problem) for problem in s.problems],
        }
        for s in result.signatures
    ]
    document = asdict(result.document) if result.document is not None else None
    return {
        "valid": result.valid,
        "signatures_valid": result.signatures_valid,
        "issued_here": result.issued_here,
        "sha256": result.sha256,
        "problems": result.problems,
        "signatures": signatures,
        "document": document,
    }


UPLOAD_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": [PART],
                "properties": {
                    PART: {"type": "string", "format": "binary", "description": "The PDF."}
                },
            }
        }
    },
}


@router.post(
    "/verify",
    response={200: VerificationOut, 422: ValidationErrorOut, 429: ErrorOut},
    summary="Verify a signed PDF",
    url_name="verify-upload",
    openapi_extra={"requestBody": UPLOAD_BODY},
)
def verify_upload(request: HttpRequest) -> dict[str, Any]:
    """The verdict on the PDF sent in the multipart part ``document``: 422 when there is none,
    it is too large (MOTCUA_VERIFY_MAX_BYTES) or not a PDF. A file that is a PDF but not valid
    (changed, not ours, untrusted) is a 200 with ``valid: false`` and the reasons."""
    rate_limit(request, "api.verify", key="ip", setting="MOTCUA_VERIFY_RATE_IP")
    upload = request.FILES.get(PART)
    if upload is None:
        raise PayloadInvalid({PART: [_("Send the PDF in a multipart part named document.")]})
    head = upload.read(PDF_HEADER_WINDOW)
    problem = upload_problem(size=upload.size or 0, head=head)
    if problem:
        raise PayloadInvalid({PART: [problem]})
    upload.seek(0)
    return verification_out(document_verify(pdf=upload.read()))


@router.get(
    "/verify/{token}",
    response={200: VerificationOut, 404: ErrorOut, 429: ErrorOut},
    summary="Verify the document of a QR code",
    url_name="verify-token",
)
def verify_token(request: HttpRequest, token: str) -> dict[str, Any]:
    """The verdict on the stored document the token (from /verify/<token>/, the QR code
    printed on it) names; 404 when the token is not one of ours."""
    rate_limit(request, "api.verify", key="ip", setting="MOTCUA_VERIFY_RATE_IP")
    result = document_verify_token(token=token)
    if result is None:
        raise Http404
    return verification_out(result)
