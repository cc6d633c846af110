"""Signing with a server-side key (pkcs12, pkcs11): one call, the signed PDF back."""

import logging
import time

from django.utils.translation import gettext as _

from signing.errors import SignerConfigurationError, SignerUnavailable
from signing.models import SignerProfile
from signing.pades import Box, pdf_sign_with
from signing.signers import backend_for
from signing.stamp import StampText

logger = logging.getLogger(__name__)


def pdf_sign(
    *,
    pdf: bytes,
    signer: SignerProfile,
    stamp: StampText,
    reason: str,
    field_name: str,
    timestamp: bool = True,
    box: Box | None = None,
) -> bytes:
    """``pdf`` with one more PAdES signature (B-T with ``timestamp``) by ``signer``, as an
    incremental update (earlier signatures stay valid). ``box`` (x1, y1, x2, y2 in points
    on the last page) defaults to the next free slot at the bottom of the last page.
    Raises SigningError subclasses (their text is for the user)."""
    if not signer.active:
        raise SignerConfigurationError(_("This signer is not active."))
    backend = backend_for(signer)
    if backend.interactive:
        raise SignerConfigurationError(
            _("This signer's key is not on the server: the signature must be requested.")
        )
    started = time.perf_counter()
    try:
        signed = pdf_sign_with(
            pdf=pdf,
            signer=backend.signer(),
            stamp=stamp,
            reason=reason,
            field_name=field_name,
            timestamp=timestamp,
            box=box,
            bytes_reserved=backend.signature_size(),
        )
    except backend.transient_errors as exc:  # the token was removed, the HSM restarted
        backend.forget()
        raise SignerUnavailable() from exc
    logger.info(
        "pdf signed",
        extra={
            "signer": signer.pk,
            "backend": backend.id,
            "field": field_name,
            "ms": round((time.perf_counter() - started) * 1000),
        },
    )
    return signed
