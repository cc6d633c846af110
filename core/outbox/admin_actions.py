"""What an admin does with a dead letter: send it again, or discard it."""

from django.db.models import QuerySet
from django.utils import timezone

from .models import OutboxMessage

Status = OutboxMessage.Status


def outbox_retry(*, messages: "QuerySet[OutboxMessage]") -> int:
    """Put dead (or discarded) rows back in the queue with a fresh set of attempts."""
    ids = list(
        messages.filter(status__in=[Status.DEAD, Status.DISCARDED]).values_list("id", flat=True)
    )
    count = OutboxMessage.objects.filter(id__in=ids).update(
        status=Status.PENDING, attempts=0, next_attempt_at=timezone.now(), locked_until=None
    )
    if ids:
        from core.background import notify

        for message_id in ids:
            notify(message_id)
    return count


def outbox_discard(*, messages: "QuerySet[OutboxMessage]") -> int:
    """Give up on dead rows; rows waiting behind them on their ordering key move on."""
    return messages.filter(status=Status.DEAD).update(status=Status.DISCARDED, locked_until=None)
