"""core's periodic jobs: the outbox sweep and the retention purge."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from core.background import dispatch_many
from core.outbox import due_message_ids
from core.outbox.models import OutboxMessage
from core.periodic import periodic

logger = logging.getLogger("motcua.jobs")


@periodic("outbox.sweep", every=timedelta(seconds=settings.OUTBOX_SWEEP_SECONDS))
def outbox_sweep() -> int:
    """Send what is due: new rows whose notification was lost (Redis away, a worker
    killed before it took the task), retries whose backoff ran out, expired leases."""
    ids = due_message_ids()
    dispatch_many(ids)
    return len(ids)


@periodic("retention.purge", every=timedelta(hours=6))
def retention_purge() -> dict[str, int]:
    """Delete sent outbox rows and old access-log entries past their retention period."""
    from core.audit.models import AccessLogEntry

    now = timezone.now()
    sent, _ = OutboxMessage.objects.filter(
        status__in=[OutboxMessage.Status.DONE, OutboxMessage.Status.DISCARDED],
        created_at__lt=now - timedelta(days=settings.OUTBOX_RETENTION_DAYS),
    ).delete()
    reads, _ = AccessLogEntry.objects.filter(
        at__lt=now - timedelta(days=settings.MOTCUA_ACCESS_LOG_RETENTION_DAYS)
    ).delete()
    logger.info("retention purge", extra={"outbox_rows": sent, "access_log_rows": reads})
    return {"outbox": sent, "access_log": reads}
