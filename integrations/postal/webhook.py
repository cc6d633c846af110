"""The provider's webhook, however it arrives (the HTTP view, the fake's job): verified by
the backend, then every event stored and applied."""

from dataclasses import dataclass

from .apply import UnknownShipment, shipment_event_apply
from .models import ShipmentEvent
from .selection import backend_get


@dataclass(frozen=True)
class Received:
    events: int
    applied: int


def webhook_receive(*, backend_id: str, body: bytes, headers: dict[str, str]) -> Received:
    """Raises WebhookRejected (bad signature: 403; unreadable: 400), UnknownShipment (no
    shipment has the tracking number yet: the provider retries later) or LookupError (no such
    backend)."""
    backend = backend_get(backend_id)
    found = backend.webhook_events(body, headers)
    applied = 0
    for event in found:
        applied += shipment_event_apply(
            backend=backend.id, event=event, source=ShipmentEvent.Source.WEBHOOK
        )
    return Received(events=len(found), applied=applied)


__all__ = ["Received", "UnknownShipment", "webhook_receive"]
