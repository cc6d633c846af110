"""The SMS backend kind: its base class, its registry and the configured backend."""

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings

from core.backends import Backend
from core.registry import Registry


class SmsTemporaryError(Exception):
    """The gateway may accept the message later (timeout, 5xx, busy): the outbox retries."""


class SmsRejected(Exception):
    """The gateway refused the message for good (bad number, unregistered brandname)."""


@dataclass(frozen=True)
class SmsSent:
    message_id: str


class SmsBackend(Backend):
    """Sends one SMS. ``request_id`` is the same on every retry of a message: the gateway
    answers a repeated id with the first message's id instead of sending it twice."""

    def send(self, *, phone: str, message: str, request_id: str) -> SmsSent:
        raise NotImplementedError

    def webhook_secret(self) -> bytes:
        """The key delivery reports are signed with (HMAC-SHA256 over the body)."""
        raise NotImplementedError


sms_backends: Registry[type[SmsBackend]] = Registry("SMS backend")


def sms_backend() -> SmsBackend | None:
    name = settings.NOTIFY_SMS_BACKEND
    if name not in sms_backends:
        return None
    return sms_backends.get(name)()


def signature(secret: bytes, body: bytes) -> str:
    """Hex HMAC-SHA256 of ``body``: the X-Signature header both ways."""
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


def signature_valid(secret: bytes, body: bytes, given: str) -> bool:
    return bool(secret) and hmac.compare_digest(signature(secret, body), given.strip().lower())
