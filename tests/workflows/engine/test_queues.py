"""Role-in-agency permissions from the three agency sources, and the officers' queues."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from viewflow.workflow.models import Task

from workflows.engine import process_start, task_claim
from workflows.engine.queues import queue_due_soon, queue_mine, queue_overdue, queue_unclaimed
from workflows.permissions import role_permission_code

from ..factories import AgencyFactory, MembershipFactory, RoleFactory, UserFactory
from .helpers import ARCHIVES, dossier_on, field_agency, two_step

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def _officer(agency, role):  # type: ignore[no-untyped-def]
    user = UserFactory()
    MembershipFactory(user=user, agency=agency, role=RoleFactory(code=role))
    return get_user_model().objects.get(pk=user.pk)


def _task(process):  # type: ignore[no-untyped-def]
    return Task.objects.get(process=process, flow_task_type="HUMAN")


def test_receiving_agency():
    dossier = dossier_on(two_step())
    task = _task(process_start(dossier=dossier))
    assert task.owner_permission == role_permission_code("reception", dossier.receiving_agency.code)


def test_agency_from_the_dossier_data():
    school = AgencyFactory()
    dossier = dossier_on(field_agency(), data={"school_code": school.code})
    task = _task(process_start(dossier=dossier))
    assert task.owner_permission == role_permission_code("specialist", school.code)
    assert _officer(school, "specialist").has_perm(task.owner_permission)
    assert not _officer(dossier.receiving_agency, "specialist").has_perm(task.owner_permission)


def test_unclaimed_and_mine_follow_roles_and_agencies():
    here, there = AgencyFactory(), AgencyFactory()
    mine = _task(process_start(dossier=dossier_on(two_step(), receiving_agency=here)))
    _task(process_start(dossier=dossier_on(two_step(), receiving_agency=there)))
    officer = _officer(here, "reception")
    specialist = _officer(here, "specialist")

    assert list(queue_unclaimed(user=officer)) == [mine]
    assert list(queue_unclaimed(user=specialist)) == []
    assert list(queue_mine(user=officer)) == []

    task_claim(task_id=mine.pk, user=officer)
    assert list(queue_unclaimed(user=officer)) == []
    assert list(queue_mine(user=officer)) == [mine]


def test_due_soon_and_overdue():
    agency = AgencyFactory()
    officer = _officer(agency, "specialist")
    # Monday 09:00: four working hours -> due at 14:00 the same day
    with time_machine.travel(datetime(2026, 6, 1, 9, 0, tzinfo=HCM), tick=False):
        task = _task(
            process_start(dossier=dossier_on(field_agency(), data={"school_code": agency.code}))
        )
        assert task.scheduled == datetime(2026, 6, 1, 14, 0, tzinfo=HCM)
        assert list(queue_due_soon(user=officer, within=timedelta(hours=6))) == [task]
        assert list(queue_due_soon(user=officer, within=timedelta(hours=1))) == []
        assert list(queue_overdue(user=officer)) == []
    with time_machine.travel(datetime(2026, 6, 1, 15, 0, tzinfo=HCM), tick=False):
        assert list(queue_overdue(user=officer)) == [task]
        assert list(queue_due_soon(user=officer)) == []
        task_claim(task_id=task.pk, user=officer)
        assert list(queue_overdue(user=officer)) == [task]  # claimed: still mine, still late


def test_the_queue_indexes_exist():
    with connection.cursor() as cursor:
        names = set(connection.introspection.get_constraints(cursor, "viewflow_task"))
    assert {"motcua_task_unclaimed_idx", "motcua_task_mine_idx", "motcua_task_due_idx"} <= names


def test_fixed_agency():
    dossier = dossier_on(two_step(), data={"graduation_year": 1990})
    officer = _officer(dossier.receiving_agency, "reception")
    process = process_start(dossier=dossier)
    from workflows.engine import task_complete

    task_complete(task_id=_task(process).pk, user=officer, outcome="forward")
    archive = Task.objects.get(process=process, flow_task_type="HUMAN", status="NEW")
    assert archive.owner_permission == role_permission_code("specialist", ARCHIVES)
