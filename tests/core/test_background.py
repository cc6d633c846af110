"""The embedded default's dispatcher thread, and notify() when the broker is away."""

import time

import pytest
from django.db import transaction

from config.celery import app as celery_app
from core import outbox
from core.background import EmbeddedDispatcher, notify
from core.outbox.models import OutboxMessage

from .workers import point_celery_at


def _wait_for(predicate, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.django_db(transaction=True)
def test_embedded_dispatcher_sends_a_committed_row_without_redis(settings):
    settings.MOTCUA_BACKGROUND = "thread"
    dispatcher = EmbeddedDispatcher.start_once()
    try:
        with transaction.atomic():
            message = outbox.enqueue(kind="core.ping", payload={})
        assert _wait_for(
            lambda: OutboxMessage.objects.get(pk=message.pk).status == OutboxMessage.Status.DONE
        )
    finally:
        dispatcher.stop()
        dispatcher.join(timeout=5)
        EmbeddedDispatcher._instance = None


@pytest.mark.django_db
def test_notify_does_not_raise_or_hang_when_the_broker_is_away(settings):
    settings.MOTCUA_BACKGROUND = "celery"
    original = celery_app.conf.broker_url
    point_celery_at(celery_app, "redis://127.0.0.1:9/0")  # nothing listens on the discard port
    try:
        message = outbox.enqueue(kind="core.ping", payload={})
        started = time.monotonic()
        notify(message.pk)
        assert time.monotonic() - started < 10
        # the row is still there for the sweep
        assert OutboxMessage.objects.get(pk=message.pk).status == OutboxMessage.Status.PENDING
    finally:
        point_celery_at(celery_app, original)
