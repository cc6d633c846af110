"""The periodic job (every minute: Celery beat in production, the embedded dispatcher
thread on the embedded default) that fires the deadline alerts of steps and dossiers."""

from datetime import timedelta

from django.utils import timezone

from core.periodic import periodic

from .dossiers import dossier_alerts_fire
from .steps import step_alerts_fire

JOB = "workflows.deadline_alerts"


@periodic(JOB, every=timedelta(minutes=1))
def deadline_alerts() -> int:
    now = timezone.now()
    return step_alerts_fire(now=now) + dossier_alerts_fire(now=now)
