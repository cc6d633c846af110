"""Telling officers about an alert: one email each through ``officer_notify`` (the
notification lane's templates ``step_warning`` and ``step_overdue``), keyed by the alert so
that a retried job sends nothing twice."""

from collections.abc import Iterable
from typing import Any

from workflows.models import DeadlineAlert, Dossier
from workflows.services.notifications import officer_notify

Kind = DeadlineAlert.Kind
OVERDUE = (Kind.STEP_OVERDUE, Kind.DOSSIER_OVERDUE)
# What the email calls a dossier's own deadline (the templates' "step" placeholder).
DOSSIER_DEADLINE = "Hạn trả kết quả của hồ sơ"


def alert_notify(
    *, alert: DeadlineAlert, dossier: Dossier, users: Iterable[Any], step_name: str
) -> int:
    """Email each user once (duplicates dropped); returns how many were queued."""
    event = "step_overdue" if alert.kind in OVERDUE else "step_warning"
    seen: set[int] = set()
    queued = 0
    for user in users:
        if user.pk in seen:
            continue
        seen.add(user.pk)
        sent = officer_notify(
            user=user,
            event=event,
            dossier=dossier,
            context={"step": step_name, "due_date": alert.due_at},
            key=f"alert:{alert.pk}",
        )
        queued += sent is not None
    return queued
