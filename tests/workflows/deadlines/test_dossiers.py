"""The dossier's own deadline: a warning one working day before the apology's last moment,
an overdue alert, each once per due moment; an apology's new date gets its own; none while
the applicant has the dossier."""

import datetime as dt

import pytest
import time_machine

from workflows.deadlines.dossiers import dossier_alerts_fire
from workflows.models import DeadlineAlert, Dossier
from workflows.services.apology import dossier_apologise

from ..services.reception_setup import local
from .setup import alerts, notified, received_with_emails

pytestmark = pytest.mark.django_db
Kind = DeadlineAlert.Kind


def test_the_warning_leaves_a_working_day_to_apologise() -> None:
    # due Monday 9 March 17:00: the apology is possible until Friday 17:00, the warning
    # fires at Thursday's close
    state, leader = received_with_emails()
    with time_machine.travel(local(2026, 3, 5, 16, 59), tick=False):
        assert dossier_alerts_fire() == 0
    with time_machine.travel(local(2026, 3, 5, 17, 0), tick=False):
        assert dossier_alerts_fire() == 1
        assert dossier_alerts_fire() == 0
    [warning] = alerts(Kind.DOSSIER_WARNING)
    assert warning.task_id == 0 and warning.due_at == state.dossier.due_at
    assert notified("step_warning") == {state.specialist.pk, leader.pk}


def test_overdue_once_then_the_apology_date_gets_its_own_alerts() -> None:
    state, leader = received_with_emails()
    with time_machine.travel(local(2026, 3, 6, 9, 0), tick=False):
        dossier_alerts_fire()
        dossier_apologise(
            dossier=state.dossier,
            by=state.specialist,
            reason="Chờ xác minh.",
            new_appointment_date=dt.date(2026, 3, 20),
        )
    with time_machine.travel(local(2026, 3, 10, 9, 0), tick=False):
        assert dossier_alerts_fire() == 0  # the new date: not due, no warning yet
    with time_machine.travel(local(2026, 3, 23, 8, 0), tick=False):
        assert dossier_alerts_fire() == 1
        assert dossier_alerts_fire() == 0
    [overdue] = alerts(Kind.DOSSIER_OVERDUE)
    assert overdue.due_at == local(2026, 3, 20, 17, 0)
    assert len(alerts(Kind.DOSSIER_WARNING)) == 1  # the first date's; the late run skips it
    assert leader.pk in notified("step_overdue")


def test_no_alert_while_the_applicant_has_the_dossier() -> None:
    state, _leader = received_with_emails()
    Dossier.objects.filter(pk=state.dossier.pk).update(
        status=Dossier.Status.SUPPLEMENTATION_REQUESTED
    )
    with time_machine.travel(local(2026, 3, 12, 9, 0), tick=False):
        assert dossier_alerts_fire() == 0
    assert not DeadlineAlert.objects.exists()
