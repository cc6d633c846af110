"""The contract of a payment backend, run against the fake gateway and against the VNPAY
backend talking to an in-test merchant API (pytest-httpserver): an IPN confirms, a lost IPN
is found by querydr, an attempt never paid expires, a double payment is refunded."""

from collections.abc import Iterator
from datetime import timedelta
from typing import Any, Protocol
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from core import outbox
from core.outbox.models import OutboxMessage
from integrations.payments.models import PaymentAttempt, Refund
from integrations.payments.service import payment_requery, payment_start, payment_state

from .peer import VnpayPeer

pytestmark = pytest.mark.django_db
REF = "dossier:12:fee:3"


class Gateway(Protocol):
    def pay(self, attempt: PaymentAttempt, status: str = "00") -> str: ...


class FakeGateway:
    """The customer on the fake gateway's page; returns the IPN it would send."""

    def pay(self, attempt: PaymentAttempt, status: str = "00") -> str:
        url = payment_url[attempt.txn_ref]
        client = Client()
        page = client.get(url)
        choice = "pay" if status == "00" else "fail"
        client.post(urlsplit(url).path, {"query": page.context["query"], "choice": choice})
        message = OutboxMessage.objects.get(idempotency_key=f"payments.fake_ipn:{attempt.txn_ref}")
        query: str = message.payload["query"]
        OutboxMessage.objects.filter(pk=message.pk).delete()  # the test delivers it (or not)
        return query


class VnpayGateway:
    def __init__(self, peer: VnpayPeer) -> None:
        self.peer = peer

    def pay(self, attempt: PaymentAttempt, status: str = "00") -> str:
        return self.peer.pay(
            txn_ref=attempt.txn_ref,
            amount=attempt.amount,
            create_date=attempt.create_date,
            status=status,
        )


payment_url: dict[str, str] = {}


@pytest.fixture(params=["vnpay_fake", "vnpay"])
def gateway(request: Any, settings: Any) -> Iterator[Gateway]:
    if request.param == "vnpay_fake":
        yield FakeGateway()
        return
    peer: VnpayPeer = request.getfixturevalue("vnpay_peer")
    yield VnpayGateway(peer)


def start() -> PaymentAttempt:
    url = payment_start(
        reference=REF, amount=50000, order_info="Le phi", back_url="/my/12/", client_ip="1.2.3.4"
    )
    attempt = PaymentAttempt.objects.latest("pk")
    payment_url[attempt.txn_ref] = url
    return attempt


def ipn(query: str) -> str:
    code: str = Client().get(f"/payments/vnpay/ipn/?{query}").json()["RspCode"]
    return code


def test_the_ipn_confirms_and_a_replay_is_02(gateway: Gateway) -> None:
    attempt = start()
    query = gateway.pay(attempt)
    assert ipn(query) == "00"
    assert ipn(query) == "02"
    assert payment_state(reference=REF) == "paid"


def test_a_lost_ipn_is_found_by_querydr(gateway: Gateway) -> None:
    attempt = start()
    gateway.pay(attempt)
    assert payment_state(reference=REF) == "pending"
    assert payment_requery(reference=REF) == "paid"
    attempt.refresh_from_db()
    assert attempt.state == "paid" and attempt.transaction_no
    assert OutboxMessage.objects.filter(kind="event.payment_confirmed").count() == 1


def test_a_failed_payment_found_by_querydr_is_failed(gateway: Gateway) -> None:
    attempt = start()
    gateway.pay(attempt, status="02")
    assert payment_requery(reference=REF) == "unpaid"
    attempt.refresh_from_db()
    assert attempt.state == "failed"


def test_an_attempt_never_paid_stays_open_then_expires(gateway: Gateway) -> None:
    attempt = start()
    assert payment_requery(reference=REF) == "pending"
    attempt.refresh_from_db()
    assert attempt.state == "created" and attempt.checked_at is not None
    PaymentAttempt.objects.filter(pk=attempt.pk).update(
        expires_at=timezone.now() - timedelta(hours=1)
    )
    assert payment_requery(reference=REF) == "unpaid"
    attempt.refresh_from_db()
    assert attempt.state == "expired"


def test_a_late_success_after_expiry_ends_paid(gateway: Gateway) -> None:
    attempt = start()
    PaymentAttempt.objects.filter(pk=attempt.pk).update(
        state="expired", expires_at=timezone.now() - timedelta(hours=1)
    )
    assert ipn(gateway.pay(attempt)) == "00"
    attempt.refresh_from_db()
    assert attempt.state == "paid"


def test_a_double_payment_is_refunded(gateway: Gateway) -> None:
    first, second = start(), start()
    assert ipn(gateway.pay(first)) == "00"
    assert ipn(gateway.pay(second)) == "00"
    outbox.drain()
    refund = Refund.objects.get()
    assert (refund.attempt_id, refund.state) == (second.pk, "done")
    assert refund.response["vnp_ResponseCode"] == "00"
