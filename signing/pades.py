"""PAdES signatures with pyHanko: B-T (B-LT with MOTCUA_SIGNING_LT), a visible stamp,
incremental updates so that an earlier signature stays valid.

Server-side keys sign at once (pdf_sign); for keys elsewhere the document is prepared
with a placeholder (pdf_prepare) and the CMS is put in later (pdf_finish).
"""

import asyncio
import hashlib
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError as PyHankoSigningError
from pyhanko.sign.signers.pdf_byterange import PreparedByteRangeDigest
from pyhanko.sign.signers.pdf_signer import PdfTBSDocument
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from signing.errors import (
    CertificateNotValid,
    DocumentNotSignable,
    SigningError,
    TimestampUnavailable,
)
from signing.stamp import StampText, stamp_style
from signing.trust import dev_ca, timestamper, trust_roots

DIGEST = "sha256"
Box = tuple[int, int, int, int]
STAMP_WIDTH, STAMP_HEIGHT, MARGIN = 180, 56, 36


def _writer(pdf: bytes) -> IncrementalPdfFileWriter:
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        writer.root["/Pages"]
    except (PdfError, KeyError, ValueError, TypeError) as exc:
        raise DocumentNotSignable() from exc
    return writer


def _default_box(writer: IncrementalPdfFileWriter) -> Box:
    """Bottom of the last page, right to left, one slot per signature already there."""
    count = sum(1 for _ in fields.enumerate_sig_fields(writer.prev))
    last = writer.find_page_for_modification(-1)[0].get_object()
    media = [float(v) for v in last.get("/MediaBox", [0, 0, 595, 842])]
    width = media[2] - media[0]
    column, row = count % 2, count // 2
    right = int(width - MARGIN - column * (STAMP_WIDTH + 10))
    bottom = MARGIN + row * (STAMP_HEIGHT + 10)
    return (right - STAMP_WIDTH, bottom, right, bottom + STAMP_HEIGHT)


def certificate_check(cert: asn1_x509.Certificate, *, at: datetime | None = None) -> None:
    """Refuse a certificate that is not valid at ``at`` (now): a signature made with it
    would never verify."""
    moment = at or datetime.now(UTC)
    validity = cert["tbs_certificate"]["validity"]
    if not validity["not_before"].native <= moment <= validity["not_after"].native:
        raise CertificateNotValid()


def _metadata(*, field_name: str, reason: str, name: str, lt: bool) -> signers.PdfSignatureMetadata:
    return signers.PdfSignatureMetadata(
        field_name=field_name,
        reason=reason,
        name=name,
        md_algorithm=DIGEST,
        subfilter=fields.SigSeedSubFilter.PADES,
        embed_validation_info=lt,
        validation_context=(
            ValidationContext(trust_roots=trust_roots(), allow_fetching=dev_ca() is None)
            if lt
            else None
        ),
    )


def _pdf_signer(
    *,
    signer: signers.Signer,
    stamp: StampText,
    reason: str,
    field_name: str,
    box: Box,
    stamper: TimeStamper | None,
    lt: bool = False,
) -> signers.PdfSigner:
    return signers.PdfSigner(
        _metadata(field_name=field_name, reason=reason, name=stamp.name, lt=lt),
        signer,
        timestamper=stamper,
        stamp_style=stamp_style(stamp),
        new_field_spec=fields.SigFieldSpec(field_name, box=box, on_page=-1),
    )


def _translate(exc: Exception) -> SigningError:
    if isinstance(exc, TimestampRequestError):
        return TimestampUnavailable()
    if isinstance(exc, SigningError):
        return exc
    if isinstance(exc, PyHankoSigningError | PdfError):
        return SigningError(_("The document could not be signed: %(reason)s") % {"reason": exc})
    return SigningError()


