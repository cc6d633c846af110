"""The fake postal service: in-process, for the embedded default and the tests.

It answers orders with S10 tracking numbers (the same number for the same partner code, as
the provider does), and moves a shipment on with time: picked up after one step of
``MOTCUA_POSTAL_FAKE_STEP_MINUTES``, in transit after two, delivered after three. A periodic
job (``postal.fake_advance``) sends what happened as signed webhooks through the same code as
the provider's; ``track`` answers the same events to a poll."""

import hashlib
import hmac
import json
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from core.periodic import periodic

from ..base import Created, Order, PostalBackend, PostalRejected, TrackingEvent
from ..base import backends as registry
from ..models import Shipment
from ..s10 import s10_number
from ..states import ACTIVE
from ..webhook import webhook_receive
from . import protocol

STAGES = ("PICKED_UP", "IN_TRANSIT", "DELIVERED")


def fake_secret() -> str:
    """The fake's webhook secret, derived from SECRET_KEY (nothing to configure)."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"motcua postal fake webhook", hashlib.sha256).hexdigest()


@registry.register("fake")
class FakePostalBackend(PostalBackend):
    id = "fake"
    fake = True

    def order_create(self, order: Order) -> Created:
        if order.weight_grams <= 0:
            raise PostalRejected("weight must be positive")
        digest = hashlib.sha256(order.partner_code.encode()).hexdigest()
        serial = int(digest[:12], 16) % 10**8
        return Created(
            order_id=f"FAKE{digest[:12].upper()}",
            tracking_number=s10_number(prefix="EE", serial=serial),
        )

    def track(self, tracking_number: str) -> list[TrackingEvent]:
        shipment = Shipment.objects.filter(backend=self.id, tracking_number=tracking_number).first()
        if shipment is None:
            raise PostalRejected(f"unknown tracking number {tracking_number}")
        return [
            protocol.event_from(raw, tracking_number=tracking_number)
            for raw in self.happened(shipment.created_at, now=timezone.now())
        ]

    def webhook_events(self, body: bytes, headers: dict[str, str]) -> list[TrackingEvent]:
        return protocol.webhook_events(secret=fake_secret(), body=body, headers=headers)

    @staticmethod
    def happened(created: datetime, *, now: datetime) -> list[dict[str, str]]:
        """The provider's events of a shipment created at ``created``, up to ``now``."""
        step = timedelta(minutes=settings.MOTCUA_POSTAL_FAKE_STEP_MINUTES)
        found = []
        for number, code in enumerate(STAGES, start=1):
            at = created + step * number
            if at > now:
                break
            found.append({"id": f"fake-{code.lower()}", "status": code, "time": at.isoformat()})
        return found

    @staticmethod
    def webhook(tracking_number: str, raw: dict[str, str]) -> tuple[bytes, dict[str, str]]:
        """A webhook as the provider sends it: body and signature header."""
        body = json.dumps({"tracking_number": tracking_number, "event": raw}).encode()
        return body, {protocol.SIGNATURE_HEADER: protocol.signature(fake_secret(), body)}


def fake_advance() -> int:
    """The fake provider sends what happened to its shipments since, as signed webhooks;
    returns how many changed a status."""
    now = timezone.now()
    applied = 0
    for shipment in Shipment.objects.filter(backend=FakePostalBackend.id, status__in=ACTIVE):
        seen = set(shipment.events.values_list("provider_event_id", flat=True))
        for raw in FakePostalBackend.happened(shipment.created_at, now=now):
            if raw["id"] in seen:
                continue
            body, headers = FakePostalBackend.webhook(shipment.tracking_number, raw)
            applied += webhook_receive(
                backend_id=FakePostalBackend.id, body=body, headers=headers
            ).applied
    return applied


@periodic("postal.fake_advance", every=timedelta(minutes=1))
def _fake_job() -> None:
    fake_advance()
