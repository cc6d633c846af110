"""Who may see a dossier: its applicant, officers of any agency a step of it runs in, leaders
above those agencies; and the dossiers waiting for the citizen."""

import pytest

from tests.workflows.factories import AgencyFactory, UserFactory
from tests.workflows.services.reception_setup import officer, reception
from workflows.engine.queues import queue_filter, queue_unclaimed, task_visible_to
from workflows.models import Dossier
from workflows.selectors.dossiers import (
    dossier_step_agency_codes,
    dossier_visible_to,
    dossiers_awaiting_citizen,
)
from workflows.services.reception import MissingItem, dossier_request_supplementation

pytestmark = pytest.mark.django_db


def test_officers_of_the_agencies_and_leaders_above_them_see_the_dossier():
    state = reception()
    dossier = state.dossier
    centre = dossier.receiving_agency
    assert dossier_visible_to(user=state.specialist, dossier=dossier)
    assert dossier_visible_to(user=dossier.applicant, dossier=dossier)
    assert dossier_visible_to(user=officer(centre.parent.parent, "leader"), dossier=dossier)
    # a specialist of the province is not a leader: nothing below is theirs
    assert not dossier_visible_to(user=officer(centre.parent.parent, "specialist"), dossier=dossier)
    assert not dossier_visible_to(user=officer(AgencyFactory(), "leader"), dossier=dossier)
    assert not dossier_visible_to(user=UserFactory(), dossier=dossier)


def test_an_agency_a_step_runs_in_counts_too():
    state = reception()
    dossier = state.dossier
    sending = AgencyFactory(code="000.30.20.H56")
    sender = officer(sending, "specialist")
    assert not dossier_visible_to(user=sender, dossier=dossier)
    # the dossier's task moved to the sending unit (a step with a fixed or data agency)
    task = state.task()
    task.owner_permission = "workflows.role:specialist@000.30.20.H56"
    task.save(update_fields=["owner_permission"])
    assert dossier_step_agency_codes(dossier=dossier) == {"000.30.20.H56"}
    assert dossier_visible_to(user=sender, dossier=dossier)
    assert task_visible_to(user=sender, task=task)
    assert not task_visible_to(user=state.receptionist, task=task)


def test_waiting_for_the_citizen_and_queue_filters():
    state = reception()
    receptionist = state.receptionist
    assert queue_filter(queue_unclaimed(user=receptionist), step="reception").count() == 1
    assert queue_filter(queue_unclaimed(user=receptionist), step="review").count() == 0
    names = Dossier.objects.filter(pk=state.dossier.pk).values("pk")
    assert queue_filter(queue_unclaimed(user=receptionist), dossier_ids=names).count() == 1
    assert not dossiers_awaiting_citizen(user=receptionist).exists()
    dossier_request_supplementation(
        task_id=state.task().pk, user=receptionist, items=[MissingItem("Đơn")]
    )
    assert list(dossiers_awaiting_citizen(user=receptionist)) == [state.dossier]
    assert not dossiers_awaiting_citizen(user=officer(AgencyFactory(), "reception")).exists()
