from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from core.periodic import PeriodicJobState, celery_beat_schedule, due_jobs, jobs, periodic, run_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def counter():
    calls: list[int] = []

    @periodic("test.count", every=timedelta(minutes=1))
    def count() -> None:
        calls.append(1)

    yield calls
    jobs.remove("test.count")


def test_core_jobs_are_registered_and_scheduled_for_beat():
    assert {"outbox.sweep", "retention.purge"} <= set(jobs)
    schedule = celery_beat_schedule()
    assert schedule["outbox.sweep"]["task"] == "core.run_periodic"
    assert schedule["outbox.sweep"]["args"] == ("outbox.sweep",)


def test_job_runs_and_records_its_state(counter):
    assert "test.count" in due_jobs()
    assert run_job("test.count") is True
    state = PeriodicJobState.objects.get(name="test.count")
    assert state.last_started_at is not None
    assert state.last_finished_at >= state.last_started_at
    assert state.running_until is None
    assert "test.count" not in due_jobs()
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert "test.count" in due_jobs()
    assert counter == [1]


def test_a_running_job_is_not_started_twice(counter):
    PeriodicJobState.objects.create(
        name="test.count", running_until=timezone.now() + timedelta(minutes=5)
    )
    assert run_job("test.count") is False
    assert counter == []
    # a lease left by a dead scheduler expires
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert run_job("test.count") is True
    assert counter == [1]


def test_a_failing_job_records_its_error_and_frees_the_lease():
    @periodic("test.fail", every=timedelta(minutes=1))
    def fail() -> None:
        raise ValueError("boom")

    try:
        with pytest.raises(ValueError):
            run_job("test.fail")
        state = PeriodicJobState.objects.get(name="test.fail")
        assert state.last_error == "ValueError: boom"
        assert state.running_until is None
    finally:
        jobs.remove("test.fail")
