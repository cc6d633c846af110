"""Signatures whose key is not on the server (pyHanko's interrupted signing).

signature_request prepares the document (field, stamp, placeholder) and asks for the
signature; signature_poll asks a remote service how it stands and, once approved,
embeds the signature with a timestamp; signature_complete takes the CMS a USB token made
on the signer's PC. States: pending -> approved (signature received, not yet embedded:
the TSA was down) -> completed; or rejected, expired, failed.
"""

import logging
from datetime import timedelta

from asn1crypto import cms as asn1_cms
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from signing.cms_check import cms_attach_timestamp, cms_check, raw_signature_check
from signing.errors import (
    SignatureExpired,
    SignatureInvalid,
    SignatureRejected,
    SignerConfigurationError,
    SigningError,
    TimestampUnavailable,
)
from signing.keys import asn1_cert
from signing.models import PendingSignature, SignerProfile
from signing.pades import Box, Prepared, cms_from_raw, pdf_finish, pdf_prepare
from signing.signers import SignerBackend, backend_for
from signing.stamp import StampText

logger = logging.getLogger(__name__)
State = PendingSignature.State


def _pem(certs: list[x509.Certificate]) -> str:
    return "".join(c.public_bytes(serialization.Encoding.PEM).decode() for c in certs)


def _certs(pending: PendingSignature) -> list[x509.Certificate]:
    return x509.load_pem_x509_certificates(pending.certificates.encode())


def _prepared(pending: PendingSignature) -> Prepared:
    return Prepared(
        pdf=bytes(pending.prepared),
        document_digest=bytes.fromhex(pending.document_digest),
        reserved_start=pending.reserved_start,
        reserved_end=pending.reserved_end,
        signed_attributes=bytes(pending.signed_attributes),
    )


def _interactive(signer: SignerProfile) -> SignerBackend:
    if not signer.active:
        raise SignerConfigurationError(_("This signer is not active."))
    backend = backend_for(signer)
    if not backend.interactive:
        raise SignerConfigurationError(_("This signer's key is on the server: sign directly."))
    return backend


def signature_request(
    *,
    pdf: bytes,
    signer: SignerProfile,
    stamp: StampText,
    reason: str,
    field_name: str,
    reference: str,
    box: Box | None = None,
) -> PendingSignature:
    """Prepare ``pdf`` for ``signer`` and ask for the signature (a remote service notifies
    the signer's phone; a USB signer's PC fetches the digest). Raises SigningError when
    the service cannot be asked (nothing is kept then)."""
    backend = _interactive(signer)
    certs = backend.certificates()
    prepared = pdf_prepare(
        pdf=pdf,
        cert=asn1_cert(certs.cert),
        chain=[asn1_cert(c) for c in certs.chain],
        stamp=stamp,
        reason=reason,
        field_name=field_name,
        box=box,
    )
    to_sign = (
        prepared.document_digest if backend.signs_document_digest else prepared.attributes_digest
    )
    pending = PendingSignature(
        reference=reference,
        signer=signer,
        field_name=field_name,
        prepared=prepared.pdf,
        reserved_start=prepared.reserved_start,
        reserved_end=prepared.reserved_end,
        document_digest=prepared.document_digest.hex(),
        signed_attributes=prepared.signed_attributes,
        digest=to_sign.hex(),
        certificates=_pem([certs.cert, *certs.chain]),
        expires_at=timezone.now() + timedelta(minutes=settings.MOTCUA_SIGNING_PENDING_MINUTES),
    )
    pending.transaction_id = backend.start(pending=pending)
    pending.save()
    logger.info(
        "signature requested",
        extra={"pending": pending.pk, "signer": signer.pk, "backend": backend.id},
    )
    return pending


def _finish(pending: PendingSignature, *, state: str, error: str = "", **fields: object) -> None:
    """Set the outcome once: under a lock, only if nobody finished it meanwhile."""
    with transaction.atomic():
        row = PendingSignature.objects.select_for_update().get(pk=pending.pk)
        if row.finished:
            pending.refresh_from_db()
            return
        changed = {"state": state, "error": error, **fields}
        for name, value in changed.items():
            setattr(row, name, value)
        row.save(update_fields=[*changed, "updated_at"])
    pending.refresh_from_db()


def _expired(pending: PendingSignature) -> bool:
    if pending.state == State.PENDING and timezone.now() >= pending.expires_at:
        _finish(pending, state=State.EXPIRED, error=str(SignatureExpired().message))
        return True
    return False


def _embed_raw(pending: PendingSignature) -> None:
    """Approved: wrap the raw signature in a timestamped CMS and embed it."""
    cert, *chain = _certs(pending)
    signature_cms = cms_from_raw(
        cert=asn1_cert(cert),
        chain=[asn1_cert(c) for c in chain],
        signed_attributes=bytes(pending.signed_attributes),
        signature=bytes(pending.signature_value),
    )
    result = pdf_finish(prepared=_prepared(pending), signature_cms=signature_cms)
    _finish(pending, state=State.COMPLETED, result=result)


def signature_poll(*, pending: PendingSignature) -> PendingSignature:
    """Ask the service how the signature stands and apply the answer; returns the row.
    Raises SignerUnavailable (the service did not answer) or TimestampUnavailable (the
    signature was approved but could not be timestamped yet): poll again later."""
    pending.refresh_from_db()
    if pending.finished or _expired(pending):
        return pending
    backend = backend_for(pending.signer)
    if pending.state == State.PENDING:
        answer = backend.poll(pending=pending)
        if answer.state == "pending":
            return pending
        if answer.state in (State.REJECTED, State.EXPIRED):
            error = SignatureRejected() if answer.state == State.REJECTED else SignatureExpired()
            _finish(pending, state=answer.state, error=error.message)
            return pending
        cert = _certs(pending)[0]
        if not raw_signature_check(
            cert=cert, data=bytes(pending.signed_attributes), signature=answer.signature
        ):
            _finish(pending, state=State.FAILED, error=SignatureInvalid().message)
            return pending
        PendingSignature.objects.filter(pk=pending.pk, state=State.PENDING).update(
            state=State.APPROVED, signature_value=answer.signature, updated_at=timezone.now()
        )
        pending.refresh_from_db()
    if pending.state == State.APPROVED:
        try:
            _embed_raw(pending)
        except TimestampUnavailable:
            raise  # approved stays approved: the next poll embeds it
        except SigningError as exc:  # it cannot go in (too large, a broken document)
            _finish(pending, state=State.FAILED, error=exc.message)
    return pending


def signature_complete(*, pending: PendingSignature, cms: bytes) -> PendingSignature:
    """Take the CMS made on the signer's PC over the published digest. Raises
    SignatureInvalid (not over this document, not by the registered certificate: the
    request stays open for a right one) or SignatureExpired."""
    pending.refresh_from_db()
    if pending.state == State.COMPLETED:
        return pending
    if _expired(pending):
        raise SignatureExpired()
    if pending.finished:
        raise SigningError(pending.error or None)
    try:
        signature_cms = asn1_cms.ContentInfo.load(cms)
        signature_cms.native  # noqa: B018  (parse it all now, not halfway through embedding)
    except ValueError as exc:
        raise SignatureInvalid() from exc
    cms_check(
        signature_cms,
        cert=_certs(pending)[0],
        document_digest=bytes.fromhex(pending.document_digest),
    )
    signature_cms = cms_attach_timestamp(signature_cms)
    result = pdf_finish(prepared=_prepared(pending), signature_cms=signature_cms)
    _finish(pending, state=State.COMPLETED, result=result)
    return pending
