"""The fake SMS gateway: an in-process stand-in for brandname_http. It records each message
(``FakeSms``, read by the demo and the tests), answers with a message id (a repeated request
id gets the first one) and sends a signed delivery report through the same code path as the
gateway's webhook: ``delivered``, or ``failed`` for numbers ending in 0000."""

import json
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from core import outbox

from ..models import FakeSms
from ..reports import delivery_report_receive
from .base import SmsBackend, SmsRejected, SmsSent, signature, sms_backends

REPORT_KIND = "notify.fake_sms_report"


@sms_backends.register("fake")
class FakeSmsBackend(SmsBackend):
    id = "fake"
    fake = True

    def webhook_secret(self) -> bytes:
        return salted_hmac("notify.fake_sms", "webhook", secret=settings.SECRET_KEY).digest()

    def send(self, *, phone: str, message: str, request_id: str) -> SmsSent:
        if not (phone.startswith("84") and phone.isdigit() and 10 <= len(phone) <= 12):
            raise SmsRejected("gateway refused the message (code 01)")
        existing = FakeSms.objects.filter(request_id=request_id).first()
        if existing is not None:
            return SmsSent(message_id=existing.message_id)
        try:
            with transaction.atomic():
                sms = FakeSms.objects.create(
                    request_id=request_id,
                    message_id=f"fake-{uuid.uuid4().hex[:20]}",
                    brandname=settings.NOTIFY_SMS_BRANDNAME or "MOTCUA",
                    phone=phone,
                    message=message,
                )
                status = "failed" if phone.endswith("0000") else "delivered"
                outbox.enqueue(
                    kind=REPORT_KIND,
                    payload={"message_id": sms.message_id, "status": status},
                    idempotency_key=f"{REPORT_KIND}:{sms.message_id}",
                    summary="fake SMS delivery report",
                )
        except IntegrityError:
            sms = FakeSms.objects.get(request_id=request_id)
        return SmsSent(message_id=sms.message_id)


@outbox.senders.register(REPORT_KIND)
def send_fake_report(delivery: outbox.Delivery) -> None:
    """The fake gateway's webhook call: a signed body into the webhook's own receiver."""
    message_id = str(delivery.payload["message_id"])
    body = json.dumps(
        {
            "report_id": f"r-{message_id}",
            "message_id": message_id,
            "status": str(delivery.payload["status"]),
            "error_code": "" if delivery.payload["status"] == "delivered" else "05",
            "reported_at": timezone.now().isoformat(),
        }
    ).encode()
    backend = FakeSmsBackend()
    delivery_report_receive(
        backend=backend, body=body, signature_header=signature(backend.webhook_secret(), body)
    )
