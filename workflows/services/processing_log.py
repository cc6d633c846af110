"""Appending to a dossier's processing log."""

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from workflows.models import Dossier, ProcessingLogEntry


def dossier_log(
    *,
    dossier: Dossier,
    actor: Any,
    action: str,
    step: str = "",
    from_status: int | None = None,
    to_status: int | None = None,
    comment: str = "",
    budget_used: timedelta | None = None,
    budget_allowed: timedelta | None = None,
    due_at: datetime | None = None,
    timing: str = "",
    at: datetime | None = None,
) -> ProcessingLogEntry:
    """Record one event of a dossier: who (None for the system), what, when, which step,
    the status change if any, and the step's time budget for Form 06."""
    if timing and timing not in ProcessingLogEntry.Timing.values:
        raise ValueError(f"unknown timing {timing!r}")
    user = actor if getattr(actor, "is_authenticated", False) else None
    return ProcessingLogEntry.objects.create(
        dossier=dossier,
        actor=user,
        action=action,
        step=step,
        from_status=from_status,
        to_status=to_status,
        comment=comment,
        budget_used=budget_used,
        budget_allowed=budget_allowed,
        due_at=due_at,
        timing=timing,
        at=at or timezone.now(),
    )
