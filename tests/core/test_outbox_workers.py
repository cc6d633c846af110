"""The outbox under real failures: a Celery worker killed mid-send, and Redis going
away mid-run. Nothing is lost and each idempotency key has one effect."""

import pytest
from django.conf import settings as django_settings
from django.db import transaction

from config.celery import app as celery_app
from core import outbox
from core.outbox.models import OutboxMessage

from .workers import Receiver, ThrowawayRedis, Worker, point_celery_at, wait_for

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


@pytest.fixture
def broker(settings):
    """Point this process's Celery app at a broker; restore it afterwards."""
    original = celery_app.conf.broker_url

    def use(url: str) -> None:
        point_celery_at(celery_app, url)
        settings.MOTCUA_BACKGROUND = "celery"

    yield use
    point_celery_at(celery_app, original)


def _enqueue(receiver: Receiver, keys: list[str]) -> None:
    for key in keys:
        with transaction.atomic():
            outbox.enqueue(
                kind="core.webhook",
                payload={"url": receiver.url, "body": {"key": key}, "timeout": 5},
                idempotency_key=key,
            )


def _all_sent(keys: list[str]) -> bool:
    sent = OutboxMessage.objects.filter(idempotency_key__in=keys, status="done").count()
    return sent == len(keys)


def test_worker_killed_mid_send_loses_nothing_and_repeats_no_effect(
    receiver, broker, tmp_path, settings
):
    broker(django_settings.REDIS_URL)
    worker = Worker(django_settings.REDIS_URL, tmp_path)
    keys = [f"kill-{i}" for i in range(6)]
    receiver.hold(keys[0])
    worker.start()
    try:
        _enqueue(receiver, keys)
        assert receiver.holding.wait(60), worker.logs()
        worker.kill()  # the worker dies while the receiver is handling keys[0]
        receiver.release()
        held = OutboxMessage.objects.get(idempotency_key=keys[0])
        assert held.status == "pending"  # nobody recorded the outcome

        worker.start()
        assert wait_for(lambda: _all_sent(keys), 90), worker.logs()
    finally:
        worker.stop()
    assert receiver.effects == {key: 1 for key in keys}
    assert receiver.attempts[keys[0]] == 2  # sent again after the lease expired
    assert OutboxMessage.objects.get(idempotency_key=keys[0]).attempts == 2


def test_redis_stopped_mid_run_loses_nothing(receiver, broker, tmp_path):
    redis = ThrowawayRedis(tmp_path)
    redis.start()
    broker(redis.url)
    worker = Worker(redis.url, tmp_path)
    worker.start()
    before = [f"before-{i}" for i in range(5)]
    during = [f"during-{i}" for i in range(5)]
    after = [f"after-{i}" for i in range(5)]
    try:
        _enqueue(receiver, before)
        assert wait_for(lambda: _all_sent(before), 60), worker.logs()

        redis.stop()
        _enqueue(receiver, during)  # the commit succeeds; publishing fails quietly
        assert OutboxMessage.objects.filter(idempotency_key__in=during).count() == 5

        redis.start()  # an empty server: every message that was in Redis is gone
        _enqueue(receiver, after)
        assert wait_for(lambda: _all_sent(before + during + after), 120), worker.logs()
    finally:
        worker.stop()
        redis.stop()
    assert receiver.effects == {key: 1 for key in before + during + after}
