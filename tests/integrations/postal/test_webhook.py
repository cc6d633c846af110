"""POST /postal/webhook/<backend>/: signed, stored, deduplicated, applied."""

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from integrations.postal.backends.protocol import signature
from integrations.postal.models import Shipment, ShipmentEvent

from .conftest import status_events

pytestmark = pytest.mark.django_db
SECRET = "w" * 32
URL = "/postal/webhook/vnpost_http/"


@pytest.fixture
def shipment(settings: Any) -> Shipment:
    settings.MOTCUA_POSTAL_BACKEND = "vnpost_http"
    settings.MOTCUA_POSTAL_WEBHOOK_SECRET = SECRET
    return Shipment.objects.create(
        reference="dossier:7",
        kind="delivery",
        backend="vnpost_http",
        partner_code="dossier:7:delivery:1",
        order_id="VNP-7",
        tracking_number="EE123456785VN",
        status_at=timezone.now() - timedelta(days=1),
        parties={},
        weight_grams=100,
        payer="sender",
    )


def _post(event: dict[str, str], *, secret: str = SECRET, tracking: str = "EE123456785VN") -> Any:
    body = json.dumps({"tracking_number": tracking, "event": event}).encode()
    return Client().post(
        URL,
        data=body,
        content_type="application/json",
        HTTP_X_SIGNATURE=signature(secret, body),
    )


def _event(event_id: str, status: str, time: str) -> dict[str, str]:
    return {"id": event_id, "status": status, "time": time, "location": "Bưu cục Hà Nội"}


def test_a_signed_event_is_stored_and_applied(shipment: Shipment) -> None:
    response = _post(_event("e1", "PICKED_UP", "2026-11-28T09:00:00+07:00"))
    assert response.status_code == 200 and response.json() == {"received": 1, "applied": 1}
    shipment.refresh_from_db()
    assert shipment.status == "picked_up"
    event = ShipmentEvent.objects.get()
    assert event.source == "webhook" and event.raw["location"] == "Bưu cục Hà Nội"
    assert status_events() == [
        {
            "reference": "dossier:7",
            "tracking_number": "EE123456785VN",
            "status": "picked_up",
            "at": "2026-11-28T09:00:00+07:00",
        }
    ]


def test_a_bad_or_missing_signature_is_403_and_nothing_stored(shipment: Shipment) -> None:
    assert (
        _post(_event("e1", "DELIVERED", "2026-11-28T09:00:00"), secret="x" * 32).status_code == 403
    )
    unsigned = Client().post(URL, data=json.dumps({"event": {}}), content_type="application/json")
    assert unsigned.status_code == 403
    assert not ShipmentEvent.objects.exists() and status_events() == []


def test_a_replayed_event_is_applied_once(shipment: Shipment) -> None:
    event = _event("e1", "IN_TRANSIT", "2026-11-28T09:00:00+07:00")
    assert _post(event).json()["applied"] == 1
    assert _post(event).json() == {"received": 1, "applied": 0}
    assert ShipmentEvent.objects.count() == 1 and len(status_events()) == 1


def test_out_of_order_events_never_move_back(shipment: Shipment) -> None:
    _post(_event("e3", "DELIVERED", "2026-11-28T15:00:00+07:00"))
    late = _post(_event("e2", "IN_TRANSIT", "2026-11-28T10:00:00+07:00"))
    returned = _post(_event("e4", "RETURNED", "2026-11-29T10:00:00+07:00"))
    assert late.status_code == returned.status_code == 200
    shipment.refresh_from_db()
    assert shipment.status == "delivered"
    assert ShipmentEvent.objects.count() == 3
    assert [e["status"] for e in status_events()] == ["delivered"]


def test_unknown_shipment_404_so_the_provider_retries(shipment: Shipment) -> None:
    response = _post(_event("e1", "PICKED_UP", "2026-11-28T09:00:00"), tracking="EE000000005VN")
    assert response.status_code == 404


def test_unreadable_bodies_are_400(shipment: Shipment) -> None:
    for body in (b"not json", b'{"tracking_number": "EE123456785VN"}', b'{"event": {"id": 1}}'):
        response = Client().post(
            URL,
            data=body,
            content_type="application/json",
            HTTP_X_SIGNATURE=signature(SECRET, body),
        )
        assert response.status_code == 400, body


def test_a_body_too_large_is_413(shipment: Shipment) -> None:
    body = b"{" + b" " * (64 * 1024) + b"}"
    response = Client().post(
        URL, data=body, content_type="application/json", HTTP_X_SIGNATURE=signature(SECRET, body)
    )
    assert response.status_code == 413 and not ShipmentEvent.objects.exists()


def test_unknown_backend_and_get_are_refused(shipment: Shipment) -> None:
    assert (
        Client()
        .post("/postal/webhook/pigeon/", data=b"{}", content_type="application/json")
        .status_code
        == 404
    )
    assert Client().get(URL).status_code == 405


def test_the_fake_is_not_served_over_http(shipment: Shipment) -> None:
    from integrations.postal.backends.fake import FakePostalBackend

    Shipment.objects.filter(pk=shipment.pk).update(backend="fake")
    body, headers = FakePostalBackend.webhook(
        shipment.tracking_number, {"id": "x", "status": "DELIVERED", "time": "2026-11-28T09:00"}
    )
    response = Client().post(
        "/postal/webhook/fake/",
        data=body,
        content_type="application/json",
        HTTP_X_SIGNATURE=headers["X-Signature"],
    )
    assert response.status_code == 404 and not ShipmentEvent.objects.exists()
