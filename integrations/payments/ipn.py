"""The IPN (server-to-server notification): verify, store, deduplicate, apply, answer.

Checksum (97), merchant code and order (01), amount (04), already confirmed (02), else
applied (00); anything unexpected 99. The callback is stored and the event emitted in the
transaction that changes the attempt, under the reference's lock: 32 identical IPNs at once
give one 00 and 31 02."""

import logging
from collections.abc import Sequence

from django.db import transaction

from . import protocol
from .apply import attempt_apply, lock_reference
from .base import PaymentBackend, active_backend, status_from
from .models import PaymentAttempt, PaymentCallback
from .states import OPEN

logger = logging.getLogger("motcua.payments")
RAW_LIMIT = 4000


def ipn_receive(*, pairs: Sequence[tuple[str, str]], raw: str) -> str:
    """Handle one IPN; returns the RspCode to answer."""
    txn_ref = dict(pairs).get("vnp_TxnRef", "")[:100]
    try:
        with transaction.atomic():
            code, attempt = _apply(active_backend(), pairs)
            PaymentCallback.objects.create(
                attempt=attempt,
                txn_ref=txn_ref,
                source=PaymentCallback.Source.IPN,
                raw=raw[:RAW_LIMIT],
                verified=code != protocol.RSP_CHECKSUM,
                outcome=code,
            )
        return code
    except Exception:
        logger.exception("IPN failed", extra={"txn_ref": txn_ref})
    try:  # keep the message as evidence; VNPAY sends it again after a 99
        PaymentCallback.objects.create(
            txn_ref=txn_ref,
            source=PaymentCallback.Source.IPN,
            raw=raw[:RAW_LIMIT],
            outcome=protocol.RSP_ERROR,
        )
    except Exception:
        logger.exception("IPN not stored")
    return protocol.RSP_ERROR


def _apply(
    backend: PaymentBackend | None, pairs: Sequence[tuple[str, str]]
) -> tuple[str, PaymentAttempt | None]:
    if backend is None:
        raise RuntimeError("an IPN arrived but no payment backend is configured")
    if not backend.verify(pairs):
        return protocol.RSP_CHECKSUM, None
    fields = dict(pairs)
    if fields.get("vnp_TmnCode") != backend.merchant_code():
        return protocol.RSP_NOT_FOUND, None
    txn_ref = fields.get("vnp_TxnRef", "")
    reference = (
        PaymentAttempt.objects.filter(txn_ref=txn_ref).values_list("reference", flat=True).first()
    )
    if reference is None:
        return protocol.RSP_NOT_FOUND, None
    attempt = next(a for a in lock_reference(reference) if a.txn_ref == txn_ref)
    status = status_from(fields)
    if status.amount != attempt.amount:
        return protocol.RSP_AMOUNT, attempt
    if attempt.state not in OPEN and not (status.paid and attempt.state != attempt.State.PAID):
        return protocol.RSP_ALREADY, attempt
    attempt_apply(attempt, status)
    return protocol.RSP_CONFIRMED, attempt
