"""A leader gives a task to another officer holding the step's role in its agency."""

import pytest
from viewflow.workflow.status import STATUS

from workflows.engine import TaskNotAvailable, task_claim
from workflows.models import ProcessingLogEntry
from workflows.services.reassign import ReassignRefused, task_reassign, user_may_reassign
from workflows.services.reception import dossier_accept

from .reception_setup import officer, reception

pytestmark = pytest.mark.django_db


def test_a_leader_of_the_agency_or_above_gives_a_claimed_task_to_a_colleague():
    state = reception()
    centre = state.dossier.receiving_agency
    colleague = officer(centre, "reception", "Bình", "Lê Văn")
    task_claim(task_id=state.task().pk, user=state.receptionist)
    leader = officer(centre.parent, "leader")

    task = task_reassign(task_id=state.task().pk, user=leader, to=colleague, comment=" vắng ")

    assert task.owner == colleague and task.status == STATUS.ASSIGNED
    assert state.task().owner == colleague
    entry = ProcessingLogEntry.objects.get(dossier=state.dossier, action="reassigned")
    assert (entry.actor, entry.step, entry.comment) == (leader, "reception", "vắng")
    # the new owner completes it; the former one no longer can
    dossier_accept(task_id=task.pk, user=colleague)


def test_refused_to_a_non_leader_and_to_an_officer_without_the_role():
    state = reception()
    centre = state.dossier.receiving_agency
    with pytest.raises(ReassignRefused):
        task_reassign(task_id=state.task().pk, user=state.receptionist, to=state.receptionist)
    leader = officer(centre, "leader")
    assert user_may_reassign(user=leader, task=state.task())
    with pytest.raises(ReassignRefused):
        task_reassign(task_id=state.task().pk, user=leader, to=state.specialist)
    assert state.task().owner_id is None
    assert not ProcessingLogEntry.objects.filter(action="reassigned").exists()


def test_a_finished_or_missing_task_is_not_available():
    state = reception()
    leader = officer(state.dossier.receiving_agency, "leader")
    task = state.task()
    dossier_accept(task_id=task.pk, user=state.receptionist)
    with pytest.raises(TaskNotAvailable):
        task_reassign(task_id=task.pk, user=leader, to=state.receptionist)
    with pytest.raises(TaskNotAvailable):
        task_reassign(task_id=task.pk + 999, user=leader, to=state.receptionist)
