"""Double payments flagged for officers: a fee paid twice (twice online, or online and at the
counter) leaves the second payment to be refunded by the payment integration (VNPAY's refund
call) and flagged. The officers of the receiving agency see their dossiers' flags, with what
was done about the money, and mark each dealt with."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from integrations.payments import service as payments
from workflows.models import Dossier

from .fee_online import fee_counter_officer
from .fees import fee_reference_parse


@dataclass(frozen=True)
class FlaggedPayment:
    id: int
    dossier: Dossier
    amount: int
    state: str  # the refund's: requested | done | failed | needs_officer
    state_label: str
    method: str  # how the second payment came: online | counter
    payment_reference: str
    flagged_at: datetime


def fee_flags_for(*, user: Any) -> list[FlaggedPayment]:
    """The unresolved double payments of dossiers the user takes payments for."""
    refunds = list(payments.payments_flagged())
    ids = {}
    for refund in refunds:
        parsed = fee_reference_parse(refund.attempt.reference)
        if parsed is not None:
            ids[refund.pk] = parsed[0]
    dossiers = Dossier.objects.select_related("receiving_agency").in_bulk(set(ids.values()))
    allowed: dict[int, bool] = {}
    flags = []
    for refund in refunds:
        dossier = dossiers.get(ids.get(refund.pk, 0))
        if dossier is None:
            continue
        if dossier.receiving_agency_id not in allowed:
            allowed[dossier.receiving_agency_id] = fee_counter_officer(user=user, dossier=dossier)
        if not allowed[dossier.receiving_agency_id]:
            continue
        counter = refund.attempt.backend == "counter"
        flags.append(
            FlaggedPayment(
                id=refund.pk,
                dossier=dossier,
                amount=refund.amount,
                state=refund.state,
                state_label=str(refund.get_state_display()),
                method="counter" if counter else "online",
                payment_reference=(
                    refund.attempt.receipt_number if counter else refund.attempt.txn_ref
                ),
                flagged_at=refund.created_at,
            )
        )
    return flags


def fee_flag_resolve(*, user: Any, flag_id: int, note: str = "") -> bool:
    """Mark a flag dealt with (the refund checked, or cash handed back); False when the user
    sees no such flag (another agency's, or resolved already)."""
    if not any(flag.id == flag_id for flag in fee_flags_for(user=user)):
        return False
    refund = payments.payments_flagged().get(pk=flag_id)
    payments.refund_resolve(refund=refund, resolved_by=user.get_username(), note=note[:2000])
    return True
