"""Periodic jobs: one registry, run by Celery beat in production and by the
embedded dispatcher thread on the embedded default.

A run takes a lease on the job's row, so two schedulers (two beats by mistake,
or beat and a manual run) never run the same job at once; the row keeps the
last start and finish, which the metrics turn into the timers' lag.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone

from core.registry import Registry


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: timedelta
    func: Callable[[], object]


jobs: Registry[PeriodicJob] = Registry("periodic job")


def periodic(
    name: str, *, every: timedelta
) -> Callable[[Callable[[], object]], Callable[[], object]]:
    def decorator(func: Callable[[], object]) -> Callable[[], object]:
        jobs.add(name, PeriodicJob(name=name, every=every, func=func))
        return func

    return decorator


class PeriodicJobState(models.Model):
    name = models.CharField(max_length=80, primary_key=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    running_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        app_label = "core"
        verbose_name = "periodic job state"

    def __str__(self) -> str:
        return self.name


def run_job(name: str) -> bool:
    """Run one periodic job now unless it is already running. Returns whether it ran."""
    job = jobs.get(name)
    now = timezone.now()
    lease = now + max(job.every * 3, timedelta(minutes=5))
    try:
        with transaction.atomic():
            PeriodicJobState.objects.get_or_create(name=name)
    except IntegrityError:
        pass
    taken = (
        PeriodicJobState.objects.filter(name=name)
        .filter(Q(running_until__isnull=True) | Q(running_until__lt=now))
        .update(running_until=lease, last_started_at=now)
    )
    if not taken:
        return False
    error = ""
    try:
        job.func()
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"[:1000]
        raise
    finally:
        PeriodicJobState.objects.filter(name=name, running_until=lease).update(
            running_until=None, last_finished_at=timezone.now(), last_error=error
        )
    return True


def due_jobs() -> list[str]:
    """Jobs whose interval has passed since their last start (for the embedded dispatcher)."""
    now = timezone.now()
    started = dict(PeriodicJobState.objects.values_list("name", "last_started_at"))
    due = []
    for name, job in jobs.items():
        last = started.get(name)
        if last is None or last + job.every <= now:
            due.append(name)
    return due


def celery_beat_schedule() -> dict[str, dict[str, object]]:
    return {
        name: {
            "task": "core.run_periodic",
            "schedule": job.every.total_seconds(),
            "args": (name,),
            "options": {"expires": job.every.total_seconds()},
        }
        for name, job in jobs.items()
    }
