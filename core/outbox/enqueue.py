"""Writing an outbox row inside the caller's transaction."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import OutboxMessage
from .registry import senders


def enqueue(
    *,
    kind: str,
    payload: dict[str, Any],
    idempotency_key: str | None = None,
    ordering_key: str = "",
    summary: str = "",
    delay: timedelta | None = None,
    max_attempts: int | None = None,
) -> OutboxMessage:
    """Write a side effect to be sent after the surrounding transaction commits.

    The same ``idempotency_key`` enqueued twice gives the row of the first call:
    a retried request or a replayed callback does not repeat the effect. Rows
    with the same ``ordering_key`` are sent one after another in creation order.
    """
    senders.get(kind)  # an unknown kind is a programming error: fail now, not on a worker
    fields: dict[str, Any] = {
        "kind": kind,
        "payload": payload,
        "ordering_key": ordering_key,
        "summary": summary[:200],
        "next_attempt_at": timezone.now() + (delay or timedelta()),
        "max_attempts": max_attempts or settings.OUTBOX_MAX_ATTEMPTS,
    }
    if idempotency_key:
        fields["idempotency_key"] = idempotency_key
        existing = OutboxMessage.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
        try:
            # a concurrent caller may insert the same key between our read and our write
            with transaction.atomic():
                message = OutboxMessage.objects.create(**fields)
        except IntegrityError:
            return OutboxMessage.objects.get(idempotency_key=idempotency_key)
    else:
        message = OutboxMessage.objects.create(**fields)  # a fresh random key cannot clash

    if not delay:
        from core.background import notify

        transaction.on_commit(lambda: notify(message.pk))
    return message
