"""The periodic poll of shipments in progress (the fake's progress is its own job, in
``backends/fake.py``)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from core.periodic import periodic

from .apply import shipment_event_apply
from .base import PostalError
from .models import Shipment, ShipmentEvent
from .selection import backend_get
from .states import ACTIVE

logger = logging.getLogger("motcua.postal")
POLL_BATCH = 200


def shipment_poll(shipment: Shipment) -> int:
    """Ask the provider for one shipment's events and apply the new ones; returns how many
    changed its status. PostalError (timeout, 5xx) propagates: the caller retries later."""
    backend = backend_get(shipment.backend)
    found = backend.track(shipment.tracking_number)
    Shipment.objects.filter(pk=shipment.pk).update(polled_at=timezone.now())
    return sum(
        shipment_event_apply(backend=backend.id, event=event, source=ShipmentEvent.Source.POLL)
        for event in found
    )


def shipments_poll(*, limit: int = POLL_BATCH) -> dict[str, int]:
    """Poll the shipments in progress, the longest unpolled first; one that fails (the
    provider down, slow, or refusing) is left for the next round."""
    counts = {"polled": 0, "applied": 0, "failed": 0}
    due = Shipment.objects.filter(status__in=ACTIVE).order_by(
        F("polled_at").asc(nulls_first=True), "pk"
    )
    for shipment in due[:limit]:
        try:
            counts["applied"] += shipment_poll(shipment)
            counts["polled"] += 1
        except (PostalError, LookupError) as exc:
            counts["failed"] += 1
            logger.warning(
                "postal poll failed",
                extra={"shipment": shipment.pk, "error": f"{type(exc).__name__}: {exc}"[:300]},
            )
    return counts


@periodic("postal.poll", every=timedelta(minutes=settings.MOTCUA_POSTAL_POLL_MINUTES))
def _poll_job() -> None:
    shipments_poll()
