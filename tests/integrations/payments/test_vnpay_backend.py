"""The VNPAY backend when the merchant API misbehaves: 5xx, timeouts, a bad checksum on its
answer (the attempt stays as it was, asked again next round); the redirect it signs."""

from datetime import timedelta
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.utils import timezone

from core import outbox
from core.outbox.models import OutboxMessage
from integrations.payments import protocol
from integrations.payments.models import PaymentAttempt, PaymentCallback, Refund
from integrations.payments.requery import requery_open_attempts
from integrations.payments.service import payment_counter_record, payment_requery, payment_start

from .peer import VnpayPeer

pytestmark = pytest.mark.django_db
REF = "dossier:12:fee:3"


def start(**changes: Any) -> str:
    arguments: dict[str, Any] = {
        "reference": REF,
        "amount": 50000,
        "order_info": "Lệ phí",
        "back_url": "/my/12/",
        "client_ip": "203.0.113.9",
    }
    return payment_start(**{**arguments, **changes})


def test_the_redirect_carries_every_field_signed(vnpay_peer: VnpayPeer, settings: Any) -> None:
    url = start(locale="en", bank_code="NCB")
    assert url.startswith(settings.MOTCUA_VNPAY_PAY_URL + "?")
    pairs = parse_qsl(urlsplit(url).query)
    fields = dict(pairs)
    attempt = PaymentAttempt.objects.get()
    assert fields == {
        "vnp_Version": "2.1.0",
        "vnp_Command": "pay",
        "vnp_TmnCode": "TESTTMN1",
        "vnp_Amount": "5000000",
        "vnp_CurrCode": "VND",
        "vnp_TxnRef": attempt.txn_ref,
        "vnp_OrderInfo": "Le phi",
        "vnp_OrderType": "other",
        "vnp_Locale": "en",
        "vnp_ReturnUrl": "https://dvc.example.vn/payments/vnpay/return/",
        "vnp_IpAddr": "203.0.113.9",
        "vnp_CreateDate": attempt.create_date,
        "vnp_ExpireDate": protocol.gateway_date(attempt.expires_at),  # type: ignore[arg-type]
        "vnp_BankCode": "NCB",
        "vnp_SecureHash": fields["vnp_SecureHash"],
    }
    assert protocol.redirect_verify("TESTSECRET", pairs)


@pytest.mark.parametrize("failure", ["5xx", "slow", "badhash"])
def test_querydr_failures_leave_the_attempt_pending(vnpay_peer: VnpayPeer, failure: str) -> None:
    start()
    attempt = PaymentAttempt.objects.get()
    vnpay_peer.pay(txn_ref=attempt.txn_ref, amount=50000, create_date=attempt.create_date)
    vnpay_peer.fail = failure
    vnpay_peer.slow_seconds = 1.5
    assert payment_requery(reference=REF) == "pending"
    attempt.refresh_from_db()
    assert attempt.state == "created"
    assert not PaymentCallback.objects.exists()  # nothing trusted was received
    vnpay_peer.fail = ""
    assert payment_requery(reference=REF) == "paid"


def test_the_periodic_job_asks_about_stale_attempts_only(
    vnpay_peer: VnpayPeer, settings: Any
) -> None:
    settings.MOTCUA_PAYMENT_QUERY_AFTER_MINUTES = 5
    start()
    start()
    stale, fresh = PaymentAttempt.objects.order_by("pk")
    PaymentAttempt.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - timedelta(minutes=6)
    )
    vnpay_peer.pay(txn_ref=stale.txn_ref, amount=50000, create_date=stale.create_date)
    vnpay_peer.pay(txn_ref=fresh.txn_ref, amount=50000, create_date=fresh.create_date)
    vnpay_peer.fail = "5xx"
    assert requery_open_attempts() == {"unreachable": 1}
    vnpay_peer.fail = ""
    assert requery_open_attempts() == {"paid": 1}
    assert [r["vnp_TxnRef"] for r in vnpay_peer.requests] == [stale.txn_ref, stale.txn_ref]
    fresh.refresh_from_db()
    assert fresh.state == "created"


def test_a_refund_on_5xx_is_retried_with_the_same_request_id(vnpay_peer: VnpayPeer) -> None:
    payment_counter_record(reference=REF, amount=50000, receipt_number="BL-1", recorded_by="cb")
    attempt = PaymentAttempt.objects.create(
        txn_ref="ONLINE1",
        reference=REF,
        amount=50000,
        backend="vnpay",
        create_date="20261128120000",
    )
    query = vnpay_peer.pay(txn_ref="ONLINE1", amount=50000, create_date="20261128120000")
    from django.test import Client

    assert Client().get(f"/payments/vnpay/ipn/?{query}").json()["RspCode"] == "00"
    vnpay_peer.fail = "5xx"
    assert outbox.drain().get("retry") == 1
    refund = Refund.objects.get(attempt=attempt)
    assert refund.state == "requested"
    vnpay_peer.fail = ""
    OutboxMessage.objects.filter(kind="payments.refund").update(next_attempt_at=timezone.now())
    outbox.drain()
    refund.refresh_from_db()
    assert refund.state == "done"
    refunds = [r for r in vnpay_peer.requests if r["vnp_Command"] == "refund"]
    assert len(refunds) == 2 and refunds[0]["vnp_RequestId"] == refunds[1]["vnp_RequestId"]
    assert refunds[1]["vnp_TransactionType"] == "02" and refunds[1]["vnp_Amount"] == "5000000"
