"""SMS delivery reports: verified, stored, deduplicated, then applied. The gateway's webhook
and the fake gateway both come through ``delivery_report_receive``."""

import json
import logging
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import DeliveryReport, Notification

if TYPE_CHECKING:
    from .backends.base import SmsBackend

logger = logging.getLogger("motcua.notify")
Status = Notification.Status
FAILED_STATES = {"failed", "expired", "rejected", "undeliverable"}
STATES = FAILED_STATES | {"delivered"}


class ReportForbidden(Exception):
    """The signature does not match: not from the gateway."""


class ReportInvalid(ValueError):
    """Signed, but not the documented report (the message says what is wrong)."""


def delivery_report_receive(
    *, backend: "SmsBackend", body: bytes, signature_header: str
) -> tuple[DeliveryReport, bool]:
    """Store one report once and apply it. Returns (report, whether it was new)."""
    from .backends.base import signature_valid

    if not signature_valid(backend.webhook_secret(), body, signature_header):
        raise ReportForbidden("bad signature")
    fields = _parse(body)
    with transaction.atomic():
        existing = DeliveryReport.objects.filter(
            backend=backend.id, report_id=fields["report_id"]
        ).first()
        if existing is not None:
            return existing, False
        try:
            with transaction.atomic():
                report = DeliveryReport.objects.create(backend=backend.id, **fields)
        except IntegrityError:  # the same report, concurrently
            return DeliveryReport.objects.get(
                backend=backend.id, report_id=fields["report_id"]
            ), False
        reports_apply(backend_id=backend.id, message_id=report.message_id)
    return report, True


def _parse(body: bytes) -> dict[str, object]:
    try:
        data = json.loads(body)
    except ValueError:
        raise ReportInvalid("body is not JSON") from None
    if not isinstance(data, dict):
        raise ReportInvalid("body is not a JSON object")
    report_id, message_id = str(data.get("report_id") or ""), str(data.get("message_id") or "")
    if not report_id or not message_id or len(report_id) > 100 or len(message_id) > 100:
        raise ReportInvalid("report_id and message_id are required (at most 100 characters)")
    status = str(data.get("status") or "")
    if status not in STATES:
        raise ReportInvalid(f"status must be one of {', '.join(sorted(STATES))}")
    reported_at = _when(data.get("reported_at"))
    return {
        "report_id": report_id,
        "message_id": message_id,
        "status": status,
        "error_code": str(data.get("error_code") or "")[:40],
        "reported_at": reported_at,
    }


def _when(value: object) -> datetime:
    parsed = parse_datetime(str(value)) if value else None
    if parsed is None:
        raise ReportInvalid("reported_at must be an ISO 8601 date and time")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def reports_apply(*, backend_id: str, message_id: str) -> int:
    """Apply the stored, unapplied reports of one message to its notification (called when a
    report arrives and when the sender learns the message id: a report may come first).
    ``delivered`` is final: a late or out-of-order ``failed`` never moves it back."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .filter(backend=backend_id, provider_message_id=message_id)
            .first()
        )
        if notification is None:
            return 0
        pending = list(
            DeliveryReport.objects.filter(
                backend=backend_id, message_id=message_id, applied_at__isnull=True
            ).order_by("reported_at", "id")
        )
        for report in pending:
            _apply_one(notification, report)
        if pending:
            notification.save(update_fields=["status", "delivered_at", "last_error"])
            DeliveryReport.objects.filter(pk__in=[r.pk for r in pending]).update(
                applied_at=timezone.now()
            )
        return len(pending)


def _apply_one(notification: Notification, report: DeliveryReport) -> None:
    if notification.status == Status.DELIVERED:
        return
    if report.status == "delivered":
        notification.status = Status.DELIVERED
        notification.delivered_at = report.reported_at
        notification.last_error = ""
    else:
        notification.status = Status.FAILED
        notification.last_error = (
            f"not delivered: {report.status} (code {report.error_code or '-'})"
        )
