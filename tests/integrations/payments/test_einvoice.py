"""E-receipts: issued after a confirmed payment through the outbox, once per payment, retried
while the provider is away."""

from typing import Any

import pytest

from core import outbox
from integrations.payments.einvoice import IssuedReceipt, ReceiptRequest
from integrations.payments.einvoice.fake import FakeEInvoiceBackend
from integrations.payments.models import EReceipt
from integrations.payments.service import payment_counter_record, payment_receipt

pytestmark = pytest.mark.django_db


def pay(reference: str) -> None:
    payment_counter_record(reference=reference, amount=20000, receipt_number="BL", recorded_by="c")


def test_receipts_are_numbered_in_order_once_per_payment() -> None:
    pay("dossier:1:fee:1")
    pay("dossier:2:fee:1")
    assert payment_receipt(reference="dossier:1:fee:1") is None  # not issued yet
    outbox.drain()
    first = payment_receipt(reference="dossier:1:fee:1")
    second = payment_receipt(reference="dossier:2:fee:1")
    assert first is not None and second is not None
    assert first["number"].endswith("-00000001") and second["number"].endswith("-00000002")
    assert first["provider"] == "fake" and len(first["lookup_code"]) == 12
    assert EReceipt.objects.count() == 2


def test_the_provider_dedupes_on_the_payment_key() -> None:
    provider = FakeEInvoiceBackend()
    from django.utils import timezone

    request = ReceiptRequest(
        key="TXN1", reference="r", amount=1, paid_at=timezone.now(), method="online", description=""
    )
    assert provider.issue(request) == provider.issue(request)


def test_a_provider_failure_is_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def flaky(self: Any, receipt: ReceiptRequest) -> IssuedReceipt:
        calls.append(receipt.key)
        if len(calls) == 1:
            raise ConnectionError("provider away")
        return IssuedReceipt(number="AA/26E-0000123", lookup_code="LOOK")

    monkeypatch.setattr(FakeEInvoiceBackend, "issue", flaky)
    pay("dossier:3:fee:1")
    assert outbox.drain().get("retry") == 1
    assert payment_receipt(reference="dossier:3:fee:1") is None
    from django.utils import timezone

    from core.outbox.models import OutboxMessage

    OutboxMessage.objects.filter(kind="payments.einvoice").update(next_attempt_at=timezone.now())
    outbox.drain()
    receipt = payment_receipt(reference="dossier:3:fee:1")
    assert receipt is not None and receipt["number"] == "AA/26E-0000123"
