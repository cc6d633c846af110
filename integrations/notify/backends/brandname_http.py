"""An HTTP gateway of the Vietnamese "SMS brandname" kind (docs/notifications.md, "The
brandname_http protocol"): JSON POST signed with HMAC-SHA256, an idempotent request id,
``{code, message_id}`` back; delivery reports come to /notify/sms/delivery/."""

import json
import urllib.error
import urllib.request

from django.conf import settings

from ..rendering import sms_segments
from .base import SmsBackend, SmsRejected, SmsSent, SmsTemporaryError, signature, sms_backends

ACCEPTED = "00"
DUPLICATE = "09"  # this request id was sent before: the answer carries the first message id
BUSY = "99"


@sms_backends.register("brandname_http")
class BrandnameHttpBackend(SmsBackend):
    id = "brandname_http"

    def check_config(self) -> list[str]:
        problems = []
        url = settings.NOTIFY_SMS_GATEWAY_URL
        if not url:
            problems.append("NOTIFY_SMS_GATEWAY_URL is not set")
        elif not url.startswith("https://") and not settings.DEBUG:
            problems.append("NOTIFY_SMS_GATEWAY_URL must be https:// in production")
        for name in ("NOTIFY_SMS_API_KEY", "NOTIFY_SMS_HMAC_SECRET", "NOTIFY_SMS_BRANDNAME"):
            if not getattr(settings, name):
                problems.append(f"{name} is not set")
        if len(settings.NOTIFY_SMS_BRANDNAME) > 11:
            problems.append("NOTIFY_SMS_BRANDNAME is longer than 11 characters")
        return problems

    def webhook_secret(self) -> bytes:
        return settings.NOTIFY_SMS_HMAC_SECRET.encode()

    def send(self, *, phone: str, message: str, request_id: str) -> SmsSent:
        url = settings.NOTIFY_SMS_GATEWAY_URL
        if not url.startswith(("http://", "https://")):
            raise SmsRejected("gateway URL must be http or https")
        encoding, _units, _segments = sms_segments(message)
        body = json.dumps(
            {
                "brandname": settings.NOTIFY_SMS_BRANDNAME,
                "phone": phone,
                "message": message,
                "request_id": request_id,
                "unicode": 1 if encoding == "UCS-2" else 0,
            },
            ensure_ascii=False,
        ).encode()
        request = urllib.request.Request(  # noqa: S310  (scheme checked above)
            url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "X-Api-Key": settings.NOTIFY_SMS_API_KEY,
                "X-Signature": signature(self.webhook_secret(), body),
            },
        )
        try:
            with urllib.request.urlopen(  # noqa: S310
                request, timeout=settings.NOTIFY_SMS_TIMEOUT
            ) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            if exc.code in (408, 429) or exc.code >= 500:
                raise SmsTemporaryError(f"gateway answered HTTP {exc.code}") from None
            raise SmsRejected(f"gateway answered HTTP {exc.code}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            raise SmsTemporaryError(f"gateway unreachable: {type(reason).__name__}") from None
        return _answer(raw)


def _answer(raw: bytes) -> SmsSent:
    try:
        answer = json.loads(raw)
        code = str(answer["code"])
    except (ValueError, KeyError, TypeError):
        # it may have taken the message: the retry carries the same request id
        raise SmsTemporaryError("gateway answer is not the documented JSON") from None
    message_id = str(answer.get("message_id") or "")
    if code in (ACCEPTED, DUPLICATE) and message_id:
        return SmsSent(message_id=message_id[:100])
    if code == BUSY:
        raise SmsTemporaryError(f"gateway busy (code {code})")
    raise SmsRejected(f"gateway refused the message (code {code[:10]})")
