"""A procedure with a fee and a wait-for-payment step, dossiers on it, payments as the payment
integration confirms them (the ``payment_confirmed`` payload of docs/fees.md)."""

from datetime import datetime
from typing import Any

from django.utils import timezone
from viewflow.workflow.models import Process

from workflows.definitions.loader import dump
from workflows.definitions.model import Definition, Node, NodeKind
from workflows.engine import process_start
from workflows.models import Dossier, DossierFee
from workflows.services.fees import dossier_fees_create, fee_reference

from ..engine.helpers import dossier_on, ensure_roles
from ..engine.test_runtime import officer, open_task
from ..factories import ProcedureVersionFactory, PublishedCaseFactory

K = NodeKind
FEE = 50_000


def payment_flow() -> Definition:
    """start -> reception (forward | decline) -> wait_payment (fee owed) -> review -> end."""
    return Definition(
        name="With a fee",
        nodes=(
            Node(id="submitted", kind=K.START, next="reception"),
            Node(
                id="reception",
                kind=K.USER_TASK,
                role="reception",
                outcomes=(("forward", "wait_payment"), ("decline", "refused")),
            ),
            Node(
                id="wait_payment",
                kind=K.WAIT_EVENT,
                name="Chờ nộp phí",
                event="payment_confirmed",
                status="fee_owed",
                next="review",
            ),
            Node(
                id="review",
                kind=K.USER_TASK,
                role="specialist",
                status="processing",
                outcomes=(("approve", "done"),),
            ),
            Node(id="done", kind=K.END, result="processed"),
            Node(id="refused", kind=K.END, result="refused"),
        ),
    )


def fee_dossier(amount: int = FEE, **kwargs: Any) -> tuple[Dossier, Process, Any]:
    """A dossier on ``payment_flow`` with its fee, its process started at reception; and the
    reception officer."""
    definition = payment_flow()
    ensure_roles(definition)
    version = ProcedureVersionFactory(definition=dump(definition))
    PublishedCaseFactory(version=version, fee_amount=amount, fee_name="Phí cấp bản sao")
    version.refresh_from_db()
    dossier = dossier_on(version, **kwargs)
    dossier_fees_create(dossier=dossier)
    receptionist = officer(dossier.receiving_agency, "reception")
    return dossier, process_start(dossier=dossier, by=receptionist), receptionist


def the_fee(dossier: Dossier) -> DossierFee:
    return DossierFee.objects.get(dossier=dossier)


def confirmed(
    fee: DossierFee,
    *,
    method: str = "online",
    txn: str = "MC1A2B3C",
    amount: int | None = None,
    at: datetime | None = None,
    receipt: str = "",
) -> dict[str, Any]:
    return {
        "reference": fee_reference(fee),
        "amount": fee.amount if amount is None else amount,
        "method": method,
        "paid_at": (at or timezone.now()).isoformat(),
        "payment_reference": txn,
        "receipt_number": receipt,
    }


__all__ = ["confirmed", "fee_dossier", "officer", "open_task", "payment_flow", "the_fee"]
