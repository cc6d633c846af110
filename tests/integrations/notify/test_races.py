"""At the same moment (PostgreSQL): two callers queue the same notification, the gateway
sends the same delivery report twice. One row each, applied once."""

import json

import pytest
from django.utils import timezone

from core import outbox
from core.outbox.models import OutboxMessage
from integrations.notify.backends.base import signature
from integrations.notify.backends.fake import FakeSmsBackend
from integrations.notify.models import DeliveryReport, Notification
from integrations.notify.reports import delivery_report_receive
from integrations.notify.service import notification_send
from tests.concurrency import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def queue() -> Notification:
    return notification_send(
        reference="dossier:9",
        event="shipped",
        channel="sms",
        to="0912345678",
        context={"code": "H-9", "tracking_number": "EE1VN"},
        idempotency_key="race-1",
    )


def test_the_same_notification_queued_twice_at_once_is_one_row() -> None:
    results, errors = at_once(queue, queue, queue)
    assert errors == []
    assert len({n.pk for n in results}) == 1
    assert Notification.objects.count() == 1
    assert OutboxMessage.objects.filter(kind="notify.send").count() == 1


def test_a_report_sent_twice_at_once_is_stored_and_applied_once() -> None:
    queue()
    outbox.drain()  # sent, and the fake's own report applied
    notification = Notification.objects.get()
    assert (notification.status, notification.last_error) == ("delivered", "")
    backend = FakeSmsBackend()
    body = json.dumps(
        {
            "report_id": "dup-1",
            "message_id": notification.provider_message_id,
            "status": "failed",
            "reported_at": timezone.now().isoformat(),
        }
    ).encode()
    signed = signature(backend.webhook_secret(), body)

    def receive() -> bool:
        return delivery_report_receive(backend=backend, body=body, signature_header=signed)[1]

    results, errors = at_once(receive, receive)
    assert errors == []
    assert sorted(results) == [False, True]
    assert DeliveryReport.objects.filter(report_id="dup-1").count() == 1
    assert Notification.objects.get().status == Notification.Status.DELIVERED
