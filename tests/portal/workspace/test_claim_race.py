"""Two officers press "Claim" on one task at the same moment (PostgreSQL): one gets it, the
other is told who has it; a leader's reassignment racing a claim leaves one owner."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from viewflow.workflow.status import STATUS

from tests.workflows.services.reception_setup import officer, reception

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _at_once(*calls: Callable[[], Any]) -> list[Any]:
    barrier = threading.Barrier(len(calls))
    results: list[Any] = []

    def run(call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            results.append(call())
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def _client(user: Any) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def _messages(response: Any) -> list[str]:
    """The page's messages, read from its HTML (a response's ``context`` is collected by a
    signal shared by the threads, so it is not to be trusted here)."""
    content = response.content.decode()
    known = ["The task is yours.", "This task is no longer available: "]
    return [text for text in known if text in content]


def test_one_claim_wins_and_the_other_is_told_who_has_it():
    state = reception()
    colleague = officer(state.dossier.receiving_agency, "reception", "Bình", "Lê Văn")
    task = state.task()
    claim = reverse("workspace:task-claim", args=[task.pk])
    first, second = _client(state.receptionist), _client(colleague)

    responses = _at_once(
        lambda: first.post(claim, follow=True), lambda: second.post(claim, follow=True)
    )

    task.refresh_from_db()
    assert task.status == STATUS.ASSIGNED
    assert task.owner in (state.receptionist, colleague)
    messages = sorted(message for response in responses for message in _messages(response))
    assert messages == ["The task is yours.", "This task is no longer available: "]
    told = next(r for r in responses if b"no longer available" in r.content).content.decode()
    assert f"{task.owner.get_full_name()} has it." in told


def test_a_reassignment_racing_a_claim_leaves_one_owner():
    state = reception()
    centre = state.dossier.receiving_agency
    colleague = officer(centre, "reception", "Bình", "Lê Văn")
    leader = officer(centre, "leader")
    task = state.task()
    _at_once(
        lambda: _client(state.receptionist).post(reverse("workspace:task-claim", args=[task.pk])),
        lambda: _client(leader).post(
            reverse("workspace:task-reassign", args=[task.pk]), {"officer": colleague.pk}
        ),
    )
    task.refresh_from_db()
    assert task.status == STATUS.ASSIGNED
    assert task.owner in (state.receptionist, colleague)
