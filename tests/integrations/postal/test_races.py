"""On PostgreSQL's real locks: the same shipment ordered by 8 requests at once is one
shipment; the same webhook event posted 8 times at once is stored and emitted once."""

from typing import Any

import pytest

from integrations.postal.backends.fake import FakePostalBackend
from integrations.postal.models import Shipment, ShipmentEvent
from integrations.postal.service import shipment_create
from integrations.postal.webhook import webhook_receive
from tests.concurrency import at_once

from .conftest import order_args, status_events

COUNT = 8


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_orders_make_one_shipment(settings: Any) -> None:
    settings.MOTCUA_POSTAL_BACKEND = "fake"
    answers, errors = at_once(*[lambda: shipment_create(**order_args())] * COUNT)
    assert not errors, errors
    assert len({a.tracking_number for a in answers}) == 1
    assert Shipment.objects.count() == 1
    assert [e["status"] for e in status_events()] == ["created"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_webhook_sent_at_once_is_applied_once(settings: Any) -> None:
    settings.MOTCUA_POSTAL_BACKEND = "fake"
    info = shipment_create(**order_args())
    raw = {"id": "fake-picked_up", "status": "PICKED_UP", "time": "2026-11-28T09:00:00+07:00"}
    body, headers = FakePostalBackend.webhook(info.tracking_number, raw)
    answers, errors = at_once(
        *[lambda: webhook_receive(backend_id="fake", body=body, headers=headers)] * COUNT
    )
    assert not errors, errors
    assert sum(a.applied for a in answers) == 1
    assert ShipmentEvent.objects.count() == 1
    assert [e["status"] for e in status_events()] == ["created", "picked_up"]
