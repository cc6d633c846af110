"""Payments tests: the fake gateway by default, and a recorder in place of the workflow
layer's ``payment_confirmed`` subscriber (these tests are about the integration alone)."""

from typing import Any

import pytest

from core import events, outbox


@pytest.fixture(autouse=True)
def _payment_settings(settings: Any) -> None:
    settings.MOTCUA_PAYMENT_BACKEND = "vnpay_fake"
    settings.MOTCUA_VNPAY_TMN_CODE = ""
    settings.MOTCUA_VNPAY_HASH_SECRET = ""
    settings.MOTCUA_PAYMENT_SITE_URL = ""
    settings.MOTCUA_EINVOICE_BACKEND = "fake"


@pytest.fixture
def confirmed(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Payloads of ``payment_confirmed`` as a subscriber receives them (on ``outbox.drain``)."""
    received: list[dict[str, Any]] = []

    def record(delivery: outbox.Delivery) -> None:
        received.append(dict(delivery.payload))

    monkeypatch.setitem(outbox.senders._items, events.kind_of("payment_confirmed"), record)
    return received
