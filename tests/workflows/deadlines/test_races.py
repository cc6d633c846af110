"""Two schedulers at the same moment (PostgreSQL): each alert fires once, its notifications
and its reassignment once."""

import pytest
import time_machine

from tests.concurrency import at_once
from workflows.deadlines.dossiers import dossier_alerts_fire
from workflows.deadlines.steps import step_alerts_fire
from workflows.models import DeadlineAlert

from ..services.reception_setup import local
from .setup import notified, received_with_emails

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _both() -> int:
    with time_machine.travel(local(2026, 3, 9, 18, 0), tick=False):  # step and dossier overdue
        return step_alerts_fire() + dossier_alerts_fire()


def test_two_schedulers_fire_each_alert_once() -> None:
    for number in range(3):  # earlier dossiers' alerts have fired: they are not seen again
        state, leader = received_with_emails(code=f"000.00.20.H56-260302-{number:04d}")
        results, errors = at_once(_both, _both)
        assert errors == []
        assert sum(results) == 2
        mine = DeadlineAlert.objects.filter(dossier=state.dossier)
        kinds = sorted(mine.values_list("kind", flat=True))
        assert kinds == ["dossier_overdue", "step_overdue"]
        assert leader.pk in notified("step_overdue")
