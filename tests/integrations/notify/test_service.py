"""notification_send: one row and one outbox row in the caller's transaction, idempotent,
rendered and sent by the outbox; notifications_for shows no text and a masked recipient."""

import pytest
from django.core import mail
from django.db import transaction

from core import outbox
from core.outbox.models import OutboxMessage
from integrations.notify.models import FakeSms, Notification
from integrations.notify.service import notification_send, notifications_for

pytestmark = pytest.mark.django_db
Status = Notification.Status

CONTEXT = {
    "code": "H12-0001",
    "procedure": "Cấp phép",
    "track_url": "https://x.vn/t/1",
    "appointment_date": "05/12/2026",
}


def send(**overrides):
    fields = {
        "reference": "dossier:1",
        "event": "accepted",
        "channel": "email",
        "to": "dan@example.vn",
        "context": CONTEXT,
        "idempotency_key": "dossier:1:accepted:1:email",
    }
    fields.update(overrides)
    return notification_send(**fields)


def test_email_is_rendered_from_the_shipped_template_and_sent():
    notification = send()
    assert notification.status == Status.QUEUED
    assert outbox.drain() == {"sent": 1}
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert notification.template.version == 1
    assert notification.attempts == 1
    [message] = mail.outbox
    assert message.to == ["dan@example.vn"]
    assert message.subject == "Hồ sơ H12-0001 đã được tiếp nhận giải quyết"
    assert "Ngày hẹn trả kết quả: 05/12/2026" in message.body
    assert notification.provider_message_id in message.extra_headers["Message-ID"]


def test_nothing_is_queued_when_the_callers_transaction_rolls_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        send()
        raise RuntimeError
    assert not Notification.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_the_same_key_gives_the_first_row_and_sends_once():
    first = send()
    again = send(to="other@example.vn")
    assert again.pk == first.pk
    outbox.drain()
    assert len(mail.outbox) == 1


def test_sms_goes_to_the_gateway_and_its_delivery_report_is_applied():
    notification = send(channel="sms", to="0912 345 678", idempotency_key="k-sms")
    outbox.drain()  # the send, then the fake gateway's delivery report
    notification.refresh_from_db()
    assert notification.status == Status.DELIVERED
    assert notification.delivered_at is not None
    sms = FakeSms.objects.get()
    assert sms.phone == "84912345678"
    assert sms.message_id == notification.provider_message_id
    assert sms.message == "Hồ sơ H12-0001 đã được tiếp nhận, hẹn trả kết quả 05/12/2026."


def test_an_unusable_address_is_a_visible_failure_and_sends_nothing():
    notification = send(channel="sms", to="12345", idempotency_key="k-bad")
    assert notification.status == Status.FAILED
    assert notification.last_error == "recipient is not a Vietnamese mobile number"
    assert not OutboxMessage.objects.exists()


def test_officer_events_are_email_only_and_unknown_events_refused():
    with pytest.raises(ValueError, match="not sent by 'sms'"):
        send(event="step_warning", channel="sms", to="0912345678")
    with pytest.raises(ValueError, match="unknown notification event"):
        send(event="nope")


def test_the_recipient_and_text_are_encrypted_at_rest():
    notification = send()
    outbox.drain()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT recipient, body, recipient_masked FROM notify_notification WHERE id = %s",
            [notification.pk],
        )
        recipient, body, masked = cursor.fetchone()
    assert "dan@example.vn" not in recipient
    assert "H12-0001" not in body
    assert masked == "d***@example.vn"


def test_notifications_for_lists_a_references_notifications_without_text():
    send()
    send(channel="sms", to="0912345678", idempotency_key="k2")
    send(reference="dossier:2", idempotency_key="k3")
    outbox.drain()
    rows = notifications_for(reference="dossier:1")
    assert [(r.channel, r.status) for r in rows] == [("sms", "delivered"), ("email", "sent")]
    assert rows[0].recipient_masked == "84******678"
    assert str(rows[0].event_label) == "Dossier accepted"
