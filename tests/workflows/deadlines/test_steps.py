"""A step's warning and escalation: fired once each, by time, to whom the policy says; a job
that runs late fires the overdue alert only; reassign moves the task to the policy's role."""

from dataclasses import replace
from typing import Any

import pytest
import time_machine
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from core.periodic import run_job
from workflows.deadlines.job import JOB
from workflows.deadlines.steps import step_alerts_fire
from workflows.definitions.model import Definition, Duration, DurationUnit, Escalation
from workflows.engine import task_claim
from workflows.models import DeadlineAlert, ProcessingLogEntry

from ..services.deadline_setup import review_with_stop
from ..services.reception_setup import local
from .setup import alerts, notified, received_with_emails

pytestmark = pytest.mark.django_db
Kind = DeadlineAlert.Kind


def review(state: Any) -> Task:
    return state.task("review")


def test_the_review_is_due_on_wednesday_evening() -> None:
    state, _leader = received_with_emails()
    # accepted Monday 2 March 09:00, a budget of 2 working days
    assert review(state).scheduled == local(2026, 3, 4, 17, 0)


def test_the_warning_fires_a_working_day_before_once() -> None:
    state, leader = received_with_emails()
    with time_machine.travel(local(2026, 3, 3, 16, 59), tick=False):
        assert step_alerts_fire() == 0
    with time_machine.travel(local(2026, 3, 3, 17, 0), tick=False):
        assert step_alerts_fire() == 1
        assert step_alerts_fire() == 0
    with time_machine.travel(local(2026, 3, 4, 9, 0), tick=False):
        assert run_job(JOB) and run_job(JOB)
    [warning] = alerts(Kind.STEP_WARNING)
    assert warning.step == "review" and warning.task_id == review(state).pk
    assert warning.due_at == local(2026, 3, 4, 17, 0)
    # unclaimed: the specialists of the centre, and its leader
    assert notified("step_warning") == {state.specialist.pk, leader.pk}
    assert not alerts(Kind.STEP_OVERDUE)


def test_the_warning_goes_to_the_assignee_once_claimed() -> None:
    state, leader = received_with_emails()
    colleague = state.specialist
    task_claim(task_id=review(state).pk, user=colleague)
    with time_machine.travel(local(2026, 3, 4, 10, 0), tick=False):
        step_alerts_fire()
    assert notified("step_warning") == {colleague.pk, leader.pk}


def test_overdue_notifies_the_leader_by_default_once() -> None:
    state, leader = received_with_emails()
    with time_machine.travel(local(2026, 3, 3, 17, 30), tick=False):
        step_alerts_fire()
    with time_machine.travel(local(2026, 3, 4, 17, 1), tick=False):
        assert step_alerts_fire() == 1
        assert step_alerts_fire() == 0
    [overdue] = alerts(Kind.STEP_OVERDUE)
    assert overdue.action == "notify_leader"
    assert notified("step_overdue") == {leader.pk}
    assert review(state).status == STATUS.NEW  # no reassignment by default


def test_a_late_job_fires_the_overdue_alert_only() -> None:
    """Workers were down from Monday to Friday: the job's first run fires what is due now."""
    received_with_emails()
    with time_machine.travel(local(2026, 3, 6, 9, 0), tick=False):
        assert run_job(JOB) and run_job(JOB)
    assert len(alerts(Kind.STEP_OVERDUE)) == 1
    assert not alerts(Kind.STEP_WARNING)


def escalating() -> Definition:
    """The review step with its own escalation."""
    definition = review_with_stop()
    policy = Escalation(
        warn_before=Duration(2, DurationUnit.WORKING_HOURS),
        on_overdue=("notify_leader", "notify_assignee", "reassign"),
        reassign_to="leader",
    )
    nodes = tuple(
        replace(node, escalation=policy) if node.id == "review" else node
        for node in definition.nodes
    )
    return replace(definition, nodes=nodes)


def test_the_definitions_escalation_warns_and_reassigns_to_the_leaders() -> None:
    state, leader = received_with_emails(definition=escalating())
    task_claim(task_id=review(state).pk, user=state.specialist)
    with time_machine.travel(local(2026, 3, 4, 14, 59), tick=False):
        assert step_alerts_fire() == 0  # 2 working hours before 17:00 is 15:00
    with time_machine.travel(local(2026, 3, 4, 15, 0), tick=False):
        assert step_alerts_fire() == 1
    with time_machine.travel(local(2026, 3, 5, 8, 0), tick=False):
        assert step_alerts_fire() == 1
    task = review(state)
    assert task.status == STATUS.NEW and task.owner is None
    assert task.owner_permission == "workflows.role:leader@000.20.20.H56"
    assert notified("step_overdue") == {state.specialist.pk, leader.pk}
    [overdue] = alerts(Kind.STEP_OVERDUE)
    assert overdue.action == "notify_leader,notify_assignee,reassign"
    entry = ProcessingLogEntry.objects.get(dossier=state.dossier, action="escalated")
    assert entry.step == "review" and entry.comment == "leader" and entry.actor is None
    # the leader now finds it in the unclaimed queue, and may take it
    task_claim(task_id=task.pk, user=leader)


def test_a_task_done_in_time_is_never_alerted() -> None:
    from workflows.engine import task_complete

    state, _leader = received_with_emails()
    with time_machine.travel(local(2026, 3, 3, 10, 0), tick=False):
        task_complete(task_id=review(state).pk, user=state.specialist, outcome="approve")
    with time_machine.travel(local(2026, 3, 10, 10, 0), tick=False):
        assert step_alerts_fire() == 0
    assert not DeadlineAlert.objects.filter(task_id__gt=0).exists()
