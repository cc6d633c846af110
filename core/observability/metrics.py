"""Prometheus metrics read from the database at scrape time, so every web and
worker process reports the same truth: the outbox backlog, dead letters, the
age of the oldest due row, and how late each periodic job (timers) runs."""

from django.db.models import Count, Min
from django.utils import timezone
from prometheus_client import CollectorRegistry, Gauge, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from core.outbox.models import OutboxMessage
from core.periodic import PeriodicJobState, jobs


def render_metrics() -> tuple[bytes, str]:
    registry = CollectorRegistry()
    now = timezone.now()
    by_status = Gauge(
        "motcua_outbox_messages", "Outbox rows by status", ["status"], registry=registry
    )
    counts = dict(
        OutboxMessage.objects.values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    for status in OutboxMessage.Status.values:
        by_status.labels(status=status).set(counts.get(status, 0))
    Gauge("motcua_outbox_backlog", "Rows waiting to be sent", registry=registry).set(
        counts.get(OutboxMessage.Status.PENDING, 0)
    )
    Gauge("motcua_outbox_dead_letters", "Rows that gave up, for an admin", registry=registry).set(
        counts.get(OutboxMessage.Status.DEAD, 0)
    )
    oldest = OutboxMessage.objects.filter(
        status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now
    ).aggregate(at=Min("next_attempt_at"))["at"]
    Gauge(
        "motcua_outbox_oldest_due_seconds", "Age of the oldest row that is due", registry=registry
    ).set((now - oldest).total_seconds() if oldest else 0)

    lag = Gauge(
        "motcua_periodic_lag_seconds",
        "How far behind its schedule each periodic job (timers, sweeps) is",
        ["job"],
        registry=registry,
    )
    started = dict(PeriodicJobState.objects.values_list("name", "last_started_at"))
    for name, job in jobs.items():
        last = started.get(name)
        behind = (now - last - job.every).total_seconds() if last else 0.0
        lag.labels(job=name).set(max(0.0, behind))
    return generate_latest(registry), CONTENT_TYPE_LATEST
