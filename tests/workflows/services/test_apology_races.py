"""Two officers apologising for one dossier at the same moment (PostgreSQL): one apology,
one Form 04, one new date; the other officer is told it was already issued."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.utils import translation

from tests.concurrency import at_once
from workflows.models import DossierApology, DossierDocument, ProcessingLogEntry
from workflows.services.apology import ApologyRefused, dossier_apologise

from .deadline_setup import received
from .reception_setup import local, officer

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_apologies_at_once_make_one() -> None:
    state = received()
    colleague = officer(state.dossier.receiving_agency, "specialist", "Hoa", "Lê Thị")
    users = iter([state.specialist, colleague])
    dates = iter([dt.date(2026, 3, 12), dt.date(2026, 3, 13)])
    plans = [(next(users), next(dates)) for _ in range(2)]
    turn = iter(plans)

    def apologise() -> Any:
        user, day = next(turn)
        with time_machine.travel(local(2026, 3, 4, 10, 0), tick=False), translation.override("en"):
            return dossier_apologise(
                dossier=state.dossier, by=user, reason="Chờ xác minh.", new_appointment_date=day
            )

    results, errors = at_once(apologise, apologise)
    assert len(results) == 1
    assert [type(error) for error in errors] == [ApologyRefused]
    assert "already issued" in str(errors[0])
    apology = DossierApology.objects.get()
    dossier = state.refresh()
    assert dossier.appointment_date == apology.new_appointment_date
    assert DossierDocument.objects.filter(dossier=dossier, kind="apology").count() == 1
    assert ProcessingLogEntry.objects.filter(dossier=dossier, action="apology_issued").count() == 1
