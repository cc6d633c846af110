"""Is this PDF a document this system issued, signed and unchanged?

``document_verify`` combines the signatures' verdict (``signing.verification.pdf_verify``:
intact, trusted, the last signature covering the whole file) with the record: a document of
a dossier whose SHA-256 (of the signed bytes) is on file and signed. The answer carries the
document's metadata (kind, number and symbol, agency, dates, signers): never its content nor
anything about the applicant. The page, the JSON API and the SOAP operation all answer
from here.

The QR code printed on a result leads to ``/verify/<token>/``: the token is an HMAC of the
document's id with SECRET_KEY (``verification_token``), checked without a table. It cannot
be the document's hash: the QR code is inside the signed bytes, whose hash is known only
after signing.
"""

import hmac
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from signing.verification import pdf_verify
from workflows.models import DossierDocument

TOKEN_SALT = "motcua.verify.document"  # noqa: S105  (an HMAC salt, not a secret)
TOKEN_MAC_LENGTH = 20  # hex characters: 80 bits


@dataclass(frozen=True)
class IssuedDocument:
    """What the public may know of an issued document."""

    kind: str
    kind_label: str
    number: int | None
    symbol: str
    agency: str
    governing_body: str
    issued_at: datetime
    signed_at: datetime | None
    signers: list[dict[str, Any]]
    token: str


@dataclass(frozen=True)
class DocumentVerification:
    valid: bool  # signatures valid AND a document this system issued
    signatures_valid: bool
    issued_here: bool
    sha256: str
    problems: list[str] = field(default_factory=list)
    signatures: list[Any] = field(default_factory=list)  # signing's SignatureReport rows
    document: IssuedDocument | None = None


def _mac(document_id: int, secret: str | bytes) -> str:
    value = salted_hmac(TOKEN_SALT, str(document_id), secret=secret, algorithm="sha256")
    return value.hexdigest()[:TOKEN_MAC_LENGTH]


def verification_token(document_id: int) -> str:
    """The token of the verification page's address printed (as a QR code) on a document."""
    return f"{document_id}-{_mac(document_id, settings.SECRET_KEY)}"


def verification_token_document_id(token: str) -> int | None:
    """The document id a token stands for, or None when the token is not one we made (a
    rotated SECRET_KEY still verifies through SECRET_KEY_FALLBACKS)."""
    head, _sep, mac = token.partition("-")
    if not head.isdigit() or len(head) > 12 or len(mac) != TOKEN_MAC_LENGTH:
        return None
    document_id = int(head)
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    if any(hmac.compare_digest(mac, _mac(document_id, secret)) for secret in secrets):
        return document_id
    return None


def _issued(document: DossierDocument) -> IssuedDocument:
    agency = document.dossier.competent_agency or document.dossier.receiving_agency
    parent = agency.parent
    return IssuedDocument(
        kind=document.kind,
        kind_label=str(document.get_kind_display()),
        number=document.number,
        symbol=document.symbol,
        agency=agency.name,
        governing_body=parent.name if parent is not None else "",
        issued_at=document.created_at,
        signed_at=document.signed_at,
        signers=[
            {key: signer.get(key, "") for key in ("name", "title", "organisation", "at", "kind")}
            for signer in document.signers or []
        ],
        token=verification_token(document.pk),
    )


def _documents() -> Any:
    return DossierDocument.objects.select_related(
        "dossier__competent_agency__parent", "dossier__receiving_agency__parent"
    ).filter(signature_state=DossierDocument.SignatureState.SIGNED)


def document_verify(*, pdf: bytes) -> DocumentVerification:
    """The verdict on ``pdf`` (bytes of any kind: something that is not a PDF is invalid,
    with the reason)."""
    report = pdf_verify(pdf)
    document = _documents().filter(sha256=report.sha256).order_by("-pk").first()
    problems = [str(problem) for problem in report.problems]
    if document is None:
        problems.append(_("This file is not a document issued by this system (no record of it)."))
    return DocumentVerification(
        valid=bool(report.valid) and document is not None,
        signatures_valid=bool(report.valid),
        issued_here=document is not None,
        sha256=report.sha256,
        problems=problems,
        signatures=list(report.signatures),
        document=_issued(document) if document is not None else None,
    )


def document_verify_token(*, token: str) -> DocumentVerification | None:
    """The verdict on the stored file of the document a QR code's token names; None when the
    token is not ours or names no signed document."""
    document_id = verification_token_document_id(token)
    if document_id is None:
        return None
    document = _documents().filter(pk=document_id).first()
    if document is None:
        return None
    with document.file.open("rb") as handle:
        data = handle.read()
    return document_verify(pdf=data)


PDF_MAGIC = b"%PDF-"
PDF_HEADER_WINDOW = 1024  # a PDF's header may follow up to 1 KiB of junk (ISO 32000, H.3)


def upload_problem(*, size: int, head: bytes) -> str | None:
    """Why an uploaded file cannot be verified (too large, not a PDF), for the user; None
    when it may be. ``head`` is the file's first bytes (at least 1 KiB when it has them)."""
    limit = int(settings.MOTCUA_VERIFY_MAX_BYTES)
    if size > limit:
        return _("The file is too large to verify (at most %(limit)s MB).") % {
            "limit": round(limit / (1024 * 1024), 1)
        }
    if size == 0 or PDF_MAGIC not in head[:PDF_HEADER_WINDOW]:
        return _("The file is not a PDF document.")
    return None
