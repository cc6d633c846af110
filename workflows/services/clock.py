"""The dossier's legal clock: paused while the applicant has the dossier (a supplementation
request), resumed when it comes back, every pause and resume in the processing log.

A pause keeps the due moment it stopped (``due_before``) and the status the dossier had
(``status_before``, given back on resume). On resume the office time that was left is counted
again from the resumption (``workflows.calendar.pause_shift`` under the receiving agency's
calendar): the new due moment and appointment date, and the working days the pause added. A
dossier not received yet has no clock running: its pause is recorded and adds nothing.
"""

from typing import Any

from django.utils import timezone

from workflows.calendar import calendar_for, pause_shift
from workflows.models import ClockPause, Dossier
from workflows.services.processing_log import dossier_log


def clock_pause(*, dossier: Dossier, reason: str, step: str = "", by: Any = None) -> ClockPause:
    """Stop the clock of ``dossier`` (held by the caller's transaction, status not yet
    changed). One open pause per dossier: a second raises IntegrityError."""
    now = timezone.now()
    pause = ClockPause.objects.create(
        dossier=dossier,
        reason=reason,
        step=step,
        started_at=now,
        due_before=dossier.due_at,
        status_before=dossier.status,
        started_by=by if getattr(by, "is_authenticated", False) else None,
    )
    dossier_log(
        dossier=dossier, actor=by, action="clock_paused", step=step, due_at=dossier.due_at, at=now
    )
    return pause


def clock_resume(*, dossier: Dossier, pause: ClockPause, by: Any = None) -> ClockPause:
    """End ``pause``: the dossier's ``due_at`` and ``appointment_date`` move by the office time
    the pause took (saved on the dossier), the pause records them and the days added."""
    now = timezone.now()
    added = 0
    if pause.due_before is not None:
        due, added = pause_shift(
            due_at=pause.due_before,
            paused_at=pause.started_at,
            resumed_at=now,
            calendar=calendar_for(dossier.receiving_agency),
        )
        dossier.due_at, dossier.appointment_date = (
            due,
            timezone.localdate(due, timezone.get_default_timezone()),
        )
        dossier.save(update_fields=["due_at", "appointment_date", "updated_at"])
    pause.ended_at, pause.due_after, pause.working_days_added = now, dossier.due_at, added
    pause.save(update_fields=["ended_at", "due_after", "working_days_added"])
    dossier_log(
        dossier=dossier,
        actor=by,
        action="clock_resumed",
        step=pause.step,
        comment=str(added),
        due_at=dossier.due_at,
        at=now,
    )
    return pause
