"""The periodic catch-up of notifications: log entries whose commit hook did not run (the
process died right after the commit) get their outbox row all the same. It looks back from
its own previous run (with a margin), or a day on its first run."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from core.periodic import PeriodicJobState, periodic
from workflows.models import ProcessingLogEntry

from .notifications import ACTION_EVENTS, STATUS_EVENTS, entry_notify_enqueue, log_event

JOB = "workflows.notify_catch_up"
MARGIN = timedelta(minutes=10)


@periodic(JOB, every=timedelta(minutes=5))
def notify_catch_up() -> int:
    """Enqueue the rows of recent mappable entries (existing rows are kept: same keys).
    Returns how many entries were looked at."""
    state = PeriodicJobState.objects.filter(name=JOB).values_list("last_finished_at", flat=True)
    last = state.first()
    since = (last - MARGIN) if last else timezone.now() - timedelta(days=1)
    entries = (
        ProcessingLogEntry.objects.filter(at__gte=since)
        .filter(Q(action__in=list(ACTION_EVENTS)) | Q(to_status__in=list(STATUS_EVENTS)))
        .only("pk", "action", "from_status", "to_status")
        .order_by("pk")
    )
    seen = 0
    for entry in entries.iterator():
        if log_event(entry) is not None:
            entry_notify_enqueue(entry_id=entry.pk)
            seen += 1
    return seen
