"""The fee state in the applicant's dossier (GET /api/v1/my/dossiers/{code}): owed, then paid
with how and the receipt number."""

import pytest

from core import events, outbox
from workflows.models import DossierFee
from workflows.services.fees import fee_reference

from .conftest import ApiDesk, submitted

pytestmark = pytest.mark.django_db


def test_the_dossier_shows_its_fees_owed_then_paid(api_desk: ApiDesk) -> None:
    dossier = submitted(api_desk)
    assert api_desk.client.get(f"/api/v1/my/dossiers/{dossier.code}").json()["fees"] == []
    fee = DossierFee.objects.create(dossier=dossier, name="Lệ phí", amount=30_000)

    owed = api_desk.client.get(f"/api/v1/my/dossiers/{dossier.code}", HTTP_ACCEPT_LANGUAGE="en")
    [item] = owed.json()["fees"]
    assert (item["amount"], item["status"], item["status_label"]) == (30_000, "owed", "Owed")
    assert (item["method"], item["paid_at"], item["receipt_number"]) == ("", None, "")

    payload = {
        "reference": fee_reference(fee),
        "amount": 30_000,
        "method": "counter",
        "paid_at": "2026-11-28T09:30:00+07:00",
        "payment_reference": "BL-77",
        "receipt_number": "BL-77",
    }
    events.emit("payment_confirmed", payload, key="counter:BL-77")
    outbox.drain()
    [item] = api_desk.client.get(f"/api/v1/my/dossiers/{dossier.code}").json()["fees"]
    assert (item["status"], item["method"], item["receipt_number"]) == ("paid", "counter", "BL-77")
    assert item["paid_at"].startswith("2026-11-28T")
