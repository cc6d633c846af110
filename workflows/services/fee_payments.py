"""A confirmed payment applied to its fee (the ``payment_confirmed`` event, online or at the
counter): the fee marked paid once, the processing log, the fee receipt queued, and the
process told when nothing is owed any more.

Idempotent: a fee already paid stays as it was paid (a replayed event, or a second payment
the payment integration flags for refund, changes nothing). Paid never returns to owed.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core import outbox
from workflows.engine import event_deliver
from workflows.models import Dossier, DossierDocument, DossierFee
from workflows.services.documents import SENDER as DOCUMENT_SENDER
from workflows.services.processing_log import dossier_log

from .fees import Status, dossier_fees_settled, fee_reference_parse

logger = logging.getLogger(__name__)
EVENT = "payment_confirmed"


class FeePaymentRejected(Exception):
    """A confirmed payment that cannot be applied (unknown fee, amount not the fee's)."""


@dataclass(frozen=True)
class ConfirmedPayment:
    reference: str
    amount: int
    method: str
    paid_at: datetime
    payment_reference: str
    receipt_number: str = ""

    @classmethod
    def from_payload(cls, payload: dict[str, object]) -> "ConfirmedPayment":
        """The event's payload (docs/fees.md); FeePaymentRejected when it is malformed."""
        method = str(payload.get("method") or "")
        if method not in DossierFee.Method.values:
            raise FeePaymentRejected(f"unknown payment method {method!r}")
        paid_at = parse_datetime(str(payload.get("paid_at") or ""))
        if paid_at is None:
            raise FeePaymentRejected("the payment has no valid paid_at")
        if timezone.is_naive(paid_at):
            paid_at = timezone.make_aware(paid_at)
        amount = payload.get("amount")
        if not isinstance(amount, int) or isinstance(amount, bool):
            raise FeePaymentRejected("the payment's amount is not a whole number of VND")
        return cls(
            reference=str(payload.get("reference") or ""),
            amount=amount,
            method=method,
            paid_at=paid_at,
            payment_reference=str(payload.get("payment_reference") or "")[:80],
            receipt_number=str(payload.get("receipt_number") or "")[:40],
        )


def fee_payment_apply(*, payment: ConfirmedPayment) -> bool:
    """Mark the fee paid and move the dossier on when nothing is owed; returns whether this
    call marked it (False for a fee already paid or waived). Raises FeePaymentRejected for
    a reference that names no fee, or an amount that is not the fee's."""
    parsed = fee_reference_parse(payment.reference)
    if parsed is None:
        raise FeePaymentRejected("the reference names no fee")
    dossier_id, fee_id = parsed
    with transaction.atomic():
        fee = (
            DossierFee.objects.select_for_update(of=("self",))  # not the dossier: the engine
            .select_related("dossier")  # updates it under the flow lock, taken after this one
            .filter(pk=fee_id, dossier_id=dossier_id)
            .first()
        )
        if fee is None:
            raise FeePaymentRejected("no such fee")
        if fee.status != Status.OWED:
            logger.info("payment for a settled fee ignored", extra={"fee": fee.pk})
            return False
        if payment.amount != fee.amount:
            raise FeePaymentRejected(f"amount {payment.amount} is not the fee's {fee.amount}")
        _mark_paid(fee, payment)
        _settle(fee.dossier, payment)
    return True


def _mark_paid(fee: DossierFee, payment: ConfirmedPayment) -> None:
    fee.status = Status.PAID
    fee.method = payment.method
    fee.paid_at = payment.paid_at
    fee.payment_reference = payment.payment_reference
    fee.receipt_number = payment.receipt_number
    fee.save(update_fields=["status", "method", "paid_at", "payment_reference", "receipt_number"])


def _settle(dossier: Dossier, payment: ConfirmedPayment) -> None:
    """The receipt queued; the waiting step told once every fee is settled; ``fee_paid``
    logged with the status change this brought (none while another fee is owed, or when
    the process is not at its wait-for-payment step yet)."""
    before = dossier.status
    if dossier_fees_settled(dossier_id=dossier.pk):
        event_deliver(dossier=dossier, event=EVENT, payload={"reference": payment.reference})
    after = Dossier.objects.values_list("status", flat=True).get(pk=dossier.pk)
    changed = after != before
    dossier_log(
        dossier=dossier,
        actor=None,
        action="fee_paid",
        from_status=before if changed else None,
        to_status=after if changed else None,
        comment=payment.method,
    )
    fee_receipt_queue(dossier=dossier)


def fee_receipt_queue(*, dossier: Dossier) -> None:
    """Issue the fee receipt after the commit (once per dossier: the document sender skips
    a dossier that has one)."""
    kind = DossierDocument.Kind.FEE_RECEIPT
    outbox.enqueue(
        kind=DOCUMENT_SENDER,
        payload={"dossier": dossier.pk, "kind": str(kind)},
        idempotency_key=f"dossier-doc:{dossier.pk}:{kind}",
        ordering_key=f"dossier:{dossier.pk}",
    )
