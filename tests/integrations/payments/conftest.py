"""Payments tests: the fake gateway by default, and a recorder in place of the workflow
layer's ``payment_confirmed`` subscriber (these tests are about the integration alone)."""

from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from core import events, outbox

from .peer import VnpayPeer


@pytest.fixture(autouse=True)
def _payment_settings(settings: Any) -> None:
    settings.MOTCUA_PAYMENT_BACKEND = "vnpay_fake"
    settings.MOTCUA_VNPAY_TMN_CODE = ""
    settings.MOTCUA_VNPAY_HASH_SECRET = ""
    settings.MOTCUA_EINVOICE_BACKEND = "fake"


@pytest.fixture
def confirmed(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Payloads of ``payment_confirmed`` as a subscriber receives them (on ``outbox.drain``)."""
    received: list[dict[str, Any]] = []

    def record(delivery: outbox.Delivery) -> None:
        received.append(dict(delivery.payload))

    monkeypatch.setitem(outbox.senders._items, events.kind_of("payment_confirmed"), record)
    return received


def ipn_params(attempt: Any, **changes: str) -> dict[str, str]:
    """The fields VNPAY sends on an IPN for ``attempt``, a success unless changed."""
    from integrations.payments import protocol
    from integrations.payments.backends.vnpay_fake import FAKE_TMN_CODE

    params = {
        "vnp_Amount": protocol.to_gateway_amount(attempt.amount),
        "vnp_BankCode": "NCB",
        "vnp_BankTranNo": "VNP14000001",
        "vnp_CardType": "ATM",
        "vnp_OrderInfo": attempt.order_info,
        "vnp_PayDate": "20261128120500",
        "vnp_ResponseCode": "00",
        "vnp_TmnCode": FAKE_TMN_CODE,
        "vnp_TransactionNo": "14000001",
        "vnp_TransactionStatus": "00",
        "vnp_TxnRef": attempt.txn_ref,
    }
    params.update(changes)
    return params


def signed(params: dict[str, str], secret: str = "") -> str:
    from integrations.payments import protocol
    from integrations.payments.backends.vnpay_fake import FAKE_SECRET

    return protocol.redirect_sign(secret or FAKE_SECRET, params)


@pytest.fixture
def attempt() -> Any:
    """An attempt started through the service (the fake backend)."""
    from integrations.payments.models import PaymentAttempt
    from integrations.payments.service import payment_start

    payment_start(
        reference="dossier:12:fee:3",
        amount=50000,
        order_info="Le phi",
        back_url="/my/dossiers/12/",
        client_ip="203.0.113.9",
    )
    return PaymentAttempt.objects.get(reference="dossier:12:fee:3")


@pytest.fixture
def vnpay_peer(httpserver: HTTPServer, settings: Any) -> VnpayPeer:
    """The VNPAY backend configured against an in-test merchant API."""
    api = "/merchant_webapi/api/transaction"
    peer = VnpayPeer(tmn_code="TESTTMN1", secret="TESTSECRET")
    httpserver.expect_request(api, method="POST").respond_with_handler(peer.handle)
    settings.DEBUG = True  # the in-test server speaks http://, refused without DEBUG
    settings.MOTCUA_PAYMENT_BACKEND = "vnpay"
    settings.MOTCUA_VNPAY_TMN_CODE = "TESTTMN1"
    settings.MOTCUA_VNPAY_HASH_SECRET = "TESTSECRET"
    settings.MOTCUA_VNPAY_API_URL = httpserver.url_for(api)
    settings.MOTCUA_VNPAY_TIMEOUT = 1
    settings.MOTCUA_PUBLIC_URL = "https://dvc.example.vn"
    return peer
