"""Email through Django's mail backend: a server that is away is retried, a refused
recipient fails for good; the error never carries the address."""

import smtplib
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from core import outbox
from integrations.notify.models import Notification
from integrations.notify.service import notification_send

pytestmark = pytest.mark.django_db
BACKEND = "tests.integrations.notify.test_email.FlakyBackend"


class FlakyBackend(EmailBackend):
    """The locmem backend, failing with the queued errors first."""

    errors: list[Exception] = []

    def send_messages(self, messages: Any) -> int:
        if FlakyBackend.errors:
            raise FlakyBackend.errors.pop(0)
        return super().send_messages(messages)


@pytest.fixture
def flaky(settings: Any) -> type[FlakyBackend]:
    settings.EMAIL_BACKEND = BACKEND
    FlakyBackend.errors = []
    return FlakyBackend


def queue() -> Notification:
    return notification_send(
        reference="dossier:3",
        event="refused",
        channel="email",
        to="lan@example.vn",
        context={"code": "H-3", "reason": "Thiếu giấy tờ"},
        idempotency_key="mail-1",
    )


def test_a_server_away_is_retried_then_the_email_is_sent(flaky: Any, mailoutbox: Any) -> None:
    flaky.errors = [smtplib.SMTPServerDisconnected("gone"), ConnectionRefusedError()]
    notification = queue()
    assert outbox.drain() == {"retry": 1}
    notification.refresh_from_db()
    assert (notification.status, notification.last_error) == (
        Notification.Status.QUEUED,
        "mail server unreachable: SMTPServerDisconnected",
    )
    with time_machine.travel(timezone.now() + timedelta(hours=1), tick=True):
        assert outbox.drain() == {"retry": 1}
    with time_machine.travel(timezone.now() + timedelta(hours=3), tick=True):
        assert outbox.drain() == {"sent": 1}
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (Notification.Status.SENT, 3)
    [message] = mailoutbox
    assert "Lý do: Thiếu giấy tờ" in message.body


def test_a_refused_recipient_fails_for_good(flaky: Any, mailoutbox: Any) -> None:
    flaky.errors = [smtplib.SMTPRecipientsRefused({"lan@example.vn": (550, b"no such user")})]
    notification = queue()
    assert outbox.drain() == {"dead": 1}
    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    assert notification.last_error == "mail server refused the recipient"
    assert mailoutbox == []
