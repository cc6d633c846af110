"""The return page, the fake gateway's pages and merchant API, the admin's refund action,
the system check."""

from typing import Any

import pytest
from django.core.checks import Error
from django.test import Client
from django.utils import translation

from integrations.payments import protocol
from integrations.payments.backends.vnpay_fake import FAKE_SECRET, FAKE_TMN_CODE
from integrations.payments.checks import payments_check
from integrations.payments.models import PaymentAttempt, PaymentCallback, Refund

from .conftest import ipn_params, signed

pytestmark = pytest.mark.django_db
RETURN = "/payments/vnpay/return/"


def page(query: str) -> tuple[int, str]:
    with translation.override("en"):
        answer = Client(headers={"accept-language": "en"}).get(f"{RETURN}?{query}")
    return answer.status_code, answer.content.decode()


def test_the_return_page_shows_each_outcome_and_changes_nothing(attempt: Any) -> None:
    cancel = ipn_params(attempt, vnp_ResponseCode="24", vnp_TransactionStatus="02")
    status, text = page(signed(cancel))
    assert status == 200 and "You cancelled the payment." in text
    fail = ipn_params(attempt, vnp_ResponseCode="51", vnp_TransactionStatus="02")
    assert "did not go through" in page(signed(fail))[1]
    assert "waiting for its confirmation" in page(signed(ipn_params(attempt)))[1]
    attempt.refresh_from_db()
    assert attempt.state == "created"
    assert '<a href="/my/dossiers/12/">' in text and "<h1" in text
    page(signed(cancel))  # a reload
    returns = PaymentCallback.objects.filter(source="return", verified=True)
    assert sorted(returns.values_list("outcome", flat=True)) == ["00", "24", "51"]


def test_the_return_page_refuses_what_it_cannot_verify(attempt: Any) -> None:
    status, text = page(signed(ipn_params(attempt), secret="forged"))
    assert status == 400 and "could not be verified" in text
    assert 'href="/"' in text
    status, _ = page(signed(ipn_params(attempt, vnp_TxnRef="UNKNOWN")))
    assert status == 400
    assert not PaymentCallback.objects.exists()


def test_the_fake_gateway_is_off_with_a_real_backend(attempt: Any, settings: Any) -> None:
    settings.MOTCUA_PAYMENT_BACKEND = "vnpay"
    assert (
        Client(headers={"accept-language": "en"})
        .get("/payments/fake-gateway/paymentv2/vpcpay.html")
        .status_code
        == 404
    )
    api = Client(headers={"accept-language": "en"}).post(
        "/payments/fake-gateway/merchant_webapi/api/transaction",
        {},
        content_type="application/json",
    )
    assert api.status_code == 404


def test_the_fake_gateway_needs_a_choice_and_csrf(attempt: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    url = "/payments/fake-gateway/paymentv2/vpcpay.html"
    assert client.post(url, {"query": "x", "choice": "pay"}).status_code == 403


def test_the_fake_merchant_api_checks_its_checksum(attempt: Any) -> None:
    body = {
        "vnp_RequestId": "R1",
        "vnp_Version": "2.1.0",
        "vnp_Command": "querydr",
        "vnp_TmnCode": FAKE_TMN_CODE,
        "vnp_TxnRef": attempt.txn_ref,
        "vnp_TransactionDate": attempt.create_date,
        "vnp_CreateDate": attempt.create_date,
        "vnp_IpAddr": "127.0.0.1",
        "vnp_OrderInfo": "q",
    }
    url = "/payments/fake-gateway/merchant_webapi/api/transaction"

    def ask(data: dict[str, Any]) -> dict[str, Any]:
        answer: dict[str, Any] = (
            Client(headers={"accept-language": "en"})
            .post(url, data, content_type="application/json")
            .json()
        )
        return answer

    wrong = ask({**body, "vnp_SecureHash": protocol.redirect_hash(FAKE_SECRET, body.items())})
    assert wrong["vnp_ResponseCode"] == "97"
    good = {
        **body,
        "vnp_SecureHash": protocol.api_hash(FAKE_SECRET, protocol.QUERYDR_REQUEST, body),
    }
    answer = ask(good)
    assert answer["vnp_ResponseCode"] == "91"  # nobody paid on the fake yet
    assert protocol.api_verify(FAKE_SECRET, protocol.QUERYDR_RESPONSE, answer)
    assert Client(headers={"accept-language": "en"}).post(
        url, "not json", content_type="application/json"
    ).json() == {
        "vnp_ResponseCode": "99",
        "vnp_Message": "Invalid request",
    }


def test_the_system_check(settings: Any) -> None:
    settings.DEBUG = False
    settings.MOTCUA_ALLOW_FAKES = False
    assert {issue.id for issue in payments_check(None)} == {"motcua.E130"}
    settings.MOTCUA_ALLOW_FAKES = True
    assert payments_check(None) == []
    settings.MOTCUA_PAYMENT_BACKEND = "vnpay"
    messages = [issue.msg for issue in payments_check(None)]
    assert "payments backend 'vnpay': MOTCUA_VNPAY_HASH_SECRET is not set." in messages
    assert "payments backend 'vnpay': MOTCUA_PUBLIC_URL must be an https:// address." in (messages)
    settings.MOTCUA_PAYMENT_BACKEND = "paypal"
    [issue] = payments_check(None)
    assert isinstance(issue, Error) and "Unknown payment backend" in issue.msg
    settings.MOTCUA_PAYMENT_BACKEND = ""  # counter payments only
    assert payments_check(None) == []


def test_an_officer_resolves_a_double_payment_in_the_admin(
    admin_client: Client, attempt: Any
) -> None:
    PaymentAttempt.objects.filter(pk=attempt.pk).update(state="paid")
    refund = Refund.objects.create(attempt=attempt, amount=50000, state="needs_officer")
    listing = admin_client.get("/admin/payments/refund/")
    assert listing.status_code == 200
    answer = admin_client.post(
        "/admin/payments/refund/",
        {"action": "mark_resolved", "_selected_action": [refund.pk]},
    )
    assert answer.status_code == 302
    refund.refresh_from_db()
    assert refund.resolved_at is not None and refund.resolved_by == "admin"
    assert (
        admin_client.get(f"/admin/payments/paymentattempt/{attempt.pk}/change/").status_code == 200
    )
    assert admin_client.get("/admin/payments/paymentattempt/add/").status_code == 403


def test_the_fake_gateway_refuses_an_expired_request(settings: Any) -> None:
    from integrations.payments.service import payment_start

    settings.MOTCUA_PAYMENT_EXPIRE_MINUTES = -1
    url = payment_start(
        reference="dossier:1:fee:1", amount=1000, order_info="x", back_url="/", client_ip="::1"
    )
    with translation.override("en"):
        answer = Client(headers={"accept-language": "en"}).get(url)
    assert "has run out" in answer.content.decode()
    assert 'value="pay"' not in answer.content.decode()
