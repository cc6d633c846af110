"""Verifying a signed PDF: every signature intact and trusted, the last one covering the
whole file, earlier revisions changed by nothing but signatures and validation data.

A certificate is judged at the time of the signature's timestamp when there is a valid
one (so a certificate that expired after a timestamped signature still verifies), else
now. A certificate expired (or not yet valid) at that time fails.
"""

import hashlib
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from asn1crypto import x509 as asn1_x509
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from signing.trust import trust_roots as configured_trust_roots

ENTIRE_FILE = SignatureCoverageLevel.ENTIRE_FILE.name
ENTIRE_REVISION = SignatureCoverageLevel.ENTIRE_REVISION.name
LTA_UPDATES = ModificationLevel.LTA_UPDATES.name


@dataclass
class SignatureReport:
    field_name: str
    signer_name: str
    organisation: str
    signed_at: datetime | None  # what the signer's software claims
    timestamp_at: datetime | None  # from a valid timestamp token
    intact: bool
    trusted: bool
    coverage: str  # ENTIRE_FILE, ENTIRE_REVISION, ...
    modification_level: str  # NONE, LTA_UPDATES, FORM_FILLING, ANNOTATIONS, OTHER
    docmdp_ok: bool
    problems: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems


@dataclass
class VerificationReport:
    sha256: str
    signatures: list[SignatureReport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return bool(self.signatures) and not self.problems


def _subject(cert: asn1_x509.Certificate, key: str) -> str:
    return str(cert.subject.native.get(key, "") or "")


def _context(roots: list[asn1_x509.Certificate], moment: datetime | None = None) -> Any:
    return ValidationContext(
        trust_roots=roots,
        allow_fetching=False,
        moment=moment,
        best_signature_time=moment,
        revocation_mode="soft-fail",
    )


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "d/m/Y H:i")


def _validity(cert: asn1_x509.Certificate) -> tuple[datetime, datetime]:
    validity = cert["tbs_certificate"]["validity"]
    return validity["not_before"].native, validity["not_after"].native


def _timestamp(status: PdfSignatureStatus) -> datetime | None:
    ts: Any = status.timestamp_validity
    if ts is not None and ts.intact and ts.valid and ts.trusted:
        moment: datetime = ts.timestamp
        return moment
    return None


def _signature_report(
    signature: EmbeddedPdfSignature, number: int, roots: list[asn1_x509.Certificate]
) -> SignatureReport:
    status = validate_pdf_signature(
        signature, signer_validation_context=_context(roots), ts_validation_context=_context(roots)
    )
    cert = status.signing_cert
    stamped_at = _timestamp(status)
    trusted = status.intact and status.valid and status.trusted
    if status.intact and status.valid and not trusted and stamped_at is not None:
        # judged at the timestamp's time (the certificate may have expired since)
        status_then = validate_pdf_signature(
            signature,
            signer_validation_context=_context(roots, stamped_at),
            ts_validation_context=_context(roots),
        )
        trusted = status_then.trusted
    report = SignatureReport(
        field_name=signature.field_name,
        signer_name=_subject(cert, "common_name"),
        organisation=_subject(cert, "organization_name"),
        signed_at=status.signer_reported_dt,
        timestamp_at=stamped_at,
        intact=status.intact and status.valid,
        trusted=trusted,
        coverage=status.coverage.name if status.coverage else "",
        modification_level=status.modification_level.name if status.modification_level else "",
        docmdp_ok=bool(status.docmdp_ok),
    )
    label = _("Signature %(number)d (%(name)s)") % {"number": number, "name": report.signer_name}
    if not report.intact:
        report.problems.append(
            _("%(signature)s: the document was changed after it was signed.") % {"signature": label}
        )
        return report
    if not trusted:
        report.problems.append(_certificate_problem(label, cert, stamped_at, status))
    return report


def _certificate_problem(
    label: str, cert: asn1_x509.Certificate, stamped_at: datetime | None, status: Any
) -> str:
    moment = stamped_at or status.signer_reported_dt or datetime.now(UTC)
    not_before, not_after = _validity(cert)
    if moment > not_after:
        return _(
            "%(signature)s: the signer's certificate had expired (on %(date)s) when the "
            "document was signed."
        ) % {"signature": label, "date": _when(not_after)}
    if moment < not_before:
        return _(
            "%(signature)s: the signer's certificate was not yet valid when it was signed."
        ) % {"signature": label}
    if stamped_at is None and datetime.now(UTC) > not_after:
        return _(
            "%(signature)s: the signer's certificate has expired and the signature has no "
            "timestamp proving it was made before."
        ) % {"signature": label}
    return _(
        "%(signature)s: the signer's certificate is not issued by a trusted certification "
        "authority."
    ) % {"signature": label}


def _last_covers_file(data: bytes, last: SignatureReport) -> bool:
    """The last signature covers the whole file, or its revision plus later revisions that
    only add validation data (B-LT's DSS), and nothing follows the last revision's end."""
    if last.coverage == ENTIRE_FILE:
        return True
    if last.coverage != ENTIRE_REVISION or last.modification_level != LTA_UPDATES:
        return False
    end = data.rfind(b"%%EOF")
    return end >= 0 and not data[end + 5 :].strip()


def _revision_problems(data: bytes, reports: list[SignatureReport]) -> list[str]:
    problems: list[str] = []
    if reports and not _last_covers_file(data, reports[-1]):
        problems.append(
            _("Data was added to the file after the last signature; it is not the signed document.")
        )
    allowed = {
        ModificationLevel.NONE.name,
        ModificationLevel.LTA_UPDATES.name,
        ModificationLevel.FORM_FILLING.name,
    }
    for number, report in enumerate(reports[:-1], start=1):
        if report.intact and (report.modification_level not in allowed or not report.docmdp_ok):
            problems.append(
                _(
                    "The document was changed after signature %(number)d (%(name)s) by more "
                    "than adding signatures."
                )
                % {"number": number, "name": report.signer_name}
            )
    return problems


def pdf_verify(
    data: bytes, *, trust_roots: list[asn1_x509.Certificate] | None = None
) -> VerificationReport:
    """Verify every signature of ``data`` against ``trust_roots`` (default: the configured
    roots, plus the development root when the development CA is on)."""
    report = VerificationReport(sha256=hashlib.sha256(data).hexdigest())
    roots = configured_trust_roots() if trust_roots is None else list(trust_roots)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError):
        report.problems.append(_("The file is not a PDF that can be read."))
        return report
    if not signatures:
        report.problems.append(_("The document has no digital signature."))
        return report
    for number, signature in enumerate(signatures, start=1):
        try:
            signature_report = _signature_report(signature, number, roots)
        except (PdfError, ValueError, KeyError, TypeError):
            report.problems.append(_("Signature %(number)d cannot be read.") % {"number": number})
            continue
        report.signatures.append(signature_report)
        report.problems.extend(signature_report.problems)
    report.problems.extend(_revision_problems(data, report.signatures))
    return report
