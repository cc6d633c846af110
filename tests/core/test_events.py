"""Events up the layers through the outbox: emitted with the transaction, handled once per
key, retried when the subscriber fails, kept in order per ordering key."""

import pytest
from django.db import transaction

from core import events, outbox
from core.outbox.models import OutboxMessage
from core.registry import RegistryError

pytestmark = pytest.mark.django_db


@pytest.fixture
def handled():
    seen: list[dict] = []
    state = {"fail": 0}

    @events.subscriber("test_happened")
    def on_test(payload: dict) -> None:
        if state["fail"]:
            state["fail"] -= 1
            raise RuntimeError("subscriber down")
        seen.append(payload)

    yield seen, state
    outbox.senders.remove(events.kind_of("test_happened"))


def test_an_emitted_event_reaches_its_subscriber_after_commit(handled):
    seen, _ = handled
    with transaction.atomic():
        events.emit("test_happened", {"reference": "r-1", "amount": 5}, key="cb-1")
    outbox.drain()
    assert seen == [{"reference": "r-1", "amount": 5}]
    assert events.subscribed("test_happened")


def test_a_replayed_key_emits_nothing_new(handled):
    seen, _ = handled
    first = events.emit("test_happened", {"reference": "r-1"}, key="cb-1")
    again = events.emit("test_happened", {"reference": "r-1"}, key="cb-1")
    assert first.pk == again.pk
    outbox.drain()
    assert len(seen) == 1


def test_a_rolled_back_transaction_emits_nothing(handled):
    seen, _ = handled
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        events.emit("test_happened", {"reference": "r-2"}, key="cb-2")
        1 / 0  # noqa: B018
    outbox.drain()
    assert seen == []
    assert not OutboxMessage.objects.filter(kind=events.kind_of("test_happened")).exists()


def test_a_failing_subscriber_is_retried_and_nothing_is_lost(handled):
    seen, state = handled
    state["fail"] = 1
    message = events.emit("test_happened", {"reference": "r-3"}, key="cb-3")
    outbox.drain()
    message.refresh_from_db()
    assert seen == [] and message.status == OutboxMessage.Status.PENDING
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=message.created_at)
    outbox.drain()
    assert seen == [{"reference": "r-3"}]


def test_an_event_without_subscriber_is_a_programming_error():
    with pytest.raises(RegistryError):
        events.emit("nobody_listens", {})


def test_a_second_subscriber_is_refused(handled):
    with pytest.raises(RegistryError):
        events.subscriber("test_happened")(lambda payload: None)
