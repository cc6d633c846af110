"""Pausing and resuming the legal clock: the pause row, the due moment moved, the log."""

import pytest
import time_machine
from django.db import IntegrityError, transaction

from workflows.models import ClockPause, Dossier, ProcessingLogEntry
from workflows.services.clock import clock_pause, clock_resume

from .reception_setup import local, reception

pytestmark = pytest.mark.django_db
Reason = ClockPause.Reason


def test_a_pause_over_a_weekend_keeps_a_close_of_business_due():
    state = reception()
    dossier = state.dossier
    friday_close = local(2026, 3, 13, 17, 0)
    Dossier.objects.filter(pk=dossier.pk).update(
        status=Dossier.Status.PROCESSING, due_at=friday_close, appointment_date=friday_close.date()
    )
    dossier.refresh_from_db()
    with time_machine.travel(local(2026, 3, 13, 15, 0), tick=False):
        pause = clock_pause(
            dossier=dossier, reason=Reason.OTHER, step="review", by=state.specialist
        )
    assert (pause.due_before, pause.status_before) == (friday_close, Dossier.Status.PROCESSING)
    assert pause.started_by == state.specialist
    with time_machine.travel(local(2026, 3, 16, 10, 0), tick=False):
        clock_resume(dossier=dossier, pause=pause, by=state.specialist)
    dossier.refresh_from_db()
    # two office hours were left; counted from Monday 10:00 they end at noon, but a due
    # moment at a close of business stays at one: Monday 17:00, one working day added
    assert dossier.due_at == local(2026, 3, 16, 17, 0)
    assert dossier.appointment_date.isoformat() == "2026-03-16"
    pause.refresh_from_db()
    assert (pause.working_days_added, pause.due_after) == (1, local(2026, 3, 16, 17, 0))
    entries = ProcessingLogEntry.objects.filter(dossier=dossier, action__startswith="clock_")
    assert [(e.action, e.step, e.comment, e.actor) for e in entries.order_by("at")] == [
        ("clock_paused", "review", "", state.specialist),
        ("clock_resumed", "review", "1", state.specialist),
    ]


def test_a_dossier_not_received_has_no_clock_to_move():
    state = reception()
    pause = clock_pause(dossier=state.dossier, reason=Reason.SUPPLEMENTATION)
    clock_resume(dossier=state.dossier, pause=pause)
    pause.refresh_from_db()
    assert (pause.due_before, pause.due_after, pause.working_days_added) == (None, None, 0)
    assert pause.ended_at is not None
    state.dossier.refresh_from_db()
    assert state.dossier.due_at is None
    resumed = ProcessingLogEntry.objects.get(dossier=state.dossier, action="clock_resumed")
    assert resumed.comment == "0"


def test_one_open_pause_at_a_time():
    state = reception()
    clock_pause(dossier=state.dossier, reason=Reason.SUPPLEMENTATION)
    with pytest.raises(IntegrityError), transaction.atomic():
        clock_pause(dossier=state.dossier, reason=Reason.FEE)
    assert ClockPause.objects.filter(dossier=state.dossier).count() == 1
