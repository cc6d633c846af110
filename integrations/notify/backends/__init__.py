"""Backends of this kind; each registers itself. Nothing outside this integration imports
them: callers go through the service module."""

from . import brandname_http, fake  # noqa: F401  (they register themselves)
from .base import SmsBackend, SmsRejected, SmsSent, SmsTemporaryError, sms_backend, sms_backends

__all__ = [
    "SmsBackend",
    "SmsRejected",
    "SmsSent",
    "SmsTemporaryError",
    "sms_backend",
    "sms_backends",
]
