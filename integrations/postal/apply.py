"""Applying tracking events, from a webhook, a poll or the fake alike: stored once per key,
then the shipment's status moved on if the event advances it, and ``shipment_status`` emitted
in the same transaction (the workflow layer subscribes)."""

import hashlib
import logging
from typing import Any, cast

from django.db import IntegrityError, transaction

from core import events

from .base import TrackingEvent
from .models import Shipment, ShipmentEvent
from .states import advances

logger = logging.getLogger("motcua.postal")


class UnknownShipment(LookupError):
    """No shipment of this backend has the tracking number (yet)."""


def event_key(*, backend: str, event: TrackingEvent) -> str:
    """The deduplication key: the provider's event id, or (without one) what the event says."""
    if event.event_id:
        return f"{backend}:{event.tracking_number}:{event.event_id}"[:200]
    said = f"{event.provider_status}|{event.at.isoformat()}"
    return f"{backend}:{event.tracking_number}:h{hashlib.sha256(said.encode()).hexdigest()[:32]}"


def shipment_event_apply(*, backend: str, event: TrackingEvent, source: str) -> bool:
    """Store one event and apply it. Returns whether it changed the shipment's status
    (False for a duplicate, a late event, an unknown provider status). Raises
    UnknownShipment when no shipment of ``backend`` has the tracking number."""
    key = event_key(backend=backend, event=event)
    with transaction.atomic():
        shipment = (
            Shipment.objects.select_for_update()
            .filter(backend=backend, tracking_number=event.tracking_number)
            .first()
        )
        if shipment is None:
            raise UnknownShipment(event.tracking_number)
        if ShipmentEvent.objects.filter(key=key).exists():
            return False
        applied = advances(shipment.status, event.status)
        try:
            with transaction.atomic():
                ShipmentEvent.objects.create(
                    shipment=shipment,
                    key=key,
                    provider_event_id=event.event_id[:100],
                    provider_status=event.provider_status[:40],
                    status=event.status,
                    at=event.at,
                    source=source,
                    applied=applied,
                    raw=cast(Any, event.raw),
                )
        except IntegrityError:  # the same event, stored by a concurrent request
            return False
        if not applied:
            logger.info(
                "postal event kept, status unchanged",
                extra={"shipment": shipment.pk, "status": event.status, "source": source},
            )
            return False
        Shipment.objects.filter(pk=shipment.pk).update(status=event.status, status_at=event.at)
        events.emit(
            "shipment_status",
            {
                "reference": shipment.reference,
                "tracking_number": shipment.tracking_number,
                "status": event.status,
                "at": event.at.isoformat(),
            },
            key=key,
            ordering_key=shipment.reference,
        )
    return True
