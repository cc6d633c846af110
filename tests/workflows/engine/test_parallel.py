"""Races: two workers completing both branches at once make one join; two timer dispatchers
at once fire each timer once; two requests starting one dossier make one process."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import PROCESS, STATUS
from viewflow.workflow.timers import fire_due_timers

from workflows.definitions.model import Definition, Duration, DurationUnit, Node, NodeKind
from workflows.engine import ProcessAlreadyStarted, process_of, process_start, task_complete
from workflows.models import Dossier

from ..factories import AgencyFactory, MembershipFactory, RoleFactory, UserFactory
from .helpers import dossier_on, parallel, published


def _officer(agency):  # type: ignore[no-untyped-def]
    user = UserFactory()
    MembershipFactory(user=user, agency=agency, role=RoleFactory(code="reception"))
    return get_user_model().objects.get(pk=user.pk)


def _branches(process):  # type: ignore[no-untyped-def]
    tasks = Task.objects.filter(process=process, flow_task_type="HUMAN", status=STATUS.NEW)
    return sorted(tasks, key=lambda t: t.flow_task.name)


@pytest.mark.django_db
def test_both_branches_then_the_join_then_the_end():
    dossier = dossier_on(parallel())
    user = _officer(dossier.receiving_agency)
    process = process_start(dossier=dossier)
    first, second = _branches(process)
    assert [first.flow_task.name, second.flow_task.name] == ["check_a", "check_b"]

    task_complete(task_id=first.pk, user=user, outcome="ok")
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.NEW  # the join waits for the other branch
    task_complete(task_id=second.pk, user=user, outcome="ok")

    dossier.refresh_from_db()
    process.refresh_from_db()
    assert dossier.status == Dossier.Status.PROCESSED
    assert process.status == PROCESS.DONE
    assert Task.objects.filter(process=process, flow_task_type="JOIN").count() == 1


def _complete(task_id: int, user, barrier, errors) -> None:  # type: ignore[no-untyped-def]
    try:
        barrier.wait(timeout=10)
        task_complete(task_id=task_id, user=user, outcome="ok")
    except BaseException as exc:  # reported by the test
        errors.append(exc)
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_completing_both_branches_at_once_make_exactly_one_join():
    version = published(parallel())
    agency = AgencyFactory()
    user = _officer(agency)
    for _round in range(20):
        dossier = dossier_on(version, receiving_agency=agency, competent_agency=agency)
        process = process_start(dossier=dossier)
        branches = _branches(process)
        barrier = threading.Barrier(len(branches))
        errors: list[BaseException] = []
        threads = [
            threading.Thread(target=_complete, args=(t.pk, user, barrier, errors)) for t in branches
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

        assert errors == []
        assert Task.objects.filter(process=process, flow_task_type="JOIN").count() == 1
        process.refresh_from_db()
        dossier.refresh_from_db()
        assert process.status == PROCESS.DONE
        assert dossier.status == Dossier.Status.PROCESSED


def _fire(barrier, counts, errors) -> None:  # type: ignore[no-untyped-def]
    try:
        barrier.wait(timeout=10)
        counts.append(fire_due_timers())
    except BaseException as exc:  # reported by the test
        errors.append(exc)
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_dispatchers_at_once_fire_a_due_timer_once():
    definition = Definition(
        nodes=(
            Node(id="submitted", kind=NodeKind.START, next="wait"),
            Node(
                id="wait",
                kind=NodeKind.TIMER,
                wait=Duration(1, DurationUnit.MINUTES),
                next="done",
            ),
            Node(id="done", kind=NodeKind.END, result="processed"),
        )
    )
    version = published(definition)
    processes = [process_start(dossier=dossier_on(version)) for _ in range(10)]
    barrier = threading.Barrier(2)
    counts: list[int] = []
    errors: list[BaseException] = []
    with time_machine.travel(timedelta(minutes=2)):
        threads = [threading.Thread(target=_fire, args=(barrier, counts, errors)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert errors == []
    assert sum(counts) == 10
    for process in processes:
        assert Task.objects.filter(process=process, flow_task_type="END").count() == 1


def _start(dossier, barrier, outcomes) -> None:  # type: ignore[no-untyped-def]
    try:
        barrier.wait(timeout=10)
        process_start(dossier=dossier)
        outcomes.append("started")
    except ProcessAlreadyStarted:
        outcomes.append("refused")
    except BaseException as exc:  # reported by the test
        outcomes.append(repr(exc))
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_requests_starting_the_same_dossier_at_once_make_one_process():
    version = published(parallel())
    for _round in range(5):
        dossier = dossier_on(version)
        barrier = threading.Barrier(2)
        outcomes: list[str] = []
        threads = [
            threading.Thread(target=_start, args=(dossier, barrier, outcomes)) for _ in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert sorted(outcomes) == ["refused", "started"]
        assert process_of(dossier) is not None
        assert Process.objects.filter(artifact_object_id=dossier.pk).count() == 1
