"""The one entry point of notifications for the layers above.

    notification_send(reference="dossier:12", event="accepted", channel="sms",
                      to="0912345678", context={...}, idempotency_key="dossier:12:accepted:...")

writes the notification and its outbox row in the caller's transaction; the outbox sends it
after commit (``integrations.notify.sender``)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction

from core import outbox

from .catalogue import EVENTS, SEND_KIND, event_spec
from .models import Notification
from .recipients import RecipientInvalid, recipient_mask, recipient_normalize

__all__ = [
    "EVENTS",
    "NotificationRow",
    "address_masked",
    "notification_send",
    "notifications_for",
]


def notification_send(
    *,
    reference: str,
    event: str,
    channel: str,
    to: str,
    context: dict[str, Any],
    language: str = "vi",
    idempotency_key: str,
) -> Notification:
    """Queue one notification. The same ``idempotency_key`` gives the first call's row (a
    retried request sends nothing new). An address the channel cannot use is recorded as a
    ``failed`` notification, visible in the lists, and nothing is sent. Unknown events,
    channels and languages are programming errors (ValueError)."""
    spec = event_spec(event)
    if channel not in spec.channels:
        raise ValueError(f"event {event!r} is not sent by {channel!r}")
    if language not in ("vi", "en"):
        raise ValueError(f"unknown language {language!r}")
    if not idempotency_key:
        raise ValueError("an idempotency key is required")
    existing = Notification.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    fields: dict[str, Any] = {
        "reference": reference,
        "event": event,
        "channel": channel,
        "language": language,
        "context": {name: context.get(name) for name in spec.placeholders if name in context},
        "idempotency_key": idempotency_key,
    }
    try:
        address = recipient_normalize(channel=channel, to=to)
    except RecipientInvalid as exc:
        fields.update(recipient=to, recipient_masked="***", status=Notification.Status.FAILED)
        fields["last_error"] = str(exc)
        address = ""
    else:
        fields.update(
            recipient=address, recipient_masked=recipient_mask(channel=channel, to=address)
        )
    try:
        with transaction.atomic():
            notification = Notification.objects.create(**fields)
            if address:
                outbox.enqueue(
                    kind=SEND_KIND,
                    payload={"notification": notification.pk},
                    idempotency_key=f"{SEND_KIND}:{notification.pk}",
                    summary=f"{event}/{channel}",
                )
    except IntegrityError:  # the same key, concurrently
        return Notification.objects.get(idempotency_key=idempotency_key)
    return notification


@dataclass(frozen=True)
class NotificationRow:
    """What the applicant's view shows of a notification: no text, a masked recipient."""

    event: str
    event_label: str
    channel: str
    channel_label: str
    recipient_masked: str
    status: str
    status_label: str
    created_at: datetime
    sent_at: datetime | None
    delivered_at: datetime | None


def notifications_for(*, reference: str) -> list[NotificationRow]:
    rows = Notification.objects.filter(reference=reference).order_by("-created_at", "-id")
    return [
        NotificationRow(
            event=row.event,
            event_label=str(EVENTS[row.event].label) if row.event in EVENTS else row.event,
            channel=row.channel,
            channel_label=row.get_channel_display(),
            recipient_masked=row.recipient_masked,
            status=row.status,
            status_label=row.get_status_display(),
            created_at=row.created_at,
            sent_at=row.sent_at,
            delivered_at=row.delivered_at,
        )
        for row in rows.only(
            "event",
            "channel",
            "recipient_masked",
            "status",
            "created_at",
            "sent_at",
            "delivered_at",
        )
    ]


def address_masked(*, channel: str, to: str) -> str:
    """How an address is shown to its owner (``84*******678``); empty when the channel cannot
    use it."""
    try:
        return recipient_mask(channel=channel, to=recipient_normalize(channel=channel, to=to))
    except RecipientInvalid:
        return ""
