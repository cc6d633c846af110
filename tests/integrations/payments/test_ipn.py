"""The IPN endpoint: every RspCode, stored callbacks, replays and out-of-order messages."""

from typing import Any

import pytest
from django.test import Client

from core.outbox.models import OutboxMessage
from integrations.payments import ipn as ipn_module
from integrations.payments.models import PaymentCallback, Refund

from .conftest import ipn_params, signed

pytestmark = pytest.mark.django_db
URL = "/payments/vnpay/ipn/"


def send(query: str) -> dict[str, Any]:
    answer = Client().get(f"{URL}?{query}")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/json"
    data: dict[str, Any] = answer.json()
    return data


def confirmations() -> int:
    return OutboxMessage.objects.filter(kind="event.payment_confirmed").count()


def test_a_valid_success_confirms_once_and_a_replay_answers_02(attempt: Any) -> None:
    query = signed(ipn_params(attempt))
    assert send(query) == {"RspCode": "00", "Message": "Confirm Success"}
    attempt.refresh_from_db()
    assert (attempt.state, attempt.transaction_no, attempt.bank_code) == ("paid", "14000001", "NCB")
    assert attempt.paid_at is not None and attempt.paid_at.isoformat().startswith("2026-11-28T")
    assert send(query)["RspCode"] == "02"
    assert confirmations() == 1
    outcomes = list(PaymentCallback.objects.order_by("pk").values_list("outcome", "verified"))
    assert outcomes == [("00", True), ("02", True)]
    assert PaymentCallback.objects.first().raw == query  # type: ignore[union-attr]


def test_bad_checksum_is_97_and_changes_nothing(attempt: Any) -> None:
    query = signed(ipn_params(attempt)).replace("vnp_ResponseCode=00", "vnp_ResponseCode=01")
    assert send(query)["RspCode"] == "97"
    assert send(signed(ipn_params(attempt), secret="another secret"))["RspCode"] == "97"
    attempt.refresh_from_db()
    assert attempt.state == "created"
    assert not PaymentCallback.objects.filter(verified=True).exists()
    assert confirmations() == 0


def test_unknown_order_and_foreign_merchant_are_01(attempt: Any) -> None:
    assert send(signed(ipn_params(attempt, vnp_TxnRef="NOSUCHREF")))["RspCode"] == "01"
    assert send(signed(ipn_params(attempt, vnp_TmnCode="OTHERTMN")))["RspCode"] == "01"
    attempt.refresh_from_db()
    assert attempt.state == "created"


def test_wrong_amount_is_04(attempt: Any) -> None:
    assert send(signed(ipn_params(attempt, vnp_Amount="500000")))["RspCode"] == "04"
    assert send(signed(ipn_params(attempt, vnp_Amount="5000001")))["RspCode"] == "04"
    attempt.refresh_from_db()
    assert attempt.state == "created"


def test_a_failure_after_a_success_changes_nothing(attempt: Any) -> None:
    assert send(signed(ipn_params(attempt)))["RspCode"] == "00"
    failure = ipn_params(attempt, vnp_ResponseCode="51", vnp_TransactionStatus="02")
    assert send(signed(failure))["RspCode"] == "02"
    attempt.refresh_from_db()
    assert attempt.state == "paid" and attempt.response_code == "00"


def test_a_success_after_a_failure_ends_paid(attempt: Any) -> None:
    failure = ipn_params(attempt, vnp_ResponseCode="51", vnp_TransactionStatus="02")
    assert send(signed(failure))["RspCode"] == "00"
    attempt.refresh_from_db()
    assert attempt.state == "failed"
    assert send(signed(failure))["RspCode"] == "02"
    assert send(signed(ipn_params(attempt)))["RspCode"] == "00"
    attempt.refresh_from_db()
    assert attempt.state == "paid"
    assert confirmations() == 1


def test_a_cancel_is_recorded_as_cancelled(attempt: Any) -> None:
    cancel = ipn_params(attempt, vnp_ResponseCode="24", vnp_TransactionStatus="02")
    assert send(signed(cancel))["RspCode"] == "00"
    attempt.refresh_from_db()
    assert attempt.state == "cancelled"


def test_unexpected_errors_are_99_as_json(attempt: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("database went away")

    monkeypatch.setattr(ipn_module, "attempt_apply", broken)
    assert send(signed(ipn_params(attempt)))["RspCode"] == "99"
    attempt.refresh_from_db()
    assert attempt.state == "created"
    [stored] = PaymentCallback.objects.all()
    assert (stored.outcome, stored.attempt, stored.txn_ref) == ("99", None, attempt.txn_ref)
    answer = Client(enforce_csrf_checks=True).post(URL, {})
    assert answer.status_code == 200 and answer.json()["RspCode"] == "99"


def test_no_backend_configured_is_99(attempt: Any, settings: Any) -> None:
    settings.MOTCUA_PAYMENT_BACKEND = ""
    assert send(signed(ipn_params(attempt)))["RspCode"] == "99"


def test_a_second_paid_attempt_is_refunded_not_confirmed(attempt: Any) -> None:
    from integrations.payments.models import PaymentAttempt

    second = PaymentAttempt.objects.create(
        txn_ref="SECOND1", reference=attempt.reference, amount=attempt.amount, backend="vnpay_fake"
    )
    assert send(signed(ipn_params(attempt)))["RspCode"] == "00"
    assert send(signed(ipn_params(second, vnp_TransactionNo="14000002")))["RspCode"] == "00"
    second.refresh_from_db()
    assert second.state == "paid"
    assert confirmations() == 1
    refund = Refund.objects.get()
    assert (refund.attempt, refund.amount, refund.state) == (second, 50000, "requested")
