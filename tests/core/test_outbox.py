"""The outbox: written with the transaction, sent once per key, retried with backoff,
kept in order, dead-lettered and retried by an admin."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection, transaction
from django.utils import timezone

from core import outbox
from core.outbox.admin_actions import outbox_discard, outbox_retry
from core.outbox.delivery import backoff_seconds
from core.outbox.models import OutboxMessage
from core.registry import RegistryError

pytestmark = pytest.mark.django_db
Status = OutboxMessage.Status


class Recorder:
    """A sender that records effects by idempotency key, failing on demand."""

    def __init__(self) -> None:
        self.calls: list[outbox.Delivery] = []
        self.effects: dict[str, int] = {}
        self.fail_with: Exception | None = None

    def __call__(self, delivery: outbox.Delivery) -> None:
        self.calls.append(delivery)
        if self.fail_with is not None:
            raise self.fail_with
        self.effects[delivery.idempotency_key] = self.effects.get(delivery.idempotency_key, 0) + 1


@pytest.fixture
def recorder():
    rec = Recorder()
    outbox.senders.add("test.record", rec)
    yield rec
    outbox.senders.remove("test.record")


def test_row_exists_only_if_the_transaction_commits(recorder):
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue(kind="test.record", payload={"n": 1})
        raise RuntimeError("the state change failed")
    assert OutboxMessage.objects.count() == 0

    with transaction.atomic():
        outbox.enqueue(kind="test.record", payload={"n": 2})
    assert outbox.drain() == {"sent": 1}
    assert [c.payload for c in recorder.calls] == [{"n": 2}]


def test_unknown_kind_fails_at_enqueue():
    with pytest.raises(RegistryError, match="unknown outbox sender 'nope'"):
        outbox.enqueue(kind="nope", payload={})


def test_same_idempotency_key_gives_one_row_and_one_effect(recorder):
    first = outbox.enqueue(kind="test.record", payload={"n": 1}, idempotency_key="dossier-7-sync-3")
    again = outbox.enqueue(kind="test.record", payload={"n": 1}, idempotency_key="dossier-7-sync-3")
    assert first.pk == again.pk
    outbox.drain()
    outbox.drain()
    assert recorder.effects == {"dossier-7-sync-3": 1}
    assert recorder.calls[0].idempotency_key == "dossier-7-sync-3"


def test_failure_is_retried_with_backoff_then_succeeds(recorder, settings):
    settings.OUTBOX_BACKOFF_BASE = 10
    message = outbox.enqueue(kind="test.record", payload={})
    recorder.fail_with = ConnectionError("receiver down")
    before = timezone.now()
    assert outbox.drain() == {"retry": 1}
    message.refresh_from_db()
    assert message.status == Status.PENDING
    assert message.attempts == 1
    assert "ConnectionError: receiver down" in message.last_error
    # first retry between base/2 and base seconds later (full jitter), not before
    assert before + timedelta(seconds=5) <= message.next_attempt_at
    assert message.next_attempt_at <= timezone.now() + timedelta(seconds=10)
    assert outbox.drain() == {}  # not due yet

    recorder.fail_with = None
    with time_machine.travel(message.next_attempt_at + timedelta(seconds=1)):
        assert outbox.drain() == {"sent": 1}
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (Status.DONE, 2, "")


def test_backoff_grows_and_is_capped(settings):
    settings.OUTBOX_BACKOFF_BASE = 10
    settings.OUTBOX_BACKOFF_MAX = 300
    assert 5 <= backoff_seconds(1) <= 10
    assert 20 <= backoff_seconds(3) <= 40
    assert 150 <= backoff_seconds(10) <= 300


def test_last_attempt_dead_letters_and_admin_retry_sends_it(recorder):
    message = outbox.enqueue(kind="test.record", payload={}, max_attempts=2)
    recorder.fail_with = TimeoutError("slow receiver")
    outbox.drain()
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert outbox.drain() == {"dead": 1}
    message.refresh_from_db()
    assert message.status == Status.DEAD
    assert message.attempts == 2

    recorder.fail_with = None
    assert outbox_retry(messages=OutboxMessage.objects.filter(pk=message.pk)) == 1
    assert outbox.drain() == {"sent": 1}
    message.refresh_from_db()
    assert message.status == Status.DONE


def test_permanent_error_dead_letters_at_once(recorder):
    message = outbox.enqueue(kind="test.record", payload={})
    recorder.fail_with = outbox.PermanentError("rejected: 400")
    assert outbox.drain() == {"dead": 1}
    message.refresh_from_db()
    assert message.status == Status.DEAD
    assert message.attempts == 1


def test_rows_with_one_ordering_key_go_in_order(recorder):
    first = outbox.enqueue(kind="test.record", payload={"step": 1}, ordering_key="dossier:1")
    outbox.enqueue(kind="test.record", payload={"step": 2}, ordering_key="dossier:1")
    outbox.enqueue(kind="test.record", payload={"other": True}, ordering_key="dossier:2")

    recorder.fail_with = ConnectionError("down")
    outbox.drain()
    # step 2 waits behind step 1; the other dossier is not held up
    assert [c.payload for c in recorder.calls] == [{"step": 1}, {"other": True}]

    recorder.fail_with = None
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        outbox.drain()
    dossier_1 = [c.payload for c in recorder.calls if "step" in c.payload]
    assert dossier_1 == [{"step": 1}, {"step": 1}, {"step": 2}]
    first.refresh_from_db()
    assert first.status == Status.DONE


def test_a_dead_row_blocks_its_successors_until_discarded(recorder):
    first = outbox.enqueue(kind="test.record", payload={"step": 1}, ordering_key="k")
    outbox.enqueue(kind="test.record", payload={"step": 2}, ordering_key="k")
    recorder.fail_with = outbox.PermanentError("no")
    outbox.drain()
    recorder.fail_with = None
    assert outbox.drain() == {}
    assert len(recorder.calls) == 1

    assert outbox_discard(messages=OutboxMessage.objects.filter(pk=first.pk)) == 1
    assert outbox.drain() == {"sent": 1}
    assert recorder.calls[-1].payload == {"step": 2}


def test_a_leased_row_is_not_sent_twice_until_the_lease_expires(recorder, settings):
    settings.OUTBOX_LEASE_SECONDS = 60
    message = outbox.enqueue(kind="test.record", payload={})
    # a worker claimed it and died before recording the outcome
    OutboxMessage.objects.filter(pk=message.pk).update(
        locked_until=timezone.now() + timedelta(seconds=60), attempts=1
    )
    assert outbox.deliver(message.pk) == "skipped"
    assert outbox.due_message_ids() == []
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        assert outbox.due_message_ids() == [message.pk]
        assert outbox.deliver(message.pk) == "sent"
        assert outbox.deliver(message.pk) == "skipped"
    message.refresh_from_db()
    assert message.attempts == 2
    assert len(recorder.calls) == 1


def test_delayed_row_waits(recorder):
    outbox.enqueue(kind="test.record", payload={}, delay=timedelta(minutes=5))
    assert outbox.drain() == {}
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert outbox.drain() == {"sent": 1}


def test_payload_is_encrypted_at_rest(recorder):
    message = outbox.enqueue(
        kind="test.record", payload={"phone": "0912345678", "name": "Nguyễn Văn An"}
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT payload FROM core_outboxmessage WHERE id = %s", [message.pk])
        (raw,) = cursor.fetchone()
    assert "0912345678" not in raw
    assert "Nguy" not in raw
    message.refresh_from_db()
    assert message.payload == {"phone": "0912345678", "name": "Nguyễn Văn An"}
