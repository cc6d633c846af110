"""Handing a rendered notification to its channel: Django's mail backend or the SMS backend."""

import hashlib
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import make_msgid

from .backends.base import SmsRejected, SmsTemporaryError, sms_backend
from .models import Notification


class ChannelTemporaryError(Exception):
    """Try again later (the outbox's backoff)."""


class ChannelRejected(Exception):
    """Trying again cannot help."""


@dataclass(frozen=True)
class Handed:
    backend: str
    message_id: str


def channel_send(notification: Notification) -> Handed:
    if notification.channel == "email":
        return _email(notification)
    return _sms(notification)


def _email(notification: Notification) -> Handed:
    message_id = make_msgid(domain=settings.NOTIFY_EMAIL_MESSAGE_ID_DOMAIN)
    message = EmailMessage(
        subject=notification.subject,
        body=notification.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient],
        headers={"Message-ID": message_id},
    )
    try:
        message.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused:
        raise ChannelRejected("mail server refused the recipient") from None
    except smtplib.SMTPResponseException as exc:
        if 500 <= exc.smtp_code < 600:
            raise ChannelRejected(f"mail server answered {exc.smtp_code}") from None
        raise ChannelTemporaryError(f"mail server answered {exc.smtp_code}") from None
    except (smtplib.SMTPException, OSError) as exc:
        raise ChannelTemporaryError(f"mail server unreachable: {type(exc).__name__}") from None
    return Handed(backend="email", message_id=message_id.strip("<>")[:100])


def _sms(notification: Notification) -> Handed:
    backend = sms_backend()
    if backend is None:
        raise ChannelTemporaryError("no SMS backend is configured")
    # the same on every retry of this notification: the gateway sends it once
    request_id = "mc-" + hashlib.sha256(notification.idempotency_key.encode()).hexdigest()[:40]
    try:
        sent = backend.send(
            phone=notification.recipient, message=notification.body, request_id=request_id
        )
    except SmsTemporaryError as exc:
        raise ChannelTemporaryError(str(exc)) from None
    except SmsRejected as exc:
        raise ChannelRejected(str(exc)) from None
    return Handed(backend=backend.id, message_id=sent.message_id)
