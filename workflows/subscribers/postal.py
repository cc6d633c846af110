"""The postal service's news about a dossier's shipment (``shipment_status``): the progress in
the processing log; on delivery the process moves on (``shipment_delivered``: the result
returned, status 10); a returned or failed shipment is logged for the result desk to act on.

Delivery is at least once: a log entry is written once per shipment and status."""

from datetime import datetime
from typing import Any

from django.db import transaction

from core import events, outbox
from workflows.engine.events import event_deliver
from workflows.models import Dossier, ProcessingLogEntry
from workflows.services.processing_log import dossier_log

LOGGED = ("picked_up", "in_transit", "delivered", "returned", "failed")


@events.subscriber("shipment_status")
def on_shipment_status(payload: dict[str, Any]) -> None:
    dossier = _dossier(str(payload.get("reference") or ""))
    status, tracking = str(payload.get("status")), str(payload.get("tracking_number") or "")
    if status not in LOGGED:
        return  # "created": the result desk logged shipment_created itself
    try:
        at = datetime.fromisoformat(str(payload["at"]))
    except (KeyError, ValueError) as exc:
        raise outbox.PermanentError(f"shipment_status without a readable time: {exc}") from exc
    with transaction.atomic():
        action = f"shipment_{status}"
        logged = ProcessingLogEntry.objects.filter(dossier=dossier, action=action, comment=tracking)
        if not logged.exists():
            dossier_log(
                dossier=dossier,
                actor=None,
                action=action,
                comment=tracking,
                at=at,
            )
        # only the shipment of the dossier's result ends its process (not a pickup's)
        if status == "delivered" and tracking and tracking == dossier.postal_tracking_number:
            event_deliver(
                dossier=dossier, event="shipment_delivered", payload={"tracking_number": tracking}
            )


def _dossier(reference: str) -> Dossier:
    kind, _sep, pk = reference.partition(":")
    if kind != "dossier" or not pk.isdigit():
        raise outbox.PermanentError(f"not a dossier reference: {reference!r}")
    dossier = Dossier.objects.filter(pk=int(pk)).first()
    if dossier is None:
        raise outbox.PermanentError(f"no dossier {reference!r}")
    return dossier
