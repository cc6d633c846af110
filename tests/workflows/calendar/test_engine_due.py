"""The engine's due moments (``task.scheduled``) and the processing log's budgets follow the
calendar of the agency each step runs in."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.definitions.model import (
    AgencyRef,
    AgencySource,
    BoundaryTimer,
    Definition,
    Duration,
    DurationUnit,
    Node,
    NodeKind,
)
from workflows.engine import process_start, task_complete
from workflows.models import CalendarDay, ProcessingLogEntry

from ..engine.helpers import dossier_on
from ..factories import AgencyFactory, MembershipFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
K = NodeKind


def local(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=HCM)


def two_agencies() -> Definition:
    """reception (receiving agency, 1 working day) -> review (competent, 2 working hours)."""
    return Definition(
        name="Two agencies",
        nodes=(
            Node(id="submitted", kind=K.START, next="reception"),
            Node(
                id="reception",
                kind=K.USER_TASK,
                role="reception",
                budget=Duration(1, DurationUnit.WORKING_DAYS),
                outcomes=(("forward", "review"),),
            ),
            Node(
                id="review",
                kind=K.USER_TASK,
                role="specialist",
                agency=AgencyRef(AgencySource.COMPETENT),
                budget=Duration(2, DurationUnit.WORKING_HOURS),
                outcomes=(("approve", "done"),),
            ),
            Node(id="done", kind=K.END, result="processed"),
        ),
    )


def officer(agency, role):  # type: ignore[no-untyped-def]
    user = UserFactory()
    MembershipFactory(user=user, agency=agency, role=RoleFactory(code=role))
    return get_user_model().objects.get(pk=user.pk)


def open_task(process, name):  # type: ignore[no-untyped-def]
    tasks = Task.objects.filter(process=process, flow_task_type="HUMAN").exclude(
        status__in=[STATUS.DONE, STATUS.CANCELED]
    )
    [task] = [t for t in tasks if t.flow_task.name == name]
    return task


def test_step_due_moments_use_the_step_agencys_calendar():
    receiving, competent = AgencyFactory(), AgencyFactory()
    # the receiving agency (not the competent one) is off on Tuesday 09/06/2026
    CalendarDay.objects.create(
        day=date(2026, 6, 9), kind=CalendarDay.Kind.HOLIDAY, name="Local", agency=receiving
    )
    dossier = dossier_on(two_agencies(), receiving_agency=receiving, competent_agency=competent)
    receptionist, specialist = officer(receiving, "reception"), officer(competent, "specialist")

    with time_machine.travel(local(6, 8, 16), tick=False):  # Monday 16:00
        process = process_start(dossier=dossier, by=receptionist)
        reception = open_task(process, "reception")
        assert reception.scheduled == local(6, 10, 17)  # Tuesday skipped: Wednesday's close
    with time_machine.travel(local(6, 8, 16, 30), tick=False):
        task_complete(task_id=reception.pk, user=receptionist, outcome="forward")
        review = open_task(process, "review")
        assert review.scheduled == local(6, 9, 9, 30)  # the competent agency works Tuesday
    with time_machine.travel(local(6, 9, 9), tick=False):
        task_complete(task_id=review.pk, user=specialist, outcome="approve")

    log = {
        entry.step: entry
        for entry in ProcessingLogEntry.objects.filter(dossier=dossier, action__startswith="out")
    }
    # reception: 30 minutes of office time used, 1 + 8 hours allowed (Mon 16-17, Wed 8-17)
    assert log["reception"].budget_used == timedelta(minutes=30)
    assert log["reception"].budget_allowed == timedelta(hours=9)
    assert log["reception"].timing == ProcessingLogEntry.Timing.EARLY
    # review: Monday 16:30-17:00 and Tuesday 08:00-09:00, not the 16.5 hours of the night
    assert log["review"].budget_used == timedelta(hours=1, minutes=30)
    assert log["review"].budget_allowed == timedelta(hours=2)
    assert log["review"].timing == ProcessingLogEntry.Timing.ON_TIME


def test_a_budget_over_tet_2026_is_due_after_it():
    dossier = dossier_on(two_agencies())
    receptionist = officer(dossier.receiving_agency, "reception")
    with time_machine.travel(local(2, 13, 10), tick=False):  # Friday before Tết
        process = process_start(dossier=dossier, by=receptionist)
        assert open_task(process, "reception").scheduled == local(2, 23, 17)


def guarded_in_competent_agency() -> Definition:
    """review (competent agency) with a boundary timer of 1 working day; a 2-working-day
    wait (a timer node) afterwards, in the receiving agency."""
    return Definition(
        name="Guarded",
        nodes=(
            Node(id="submitted", kind=K.START, next="review"),
            Node(
                id="review",
                kind=K.USER_TASK,
                role="specialist",
                agency=AgencyRef(AgencySource.COMPETENT),
                outcomes=(("approve", "cooling_off"),),
                boundary_timers=(
                    BoundaryTimer(
                        id="review_late",
                        after=Duration(1, DurationUnit.WORKING_DAYS),
                        next="expired",
                        interrupting=True,
                    ),
                ),
            ),
            Node(
                id="cooling_off",
                kind=K.TIMER,
                wait=Duration(2, DurationUnit.WORKING_DAYS),
                next="done",
            ),
            Node(id="expired", kind=K.END, result="stopped"),
            Node(id="done", kind=K.END, result="processed"),
        ),
    )


def test_boundary_timers_and_timers_use_their_steps_agency_calendar():
    receiving, competent = AgencyFactory(), AgencyFactory()
    CalendarDay.objects.create(
        day=date(2026, 6, 9), kind=CalendarDay.Kind.HOLIDAY, name="Local", agency=competent
    )
    CalendarDay.objects.create(
        day=date(2026, 6, 10), kind=CalendarDay.Kind.HOLIDAY, name="Local", agency=receiving
    )
    dossier = dossier_on(
        guarded_in_competent_agency(), receiving_agency=receiving, competent_agency=competent
    )
    specialist = officer(competent, "specialist")
    with time_machine.travel(local(6, 8, 9), tick=False):  # Monday
        process = process_start(dossier=dossier)
        timer = Task.objects.get(process=process, flow_task_type="TIMER")
        assert timer.scheduled == local(6, 10, 17)  # the competent agency is off on Tuesday
        task_complete(task_id=open_task(process, "review").pk, user=specialist, outcome="approve")
        waiting = Task.objects.filter(process=process, flow_task_type="TIMER").exclude(pk=timer.pk)
        # the wait runs in the receiving agency (off on Wednesday): Tuesday, Thursday
        assert waiting.get().scheduled == local(6, 11, 17)
