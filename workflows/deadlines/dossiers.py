"""The dossier's own deadline (``Dossier.due_at``, the legal clock): a warning a working day
before the apology's last moment (so that the officer can still apologise: Form 04) and an
overdue alert, to the officers holding its open tasks and the leaders of its competent
agency. Only while the clock runs (accepted, processing, fee owed: not while the applicant
has the dossier), once per dossier, kind and due moment: an apology's new date is a new due
moment and gets its own alerts."""

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from workflows.calendar import calendar_for
from workflows.models import DeadlineAlert, Dossier

from .arithmetic import dossier_warning_moment
from .notify import DOSSIER_DEADLINE, alert_notify
from .officers import leaders_of, open_tasks, task_holders
from .window import LOOKAHEAD

Kind = DeadlineAlert.Kind
Status = Dossier.Status
CLOCK_RUNNING = (Status.ACCEPTED, Status.PROCESSING, Status.FEE_OWED)


def _fired(kind: str) -> Exists:
    return Exists(
        DeadlineAlert.objects.filter(
            dossier_id=OuterRef("pk"), task_id=0, kind=kind, due_at=OuterRef("due_at")
        )
    )


def _candidates(now: datetime) -> Any:
    """Dossiers whose clock runs, due within the look-ahead, whose overdue alert has not
    fired, each with whether its warning has (``warned``): one query."""
    return (
        Dossier.objects.filter(
            status__in=CLOCK_RUNNING,
            due_at__isnull=False,
            due_at__lte=now + LOOKAHEAD,
            finished_at__isnull=True,
        )
        .exclude(_fired(Kind.DOSSIER_OVERDUE))
        .annotate(warned=_fired(Kind.DOSSIER_WARNING))
        .select_related("receiving_agency", "competent_agency", "version__procedure")
        .defer("personal", "data")
        .order_by("due_at", "pk")
    )


def dossier_alerts_fire(*, now: datetime | None = None) -> int:
    """Fire what is due for every dossier whose clock runs; returns how many fired."""
    now = now or timezone.now()
    fired = 0
    for dossier in _candidates(now).iterator(chunk_size=500):
        fired += _dossier_alert(dossier, now)
    return fired


def _dossier_alert(dossier: Dossier, now: datetime) -> bool:
    due = dossier.due_at
    assert due is not None
    if now >= due:
        kind = Kind.DOSSIER_OVERDUE
    else:
        warn_at = dossier_warning_moment(due, calendar=calendar_for(dossier.receiving_agency))
        if now < warn_at or (dossier.received_at is not None and warn_at <= dossier.received_at):
            return False
        if getattr(dossier, "warned", False):
            return False
        kind = Kind.DOSSIER_WARNING
    with transaction.atomic():
        try:
            with transaction.atomic():
                alert = DeadlineAlert.objects.create(
                    dossier=dossier, task_id=0, kind=kind, due_at=due, action="notify_leader"
                )
        except IntegrityError:  # another run fired it
            return False
        users: list[Any] = []
        for task in open_tasks(dossier).select_related("owner"):
            users += task_holders(task)
        users += leaders_of(dossier.competent_agency.code)
        alert_notify(alert=alert, dossier=dossier, users=users, step_name=DOSSIER_DEADLINE)
    return True
