"""Applying what the gateway (or an officer at the counter) says to an attempt: the one place
where an attempt becomes paid, emits ``payment_confirmed`` and, for a reference already paid,
becomes a refund flagged for an officer. Callers hold the reference's lock
(``lock_reference``) inside a transaction."""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from core import events, outbox

from .base import GatewayStatus
from .models import PaymentAttempt, Refund
from .states import OPEN, State, attempt_move

COUNTER = "counter"


def lock_reference(reference: str) -> list[PaymentAttempt]:
    """Lock every attempt of ``reference`` (in primary key order: no deadlock between two
    callers) until the transaction ends, so that two confirmations of one reference, or an
    IPN and a querydr, are applied one after the other. SQLite serialises writers anyway."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_reference needs a transaction")
    rows: QuerySet[PaymentAttempt] = PaymentAttempt.objects.filter(reference=reference)
    return list(rows.select_for_update().order_by("pk"))


def attempt_apply(attempt: PaymentAttempt, status: GatewayStatus) -> bool:
    """Apply a verified gateway status to a locked attempt. Returns whether it changed.
    A failure after a success changes nothing (paid never goes back)."""
    if attempt.state == State.PAID:
        return False
    if status.paid:
        attempt_confirm(attempt, status)
        return True
    if attempt.state not in OPEN:
        return False  # a failure, cancel or expiry already recorded: a replay
    if status.processing:
        target = State.PENDING
    elif status.cancelled:
        target = State.CANCELLED
    else:
        target = State.FAILED
    _record(attempt, status)
    changed = attempt_move(attempt, target)
    attempt.save()
    return changed


def _record(attempt: PaymentAttempt, status: GatewayStatus) -> None:
    attempt.response_code = status.response_code[:8]
    attempt.transaction_status = status.transaction_status[:8]
    attempt.transaction_no = status.transaction_no or attempt.transaction_no
    attempt.bank_code = status.bank_code or attempt.bank_code


def attempt_confirm(attempt: PaymentAttempt, status: GatewayStatus | None) -> None:
    """Make a locked attempt paid. The first paid attempt of its reference emits
    ``payment_confirmed`` (key: the txn ref) and asks for an e-receipt; a later one is a
    double payment: a refund for an officer."""
    already_paid = (
        PaymentAttempt.objects.filter(reference=attempt.reference, state=State.PAID)
        .exclude(pk=attempt.pk)
        .exists()
    )
    if status is not None:
        _record(attempt, status)
    attempt_move(attempt, State.PAID)
    attempt.paid_at = (status.pay_date if status else None) or timezone.now()
    attempt.save()
    if already_paid:
        refund_open(attempt)
        return
    counter = attempt.backend == COUNTER
    events.emit(
        "payment_confirmed",
        {
            "reference": attempt.reference,
            "amount": attempt.amount,
            "method": "counter" if counter else "online",
            "paid_at": attempt.paid_at.isoformat(),
            "payment_reference": attempt.receipt_number if counter else attempt.txn_ref,
            "receipt_number": attempt.receipt_number,
        },
        key=attempt.txn_ref,
        ordering_key=attempt.reference,
    )
    outbox.enqueue(
        kind="payments.einvoice",
        payload={"attempt": attempt.pk},
        idempotency_key=f"payments.einvoice:{attempt.txn_ref}",
        summary="e-receipt",
    )


def refund_open(attempt: PaymentAttempt) -> Refund:
    """A double payment: online money goes back through the gateway's refund call; cash
    paid at the counter is for an officer to hand back."""
    counter = attempt.backend == COUNTER
    refund, created = Refund.objects.get_or_create(
        attempt=attempt,
        defaults={
            "amount": attempt.amount,
            "state": Refund.State.NEEDS_OFFICER if counter else Refund.State.REQUESTED,
            "request_id": f"R{attempt.pk}{timezone.now():%Y%m%d%H%M%S}"[:32],
        },
    )
    if created and not counter:
        outbox.enqueue(
            kind="payments.refund",
            payload={"refund": refund.pk},
            idempotency_key=f"payments.refund:{refund.request_id}",
            summary="refund",
        )
    return refund
