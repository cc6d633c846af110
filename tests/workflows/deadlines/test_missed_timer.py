"""A boundary timer whose moment passed while no worker ran fires when the job runs again,
once (the lease of core.periodic and the task re-read under its process's lock)."""

import pytest
import time_machine
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from core.periodic import run_job
from workflows.definitions.model import (
    BoundaryTimer,
    Definition,
    Duration,
    DurationUnit,
    Node,
)
from workflows.definitions.model import NodeKind as K
from workflows.engine import process_start
from workflows.engine.timers import JOB
from workflows.models import ProcessingLogEntry

from ..engine.helpers import dossier_on
from ..services.reception_setup import local

pytestmark = pytest.mark.django_db


def reminded() -> Definition:
    """review with a non-interrupting timer after 1 working hour: a leader's reminder task."""
    return Definition(
        nodes=(
            Node(id="submitted", kind=K.START, next="review"),
            Node(
                id="review",
                kind=K.USER_TASK,
                role="reception",
                outcomes=(("approve", "done"),),
                boundary_timers=(
                    BoundaryTimer(
                        id="review_late",
                        after=Duration(1, DurationUnit.WORKING_HOURS),
                        next="remind",
                    ),
                ),
            ),
            Node(id="remind", kind=K.USER_TASK, role="leader", outcomes=(("noted", "noted"),)),
            Node(id="noted", kind=K.END, result="processed"),
            Node(id="done", kind=K.END, result="processed"),
        )
    )


def test_a_timer_missed_while_workers_were_down_fires_once_when_they_return() -> None:
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        dossier = dossier_on(reminded())
        process = process_start(dossier=dossier)
    timer = Task.objects.get(process=process, flow_task_type="TIMER")
    assert timer.scheduled == local(2026, 3, 2, 10, 0)
    # nothing ran until Thursday; then two sweeps, one after the other
    with time_machine.travel(local(2026, 3, 5, 8, 0), tick=False):
        assert run_job(JOB)
        assert run_job(JOB)
    timer.refresh_from_db()
    assert timer.status == STATUS.DONE
    reminders = [
        t
        for t in Task.objects.filter(process=process, flow_task_type="HUMAN")
        if t.flow_task.name == "remind"
    ]
    assert len(reminders) == 1
    assert ProcessingLogEntry.objects.filter(dossier=dossier, action="timer_fired").count() == 1
