"""The service API the workflow layer calls: starting, counter payments, state, flags."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from core import outbox
from core.outbox.models import OutboxMessage
from integrations.payments.errors import PaymentAlreadyPaid, PaymentUnavailable
from integrations.payments.models import FakeGatewayTransaction, PaymentAttempt, Refund
from integrations.payments.service import (
    payment_attempts,
    payment_counter_record,
    payment_receipt,
    payment_start,
    payment_state,
    payments_flagged,
    refund_resolve,
)

from .conftest import ipn_params, signed

pytestmark = pytest.mark.django_db
REF = "dossier:12:fee:3"


def start(**changes: Any) -> str:
    arguments: dict[str, Any] = {
        "reference": REF,
        "amount": 50000,
        "order_info": "Le phi",
        "back_url": "/my/dossiers/12/",
        "client_ip": "203.0.113.9",
    }
    arguments.update(changes)
    return payment_start(**arguments)


@pytest.mark.parametrize(
    "back_url", ["https://evil.example/", "//evil.example/", "my/12/", "/\\evil.example"]
)
def test_back_url_must_be_a_path_of_this_site(back_url: str) -> None:
    with pytest.raises(ValueError):
        start(back_url=back_url)
    assert not PaymentAttempt.objects.exists()


def test_every_attempt_has_its_own_txn_ref_and_expiry(settings: Any) -> None:
    settings.MOTCUA_PAYMENT_EXPIRE_MINUTES = 20
    start()
    start()
    first, second = PaymentAttempt.objects.order_by("pk")
    assert first.txn_ref != second.txn_ref
    assert first.expires_at is not None
    assert timedelta(minutes=19) < first.expires_at - first.created_at <= timedelta(minutes=20)
    url = start()
    assert f"vnp_TxnRef={PaymentAttempt.objects.latest('pk').txn_ref}&" in url


def test_unavailable_without_a_ready_backend(settings: Any) -> None:
    settings.MOTCUA_PAYMENT_BACKEND = ""
    with pytest.raises(PaymentUnavailable) as caught:
        start()
    assert str(caught.value)
    settings.MOTCUA_PAYMENT_BACKEND = "vnpay"  # no merchant code, no secret
    with pytest.raises(PaymentUnavailable):
        start()


def test_a_paid_reference_starts_no_attempt() -> None:
    payment_counter_record(reference=REF, amount=50000, receipt_number="BL-1", recorded_by="cb1")
    with pytest.raises(PaymentAlreadyPaid):
        start()
    assert PaymentAttempt.objects.count() == 1


def test_counter_payment_is_idempotent_and_emits_once() -> None:
    for _ in range(2):
        payment_counter_record(
            reference=REF, amount=50000, receipt_number="BL-1", recorded_by="cb1"
        )
    assert payment_state(reference=REF) == "paid"
    message = OutboxMessage.objects.get(kind="event.payment_confirmed")
    assert message.payload["method"] == "counter"
    assert message.payload["payment_reference"] == "BL-1"
    assert message.payload["receipt_number"] == "BL-1"
    [info] = payment_attempts(reference=REF)
    assert (info.method, info.txn_ref, info.state) == ("counter", "BL-1", "paid")
    with pytest.raises(ValueError):
        payment_counter_record(reference=REF, amount=50000, receipt_number=" ", recorded_by="x")


def test_a_counter_payment_after_an_online_one_is_flagged_for_an_officer(
    attempt: Any,
) -> None:
    assert Client().get(f"/payments/vnpay/ipn/?{signed(ipn_params(attempt))}").json() == {
        "RspCode": "00",
        "Message": "Confirm Success",
    }
    payment_counter_record(reference=REF, amount=50000, receipt_number="BL-2", recorded_by="cb1")
    [refund] = payments_flagged()
    assert refund.state == "needs_officer" and refund.attempt.receipt_number == "BL-2"
    assert OutboxMessage.objects.filter(kind="event.payment_confirmed").count() == 1
    assert not OutboxMessage.objects.filter(kind="payments.refund").exists()  # cash: by hand
    refund_resolve(refund=refund, resolved_by="head", note="Cash handed back")
    assert not payments_flagged().exists()


def test_an_online_payment_after_a_counter_one_is_refunded_through_the_gateway() -> None:
    url = start()
    page = Client().get(url)
    payment_counter_record(reference=REF, amount=50000, receipt_number="BL-3", recorded_by="cb1")
    Client().post(url.split("?")[0], {"query": page.context["query"], "choice": "pay"})
    outbox.drain()
    online = PaymentAttempt.objects.get(backend="vnpay_fake")
    assert online.state == "paid"
    refund = Refund.objects.get()
    assert (refund.attempt, refund.state) == (online, "done")
    assert refund.response["vnp_ResponseCode"] == "00"
    assert FakeGatewayTransaction.objects.get().refunded == 50000
    assert list(payments_flagged()) == [refund]  # done, still for an officer to see
    receipt = payment_receipt(reference=REF)
    assert receipt is not None  # the counter payment's e-receipt, not the refunded one's
    assert receipt["number"].endswith("-00000001")


def test_pending_while_an_attempt_may_still_be_paid() -> None:
    assert payment_state(reference=REF) == "unpaid"
    start()
    assert payment_state(reference=REF) == "pending"
    PaymentAttempt.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert payment_state(reference=REF) == "unpaid"
    PaymentAttempt.objects.update(state="pending")
    assert payment_state(reference=REF) == "pending"
