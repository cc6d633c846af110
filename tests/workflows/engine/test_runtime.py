"""A dossier runs through a published definition: user tasks, outcomes, a gateway, an end."""

import pytest
from django.contrib.auth import get_user_model
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from workflows.engine import (
    ProcessAlreadyStarted,
    TaskNotAvailable,
    UnknownOutcome,
    process_of,
    process_start,
    task_claim,
    task_complete,
    task_release,
)
from workflows.errors import OutcomeNeedsService
from workflows.models import Dossier, ProcessingLogEntry
from workflows.permissions import role_permission_code

from ..factories import AgencyFactory, MembershipFactory, RoleFactory, UserFactory
from .helpers import ARCHIVES, dossier_on, reception_flow, two_step

pytestmark = pytest.mark.django_db


def officer(agency, role):  # type: ignore[no-untyped-def]
    user = UserFactory()
    MembershipFactory(user=user, agency=agency, role=RoleFactory(code=role))
    return get_user_model().objects.get(pk=user.pk)


def open_task(process, name=None):  # type: ignore[no-untyped-def]
    tasks = Task.objects.filter(process=process, flow_task_type="HUMAN").exclude(
        status__in=[STATUS.DONE, STATUS.CANCELED]
    )
    [task] = [t for t in tasks if name is None or t.flow_task.name == name]
    return task


def test_a_dossier_runs_to_its_end_and_takes_the_result_status():
    competent = AgencyFactory()
    dossier = dossier_on(two_step(), competent_agency=competent)
    receptionist = officer(dossier.receiving_agency, "reception")
    specialist = officer(competent, "specialist")

    process = process_start(dossier=dossier, by=receptionist)
    reception = open_task(process, "reception")
    assert reception.owner_permission == role_permission_code(
        "reception", dossier.receiving_agency.code
    )
    assert reception.scheduled is not None  # one working day

    task_complete(task_id=reception.pk, user=receptionist, outcome="forward", comment="ok")
    review = open_task(process, "review")
    assert review.owner_permission == role_permission_code("specialist", competent.code)
    task_complete(task_id=review.pk, user=specialist, outcome="approve")

    dossier.refresh_from_db()
    process.refresh_from_db()
    assert dossier.status == Dossier.Status.PROCESSED
    assert dossier.finished_at is not None
    assert process.status == PROCESS.DONE
    log = list(ProcessingLogEntry.objects.filter(dossier=dossier).order_by("at", "id"))
    assert [(e.action, e.step) for e in log] == [
        ("process_started", "submitted"),
        ("outcome:forward", "reception"),
        ("outcome:approve", "review"),
        ("finished", "done"),
    ]
    assert log[1].actor == receptionist and log[1].comment == "ok"
    assert log[1].timing == ProcessingLogEntry.Timing.EARLY or log[1].timing == "on_time"
    assert log[1].budget_allowed is not None and log[1].due_at == reception.scheduled
    assert (log[3].from_status, log[3].to_status) == (Dossier.Status.NEW, Dossier.Status.PROCESSED)


def test_an_outcome_chooses_the_path():
    dossier = dossier_on(two_step())
    receptionist = officer(dossier.receiving_agency, "reception")
    process = process_start(dossier=dossier)
    task_complete(task_id=open_task(process).pk, user=receptionist, outcome="decline")
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.NOT_ACCEPTED


def test_the_gateway_reads_the_dossier_data_and_a_fixed_agency():
    dossier = dossier_on(two_step(), data={"graduation_year": 1995})
    receptionist = officer(dossier.receiving_agency, "reception")
    process = process_start(dossier=dossier)
    task_complete(task_id=open_task(process).pk, user=receptionist, outcome="forward")
    archive = open_task(process, "archive")
    assert archive.owner_permission == role_permission_code("specialist", ARCHIVES)


def test_claim_release_and_refusals():
    dossier = dossier_on(two_step())
    receptionist = officer(dossier.receiving_agency, "reception")
    colleague = officer(dossier.receiving_agency, "reception")
    outsider = officer(AgencyFactory(), "reception")
    process = process_start(dossier=dossier)
    task = open_task(process)

    with pytest.raises(TaskNotAvailable):
        task_claim(task_id=task.pk, user=outsider)
    with pytest.raises(UnknownOutcome):
        task_complete(task_id=task.pk, user=receptionist, outcome="maybe")
    task_claim(task_id=task.pk, user=receptionist)
    task.refresh_from_db()
    assert (task.status, task.owner) == (STATUS.ASSIGNED, receptionist)
    with pytest.raises(TaskNotAvailable):
        task_complete(task_id=task.pk, user=colleague, outcome="forward")
    task_release(task_id=task.pk, user=receptionist)
    task.refresh_from_db()
    assert (task.status, task.owner) == (STATUS.NEW, None)
    task_complete(task_id=task.pk, user=colleague, outcome="forward")
    task.refresh_from_db()
    assert (task.status, task.owner, task.data["outcome"]) == (STATUS.DONE, colleague, "forward")


def test_a_dossier_has_one_process():
    dossier = dossier_on(two_step())
    process = process_start(dossier=dossier)
    assert process_of(dossier) == process
    with pytest.raises(ProcessAlreadyStarted):
        process_start(dossier=dossier)


@pytest.mark.parametrize("outcome", ["accept", "supplement", "refuse"])
def test_outcomes_with_effects_need_the_reception_services(outcome):
    dossier = dossier_on(reception_flow())
    receptionist = officer(dossier.receiving_agency, "reception")
    process = process_start(dossier=dossier)
    task = open_task(process)
    with pytest.raises(OutcomeNeedsService):
        task_complete(task_id=task.pk, user=receptionist, outcome=outcome)
    task.refresh_from_db()
    dossier.refresh_from_db()
    assert (task.status, dossier.status) == (STATUS.NEW, Dossier.Status.NEW)