def pdf_sign_with(
    *,
    pdf: bytes,
    signer: signers.Signer,
    stamp: StampText,
    reason: str,
    field_name: str,
    timestamp: bool = True,
    box: Box | None = None,
    bytes_reserved: int | None = None,
) -> bytes:
    """Sign ``pdf`` with a pyHanko signer (a server-side key)."""
    certificate_check(signer.signing_cert)
    writer = _writer(pdf)
    stamper = timestamper() if timestamp else None
    pdf_signer = _pdf_signer(
        signer=signer,
        stamp=stamp,
        reason=reason,
        field_name=field_name,
        box=box or _default_box(writer),
        stamper=stamper,
        lt=bool(settings.MOTCUA_SIGNING_LT) and stamper is not None,
    )
    output = io.BytesIO()
    try:
        pdf_signer.sign_pdf(writer, output=output, bytes_reserved=bytes_reserved)
    except (PyHankoSigningError, PdfError, TimestampRequestError, SigningError) as exc:
        raise _translate(exc) from exc
    return output.getvalue()


@dataclass(frozen=True)
class Prepared:
    """A document with an empty signature, waiting for the CMS."""

    pdf: bytes
    document_digest: bytes
    reserved_start: int
    reserved_end: int
    signed_attributes: bytes  # DER of the CMS signed attributes (for a raw signature)

    @property
    def attributes_digest(self) -> bytes:
        return hashlib.sha256(self.signed_attributes).digest()


def pdf_prepare(
    *,
    pdf: bytes,
    cert: asn1_x509.Certificate,
    chain: list[asn1_x509.Certificate],
    stamp: StampText,
    reason: str,
    field_name: str,
    box: Box | None = None,
    bytes_reserved: int = 65536,
) -> Prepared:
    """Write the signature field, the stamp and a placeholder; compute the digests."""
    certificate_check(cert)
    writer = _writer(pdf)
    external = signers.ExternalSigner(
        signing_cert=cert,
        cert_registry=SimpleCertificateStore.from_certs(chain),
        signature_value=512,
    )
    pdf_signer = _pdf_signer(
        signer=external,
        stamp=stamp,
        reason=reason,
        field_name=field_name,
        box=box or _default_box(writer),
        stamper=None,
    )
    try:
        digest, attributes, output = asyncio.run(
            _digest(pdf_signer, external, writer, bytes_reserved)
        )
    except (PyHankoSigningError, PdfError) as exc:
        raise _translate(exc) from exc
    output.seek(0)
    return Prepared(
        pdf=output.read(),
        document_digest=digest.document_digest,
        reserved_start=digest.reserved_region_start,
        reserved_end=digest.reserved_region_end,
        signed_attributes=attributes.dump(),
    )


async def _digest(
    pdf_signer: signers.PdfSigner,
    external: signers.ExternalSigner,
    writer: IncrementalPdfFileWriter,
    bytes_reserved: int,
) -> tuple[PreparedByteRangeDigest, cms.CMSAttributes, IO[bytes]]:
    digest, _tbs, output = await pdf_signer.async_digest_doc_for_signing(
        writer, bytes_reserved=bytes_reserved
    )
    attributes = await external.signed_attrs(digest.document_digest, DIGEST, use_pades=True)
    return digest, attributes, output


def cms_from_raw(
    *,
    cert: asn1_x509.Certificate,
    chain: list[asn1_x509.Certificate],
    signed_attributes: bytes,
    signature: bytes,
) -> cms.ContentInfo:
    """The CMS around a raw signature over ``signed_attributes``, with a signature
    timestamp (B-T)."""
    external = signers.ExternalSigner(
        signing_cert=cert,
        cert_registry=SimpleCertificateStore.from_certs(chain),
        signature_value=signature,
    )
    try:
        return asyncio.run(
            external.async_sign_prescribed_attributes(
                DIGEST,
                signed_attrs=cms.CMSAttributes.load(signed_attributes),
                timestamper=timestamper(),
            )
        )
    except TimestampRequestError as exc:
        raise TimestampUnavailable() from exc


def pdf_finish(*, prepared: Prepared, signature_cms: cms.ContentInfo) -> bytes:
    """Put the CMS in the placeholder; raises SigningError when it does not fit."""
    output = io.BytesIO(prepared.pdf)
    digest = PreparedByteRangeDigest(
        document_digest=prepared.document_digest,
        reserved_region_start=prepared.reserved_start,
        reserved_region_end=prepared.reserved_end,
    )
    try:
        PdfTBSDocument.finish_signing(output, digest, signature_cms)
    except (PyHankoSigningError, PdfError, ValueError) as exc:
        raise _translate(exc) from exc
    return output.getvalue()
