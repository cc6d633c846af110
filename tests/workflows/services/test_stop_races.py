"""A stop submitted twice at the same moment (PostgreSQL): one stop, one Form 05; the other
request finds the task done or nothing left to stop."""

from functools import partial

import pytest

from tests.concurrency import at_once
from workflows.engine import TaskNotAvailable
from workflows.models import Dossier, DossierDocument, ProcessingLogEntry
from workflows.services.stop import StopRefused, dossier_stop

from .deadline_setup import received

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_double_submitted_stop_stops_once() -> None:
    for number in range(3):
        state = received(code=f"000.00.20.H56-260302-{number:04d}")
        stop = partial(dossier_stop, dossier=state.dossier, by=state.specialist, reason="Dừng.")
        results, errors = at_once(stop, stop)
        assert len(results) == 1
        assert len(errors) == 1 and isinstance(errors[0], TaskNotAvailable | StopRefused)
        dossier = state.refresh()
        assert dossier.status == Dossier.Status.STOPPED
        assert DossierDocument.objects.filter(dossier=dossier, kind="stop").count() == 1
        assert ProcessingLogEntry.objects.filter(dossier=dossier, action="finished").count() == 1
