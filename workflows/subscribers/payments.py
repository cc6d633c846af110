"""``payment_confirmed`` from the payment integration: the fee paid, the dossier moved on.

The integration verified and stored the payment (the gateway's IPN, or an officer's counter
record) and emitted the event in the same transaction; this handler applies it. A payload
that can never apply (a reference naming no fee, an amount that is not the fee's) is a
permanent error: the outbox row is dead-lettered where an administrator sees it.
"""

from typing import Any

from core import events, outbox
from workflows.services import fee_wait  # noqa: F401  (the wait-for-payment step's check)
from workflows.services.fee_payments import ConfirmedPayment, FeePaymentRejected, fee_payment_apply


@events.subscriber("payment_confirmed")
def on_payment_confirmed(payload: dict[str, Any]) -> None:
    """Apply a confirmed payment to its fee once (a replay changes nothing)."""
    try:
        fee_payment_apply(payment=ConfirmedPayment.from_payload(payload))
    except FeePaymentRejected as rejected:
        raise outbox.PermanentError(str(rejected)) from rejected
