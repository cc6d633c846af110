"""The embedded default's journey through the fake gateway: start, pay/fail/cancel on the
fake page, the signed IPN through the outbox, the return page, querydr from the fake."""

from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import Client
from django.utils import translation

from core import outbox
from integrations.payments.models import EReceipt, FakeGatewayTransaction, PaymentAttempt
from integrations.payments.service import (
    payment_attempts,
    payment_receipt,
    payment_requery,
    payment_start,
    payment_state,
)

pytestmark = pytest.mark.django_db
REF = "dossier:12:fee:3"


def start(amount: int = 50000) -> str:
    return payment_start(
        reference=REF,
        amount=amount,
        order_info="Lệ phí hồ sơ 12: chứng thực bản sao",
        back_url="/my/dossiers/12/",
        client_ip="203.0.113.9",
    )


def choose(client: Client, url: str, choice: str) -> str:
    """Open the fake gateway's page and press a button; returns where it sends the browser."""
    page = client.get(url)
    assert page.status_code == 200
    query = page.context["query"]
    answer = client.post(urlsplit(url).path, {"query": query, "choice": choice})
    assert answer.status_code == 302
    return str(answer["Location"])


def test_pay_confirms_through_the_ipn_and_emits_once(confirmed: list[dict[str, Any]]) -> None:
    client = Client(headers={"accept-language": "en"})
    url = start()
    assert url.startswith("/payments/fake-gateway/paymentv2/vpcpay.html?")
    params = dict(parse_qsl(urlsplit(url).query))
    assert params["vnp_Amount"] == "5000000"
    assert params["vnp_OrderInfo"] == "Le phi ho so 12: chung thuc ban sao"
    assert payment_state(reference=REF) == "pending"

    back = choose(client, url, "pay")
    assert back.startswith("/payments/vnpay/return/?")
    with translation.override("en"):
        before = client.get(back)
    assert "waiting for its confirmation" in before.content.decode()
    assert PaymentAttempt.objects.get().state == "created"  # the return changes nothing

    outbox.drain()
    attempt = PaymentAttempt.objects.get()
    assert attempt.state == "paid"
    assert payment_state(reference=REF) == "paid"
    assert [
        (p["reference"], p["amount"], p["method"], p["payment_reference"]) for p in confirmed
    ] == [(REF, 50000, "online", attempt.txn_ref)]
    with translation.override("en"):
        after = client.get(back)
    assert "Your payment has been received." in after.content.decode()
    assert 'href="/my/dossiers/12/"' in after.content.decode()
    receipt = payment_receipt(reference=REF)
    assert receipt is not None and receipt["number"] == EReceipt.objects.get().number


def test_cancel_then_pay_again(confirmed: list[dict[str, Any]]) -> None:
    client = Client(headers={"accept-language": "en"})
    choose(client, start(), "cancel")
    outbox.drain()
    assert PaymentAttempt.objects.get().state == "cancelled"
    assert payment_state(reference=REF) == "unpaid"
    choose(client, start(), "fail")
    outbox.drain()
    assert sorted(a.state for a in payment_attempts(reference=REF)) == ["cancelled", "failed"]
    choose(client, start(), "pay")
    outbox.drain()
    assert payment_state(reference=REF) == "paid"
    assert len(confirmed) == 1


def test_requery_finds_a_payment_whose_ipn_was_lost(confirmed: list[dict[str, Any]]) -> None:
    choose(Client(), start(), "pay")
    assert FakeGatewayTransaction.objects.get().transaction_status == "00"
    # the IPN's outbox row is never sent: the "check again" button asks the gateway
    assert payment_requery(reference=REF) == "paid"
    assert PaymentAttempt.objects.get().state == "paid"
    outbox.drain()  # the late IPN now finds it confirmed
    assert len(confirmed) == 1


def test_the_fake_page_refuses_a_tampered_request() -> None:
    url = start().replace("vnp_Amount=5000000", "vnp_Amount=100")
    answer = Client(headers={"accept-language": "en"}).get(url)
    assert answer.status_code == 400


def test_an_inner_call_leaves_the_outer_language_alone() -> None:
    start()
    with translation.override("en"):
        payment_requery(reference=REF)  # asks the fake's merchant API in-process
        assert translation.get_language() == "en"
