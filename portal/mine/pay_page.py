"""The dossier page's "Online payment" section: each fee with its state (owed, being confirmed,
paid), the attempts made for it, and its receipts (the dossier's fee receipt, the legal
e-receipt when the provider issued one)."""

from dataclasses import dataclass, field
from typing import Any

from integrations.payments import service as payments
from workflows.documents.fees import vnd_figures
from workflows.models import Dossier, DossierDocument, DossierFee
from workflows.services.fees import dossier_fees_payable, fee_reference


@dataclass
class FeeRow:
    fee: DossierFee
    amount_text: str
    state: str  # "unpaid" | "pending" | "paid" (the payment integration's), or "waived"
    attempts: list[Any] = field(default_factory=list)
    e_receipt: dict[str, str] | None = None


def fee_rows(dossier: Dossier) -> list[FeeRow]:
    rows = []
    for fee in DossierFee.objects.filter(dossier=dossier).order_by("pk"):
        reference = fee_reference(fee)
        if fee.status == DossierFee.Status.WAIVED:
            state = "waived"
        elif fee.status == DossierFee.Status.PAID:
            state = "paid"
        else:
            state = payments.payment_state(reference=reference)
        rows.append(
            FeeRow(
                fee=fee,
                amount_text=vnd_figures(fee.amount),
                state=state,
                attempts=payments.payment_attempts(reference=reference),
                e_receipt=payments.payment_receipt(reference=reference)
                if state == "paid"
                else None,
            )
        )
    return rows


def pay_context(dossier: Dossier, *, applicant: bool) -> dict[str, Any]:
    """What the section needs; empty for a dossier without fees. Only the signed-in
    applicant gets the buttons (``pay_actions``)."""
    rows = fee_rows(dossier)
    if not rows:
        return {}
    receipt = dossier.documents.filter(kind=DossierDocument.Kind.FEE_RECEIPT).first()
    return {
        "fee_rows": rows,
        "fee_receipt": receipt,
        "pay_actions": applicant and dossier_fees_payable(dossier),
    }
