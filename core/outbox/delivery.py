"""Sending outbox rows: claim with a lease, call the sender, record the outcome.

Claiming is one conditional UPDATE, so any number of workers, threads and
sweeps can race for a row and exactly one sends it. A worker that dies while
sending leaves a lease that expires; the sweep then sends the row again, with
the same idempotency key.
"""

import logging
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from .models import OutboxMessage
from .registry import senders

logger = logging.getLogger("motcua.outbox")
Status = OutboxMessage.Status


class PermanentError(Exception):
    """Raised by a sender when retrying cannot help (the receiver rejected the request)."""


@dataclass(frozen=True)
class Delivery:
    id: int
    kind: str
    payload: dict[str, Any]
    idempotency_key: str
    attempt: int


def _blocking_predecessors() -> Exists:
    return Exists(
        OutboxMessage.objects.filter(
            ordering_key=OuterRef("ordering_key"),
            id__lt=OuterRef("id"),
            status__in=[Status.PENDING, Status.DEAD],
        )
    )


def _due(now: datetime) -> Any:
    """Rows that may be sent now: due, not leased, not waiting behind an earlier row."""
    return (
        OutboxMessage.objects.filter(status=Status.PENDING, next_attempt_at__lte=now)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .filter(Q(ordering_key="") | ~_blocking_predecessors())
    )


def due_message_ids(limit: int = 500) -> list[int]:
    return list(_due(timezone.now()).order_by("id").values_list("id", flat=True)[:limit])


def backoff_seconds(attempt: int) -> float:
    """Exponential backoff with full jitter, bounded by OUTBOX_BACKOFF_MAX."""
    ceiling = min(settings.OUTBOX_BACKOFF_MAX, settings.OUTBOX_BACKOFF_BASE * 2 ** (attempt - 1))
    return random.uniform(ceiling / 2, ceiling)  # noqa: S311  (jitter, not a secret)


def _describe(exc: BaseException) -> str:
    # Exception texts can carry what a receiver echoed back: keep them short.
    return f"{type(exc).__name__}: {exc}"[:1000]


def deliver(message_id: int) -> str:
    """Send one row if it is due and free. Returns what happened, for logs and tests:
    "sent", "retry", "dead" or "skipped" (not due, leased elsewhere, or already done)."""
    now = timezone.now()
    lease = now + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    claimed = _due(now).filter(id=message_id).update(locked_until=lease, attempts=F("attempts") + 1)
    if not claimed:
        return "skipped"
    message = OutboxMessage.objects.get(id=message_id)
    delivery = Delivery(
        id=message.pk,
        kind=message.kind,
        payload=message.payload,
        idempotency_key=message.idempotency_key,
        attempt=message.attempts,
    )
    mine = OutboxMessage.objects.filter(id=message_id, locked_until=lease)
    try:
        senders.get(message.kind)(delivery)
    except Exception as exc:
        permanent = isinstance(exc, PermanentError)
        if permanent or message.attempts >= message.max_attempts:
            mine.update(status=Status.DEAD, locked_until=None, last_error=_describe(exc))
            logger.error(
                "outbox message dead-lettered",
                extra={"outbox_id": message_id, "kind": message.kind, "attempt": message.attempts},
            )
            return "dead"
        retry_at = timezone.now() + timedelta(seconds=backoff_seconds(message.attempts))
        mine.update(locked_until=None, next_attempt_at=retry_at, last_error=_describe(exc))
        logger.warning(
            "outbox send failed, will retry",
            extra={"outbox_id": message_id, "kind": message.kind, "attempt": message.attempts},
        )
        return "retry"
    mine.update(status=Status.DONE, locked_until=None, sent_at=timezone.now(), last_error="")
    return "sent"


def drain(max_rounds: int = 100) -> dict[str, int]:
    """Send every due row, in order, until none is left (the embedded dispatcher's loop
    and the tests' way to run background work). Returns counts per outcome."""
    counts: dict[str, int] = {}
    for _ in range(max_rounds):
        ids = due_message_ids()
        if not ids:
            break
        for message_id in ids:
            outcome = deliver(message_id)
            counts[outcome] = counts.get(outcome, 0) + 1
            # rows waiting behind a sent one on its ordering key go now, not a round later
            following = next_in_order(message_id) if outcome == "sent" else None
            while following is not None:
                outcome = deliver(following)
                counts[outcome] = counts.get(outcome, 0) + 1
                following = next_in_order(following) if outcome == "sent" else None
    return counts


def next_in_order(message_id: int) -> int | None:
    """The row waiting behind this one on its ordering key, if any."""
    row = OutboxMessage.objects.filter(id=message_id).values("ordering_key").first()
    if not row or not row["ordering_key"]:
        return None
    return (
        OutboxMessage.objects.filter(
            ordering_key=row["ordering_key"], id__gt=message_id, status=Status.PENDING
        )
        .order_by("id")
        .values_list("id", flat=True)
        .first()
    )
