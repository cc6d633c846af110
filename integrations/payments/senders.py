"""Outbox senders of this integration: the refund call, the e-receipt, the fake's IPN."""

import json
import logging

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core import outbox

from .base import backend_named
from .einvoice import ReceiptRequest, active_einvoice
from .errors import GatewayError
from .inprocess import call
from .models import EReceipt, PaymentAttempt, Refund

logger = logging.getLogger("motcua.payments")


@outbox.senders.register("payments.refund")
def send_refund(delivery: outbox.Delivery) -> None:
    """Ask the gateway to give a double payment back. Timeout/5xx: retried (same request id).
    An answer other than success leaves the refund to an officer."""
    refund = Refund.objects.select_related("attempt").get(pk=delivery.payload["refund"])
    if refund.state != Refund.State.REQUESTED:
        return
    backend = backend_named(refund.attempt.backend)
    if backend is None:
        raise outbox.PermanentError(f"no backend {refund.attempt.backend!r} for the refund")
    answer = backend.refund(
        attempt=refund.attempt,
        amount=refund.amount,
        request_id=refund.request_id,
        created_by="motcua",
    )
    refund.response = answer.raw
    refund.state = Refund.State.DONE if answer.accepted else Refund.State.NEEDS_OFFICER
    refund.save(update_fields=["response", "state"])
    logger.info(
        "refund answered",
        extra={"txn_ref": refund.attempt.txn_ref, "code": answer.response_code},
    )


@outbox.senders.register("payments.einvoice")
def send_einvoice(delivery: outbox.Delivery) -> None:
    """Issue the legal e-receipt of a confirmed payment (once per attempt)."""
    attempt = PaymentAttempt.objects.get(pk=delivery.payload["attempt"])
    if EReceipt.objects.filter(attempt=attempt).exists():
        return
    provider = active_einvoice()
    if provider is None:
        raise outbox.PermanentError("no e-invoice backend is configured")
    issued = provider.issue(
        ReceiptRequest(
            key=attempt.txn_ref,
            reference=attempt.reference,
            amount=attempt.amount,
            paid_at=attempt.paid_at or timezone.now(),
            method="counter" if attempt.backend == "counter" else "online",
            description="Le phi ho so",
        )
    )
    try:
        with transaction.atomic():
            EReceipt.objects.create(
                attempt=attempt,
                reference=attempt.reference,
                backend=provider.id,
                number=issued.number,
                lookup_code=issued.lookup_code,
                pdf_url=issued.pdf_url,
            )
    except IntegrityError:
        pass  # a concurrent delivery stored it first: the provider returned the same receipt


@outbox.senders.register("payments.fake_ipn")
def send_fake_ipn(delivery: outbox.Delivery) -> None:
    """The fake gateway's IPN: a GET of our IPN endpoint with the signed query, through
    Django's handler in-process. Like VNPAY, it tries again until it reads 00 or 02."""
    status, content = call(
        method="GET", url=f"{reverse('payments:vnpay_ipn')}?{delivery.payload['query']}"
    )
    try:
        code = json.loads(content).get("RspCode")
    except (ValueError, AttributeError):
        code = None
    if status != 200 or code not in {"00", "02"}:
        if code in {"01", "04", "97"}:
            raise outbox.PermanentError(f"IPN refused with RspCode {code}")
        raise GatewayError(f"IPN answered HTTP {status}, RspCode {code}")
