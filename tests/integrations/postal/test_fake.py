"""The fake provider: S10 numbers, the same order for the same code, progress with time
through the signed webhook path, and a poll that answers the same events."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.periodic import jobs
from integrations.postal.backends.fake import fake_advance
from integrations.postal.jobs import shipments_poll
from integrations.postal.models import Shipment, ShipmentEvent
from integrations.postal.s10 import s10_valid
from integrations.postal.service import shipment_create, shipment_for, shipment_refresh

from .conftest import order_args, status_events

pytestmark = pytest.mark.django_db


def _age(tracking_number: str, minutes: int) -> None:
    Shipment.objects.filter(tracking_number=tracking_number).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )


def test_create_gives_a_valid_s10_number_and_emits_created(settings) -> None:
    info = shipment_create(**order_args())
    assert s10_valid(info.tracking_number) and info.tracking_number.startswith("EE")
    assert info.status == "created" and info.backend == "fake"
    assert status_events() == [
        {
            "reference": "dossier:1",
            "tracking_number": info.tracking_number,
            "status": "created",
            "at": info.status_at.isoformat(),
        }
    ]
    # the parties are stored encrypted, never in clear text
    shipment = Shipment.objects.get()
    assert shipment.parties["receiver"]["name"] == "Nguyễn Văn An"
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT parties FROM postal_shipment")
        (stored,) = cursor.fetchone()
    assert "Nguy" not in stored and "0912345678" not in stored


def test_fake_advances_with_time_to_delivered(settings) -> None:
    settings.MOTCUA_POSTAL_FAKE_STEP_MINUTES = 2
    info = shipment_create(**order_args())
    assert fake_advance() == 0  # nothing happened yet
    _age(info.tracking_number, 3)
    assert fake_advance() == 1
    assert Shipment.objects.get().status == "picked_up"
    _age(info.tracking_number, 7)
    assert fake_advance() == 2  # in transit, delivered
    shipment = Shipment.objects.get()
    assert shipment.status == "delivered"
    assert list(shipment.events.values_list("source", flat=True)) == ["webhook"] * 3
    assert [e["status"] for e in status_events()] == [
        "created",
        "picked_up",
        "in_transit",
        "delivered",
    ]
    assert fake_advance() == 0  # final: nothing more
    assert shipment_for(reference="dossier:1").status == "delivered"  # type: ignore[union-attr]


def test_a_poll_of_the_fake_sees_the_same_events_once(settings) -> None:
    info = shipment_create(**order_args())
    _age(info.tracking_number, 5)  # picked up and in transit by now
    assert shipments_poll() == {"polled": 1, "applied": 2, "failed": 0}
    assert fake_advance() == 0  # the webhook brings the same events: deduplicated
    assert ShipmentEvent.objects.count() == 2
    refreshed = shipment_refresh(tracking_number=info.tracking_number)
    assert refreshed.status == "in_transit" and len(refreshed.events) == 2


def test_the_same_order_code_gives_the_same_order() -> None:
    from integrations.postal.base import Order, Party
    from integrations.postal.selection import backend_get

    party = Party("A", "0912345678", "1 Lê Lợi", "01", "00070")
    order = Order("dossier:1:delivery:1", party, party, "BK", "x", 100, 0, "sender")
    fake = backend_get("fake")
    assert fake.order_create(order) == fake.order_create(order)
    other = Order("dossier:1:delivery:2", party, party, "BK", "x", 100, 0, "sender")
    assert fake.order_create(other).tracking_number != fake.order_create(order).tracking_number


def test_the_jobs_are_registered() -> None:
    assert "postal.poll" in jobs and "postal.fake_advance" in jobs
