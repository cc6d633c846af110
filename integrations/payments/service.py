"""The payments integration's one entry point for the layers above.

References are opaque strings made by the workflow layer (``dossier:12:fee:3``). A confirmed
payment goes up as the ``payment_confirmed`` event (see ``apply``), never as a return value.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from . import protocol
from .apply import COUNTER, attempt_confirm, lock_reference
from .base import active_backend
from .errors import PaymentAlreadyPaid, PaymentUnavailable
from .models import EReceipt, PaymentAttempt, Refund
from .requery import reference_requery
from .states import State

LOCALES = {"vn", "en"}


@dataclass(frozen=True)
class AttemptInfo:
    txn_ref: str
    amount: int
    state: str
    method: str
    created_at: datetime
    paid_at: datetime | None
    bank_code: str
    response_code: str


def _same_site_path(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//") and "\\" not in url


def _new_txn_ref() -> str:
    # unique per attempt, letters and digits only (any gateway accepts it)
    return f"{timezone.localtime():%y%m%d%H%M%S}{secrets.token_hex(5).upper()}"


def payment_start(
    *,
    reference: str,
    amount: int,
    order_info: str,
    back_url: str,
    client_ip: str,
    locale: str = "vn",
    bank_code: str = "",
) -> str:
    """Start an online attempt; returns the signed address to send the browser to."""
    if not _same_site_path(back_url):
        raise ValueError("back_url must be a path of this site")
    if amount <= 0:
        raise ValueError("amount must be positive")
    backend = active_backend()
    if backend is None or backend.check_config():
        raise PaymentUnavailable()
    now = timezone.now()
    with transaction.atomic():
        attempts = lock_reference(reference)
        if any(attempt.state == State.PAID for attempt in attempts):
            raise PaymentAlreadyPaid(reference)
        attempt = PaymentAttempt.objects.create(
            txn_ref=_new_txn_ref(),
            reference=reference,
            amount=amount,
            backend=backend.id,
            created_at=now,
            create_date=protocol.gateway_date(now),
            expires_at=now + timedelta(minutes=settings.MOTCUA_PAYMENT_EXPIRE_MINUTES),
            order_info=protocol.ascii_text(order_info) or reference,
            back_url=back_url,
        )
    return backend.redirect_url(
        attempt=attempt,
        client_ip=client_ip or "127.0.0.1",
        locale=locale if locale in LOCALES else "vn",
        bank_code=protocol.ascii_text(bank_code, 20).replace(" ", ""),
    )


def payment_counter_record(
    *, reference: str, amount: int, receipt_number: str, recorded_by: str
) -> None:
    """An officer took the fee at the counter. The same reference and receipt number again is
    a no-op (a double submit); a payment of a reference already paid is flagged for refund."""
    if amount <= 0 or not receipt_number.strip():
        raise ValueError("a counter payment needs a positive amount and a receipt number")
    txn_ref = f"counter:{reference}:{receipt_number.strip()}"[:100]
    try:
        with transaction.atomic():
            attempts = lock_reference(reference)
            if any(attempt.txn_ref == txn_ref for attempt in attempts):
                return
            attempt = PaymentAttempt.objects.create(
                txn_ref=txn_ref,
                reference=reference,
                amount=amount,
                backend=COUNTER,
                receipt_number=receipt_number.strip()[:64],
                recorded_by=recorded_by[:150],
            )
            attempt_confirm(attempt, None)
    except IntegrityError:
        if not PaymentAttempt.objects.filter(txn_ref=txn_ref).exists():
            raise


def payment_state(*, reference: str) -> str:
    """ "paid" once any attempt is paid (for ever), "pending" while an attempt may still be
    paid (not yet expired, or the gateway said it is in progress), else "unpaid"."""
    attempts = PaymentAttempt.objects.filter(reference=reference)
    if attempts.filter(state=State.PAID).exists():
        return "paid"
    now = timezone.now()
    if attempts.filter(state=State.PENDING).exists():
        return "pending"
    if attempts.filter(state=State.CREATED, expires_at__gt=now).exists():
        return "pending"
    return "unpaid"


def payment_attempts(*, reference: str) -> list[AttemptInfo]:
    """The reference's attempts, newest first (the applicant's payment history)."""
    return [
        AttemptInfo(
            txn_ref=attempt.txn_ref if attempt.backend != COUNTER else attempt.receipt_number,
            amount=attempt.amount,
            state=attempt.state,
            method="counter" if attempt.backend == COUNTER else "online",
            created_at=attempt.created_at,
            paid_at=attempt.paid_at,
            bank_code=attempt.bank_code,
            response_code=attempt.response_code,
        )
        for attempt in PaymentAttempt.objects.filter(reference=reference)
    ]


def payment_requery(*, reference: str) -> str:
    """Ask the gateway now about the reference's open attempts; the resulting state."""
    if payment_state(reference=reference) != "paid":
        reference_requery(reference=reference)
    return payment_state(reference=reference)


def payments_flagged() -> QuerySet[Refund]:
    """Double payments (refunds) an officer has not resolved yet, oldest first."""
    return (
        Refund.objects.filter(resolved_at__isnull=True)
        .select_related("attempt")
        .order_by("created_at", "pk")
    )


def refund_resolve(*, refund: Refund, resolved_by: str, note: str = "") -> None:
    """An officer has dealt with a double payment (checked the refund, or handed cash back)."""
    Refund.objects.filter(pk=refund.pk, resolved_at__isnull=True).update(
        resolved_by=resolved_by[:150], resolved_at=timezone.now(), note=note
    )


def payment_receipt(*, reference: str) -> dict[str, str] | None:
    """The legal e-receipt of the reference's payment, once the provider has issued it."""
    receipt = (
        EReceipt.objects.filter(reference=reference, attempt__state=State.PAID)
        .exclude(attempt__refund__isnull=False)
        .order_by("issued_at")
        .first()
    )
    if receipt is None:
        return None
    return {
        "number": receipt.number,
        "lookup_code": receipt.lookup_code,
        "pdf_url": receipt.pdf_url,
        "issued_at": receipt.issued_at.isoformat(),
        "provider": receipt.backend,
    }


__all__ = [
    "AttemptInfo",
    "payment_attempts",
    "payment_counter_record",
    "payment_receipt",
    "payment_requery",
    "payment_start",
    "payment_state",
    "payments_flagged",
    "refund_resolve",
]
