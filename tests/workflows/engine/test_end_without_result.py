"""A non-interrupting reminder whose branch ends without a result: the reminder's path
closes, the main path goes on and the dossier finishes with the main path's result."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from core import outbox
from core.periodic import run_job
from workflows.definitions import validate
from workflows.definitions.loader import dump, load
from workflows.definitions.model import (
    BoundaryTimer,
    Definition,
    Duration,
    DurationUnit,
    Node,
    NodeKind,
)
from workflows.definitions.registry import service_handlers
from workflows.engine import process_start, task_complete
from workflows.engine.timers import JOB
from workflows.models import Dossier

from ..factories import MembershipFactory, RoleFactory, UserFactory
from .helpers import dossier_on

pytestmark = pytest.mark.django_db
K = NodeKind
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
reminders: list[int] = []


@pytest.fixture(autouse=True)
def _remind_handler():  # type: ignore[no-untyped-def]
    reminders.clear()

    def remind(**kwargs):  # type: ignore[no-untyped-def]
        reminders.append(kwargs["dossier"].pk)

    service_handlers.add("tests.remind_officer", remind)
    yield
    service_handlers.remove("tests.remind_officer")


def reminded() -> Definition:
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
                        after=Duration(1, DurationUnit.WORKING_DAYS),
                        next="remind",
                        interrupting=False,
                    ),
                ),
            ),
            Node(id="remind", kind=K.SERVICE_TASK, handler="tests.remind_officer", next="reminded"),
            Node(id="reminded", kind=K.END),  # no result: closes the reminder's path only
            Node(id="done", kind=K.END, result="processed"),
        )
    )


def _tasks(process, name):  # type: ignore[no-untyped-def]
    return [t for t in Task.objects.filter(process=process) if t.flow_task.name == name]


def test_the_reminder_path_ends_and_the_main_path_finishes_with_its_result():
    definition = reminded()
    assert load(dump(definition)) == definition
    assert validate(definition) == []  # publishable as it stands
    monday = datetime(2026, 6, 1, 9, 0, tzinfo=HCM)
    with time_machine.travel(monday, tick=False):
        dossier = dossier_on(definition)
        status_before = dossier.status
        user = UserFactory()
        MembershipFactory(
            user=user, agency=dossier.receiving_agency, role=RoleFactory(code="reception")
        )
        officer = get_user_model().objects.get(pk=user.pk)
        process = process_start(dossier=dossier)
    with time_machine.travel(monday + timedelta(days=1, hours=9), tick=False):
        run_job(JOB)  # the reminder's timer fires beside the review
        outbox.drain()  # the reminder service task runs on a "worker"
        assert reminders == [dossier.pk]
        [end] = _tasks(process, "reminded")
        assert end.status == STATUS.DONE
        [review] = _tasks(process, "review")
        assert review.status == STATUS.NEW  # the main path is still open
        process.refresh_from_db()
        dossier.refresh_from_db()
        assert process.status != PROCESS.DONE
        assert dossier.status == status_before  # an end without result leaves it as it is
        task_complete(task_id=review.pk, user=officer, outcome="approve")
    process.refresh_from_db()
    dossier.refresh_from_db()
    assert process.status == PROCESS.DONE
    assert dossier.status == Dossier.Status.PROCESSED
    [done] = _tasks(process, "done")
    assert done.status == STATUS.DONE
