"""The wire format of the VNPost-style protocol (docs/postal.md), shared by the HTTP backend
and the fake: the webhook's signature and the event and order bodies."""

import hashlib
import hmac
import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from ..base import Order, Party, TrackingEvent, WebhookRejected
from ..statuses import status_of

SIGNATURE_HEADER = "X-Signature"
_LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def signature(secret: str, body: bytes) -> str:
    """``sha256=<hex HMAC-SHA256 of the raw body>``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def webhook_verified(*, secret: str, body: bytes, headers: dict[str, str]) -> dict[str, Any]:
    """The webhook's JSON after its signature is checked (WebhookRejected otherwise)."""
    sent = _header(headers, SIGNATURE_HEADER)
    if not secret or not sent or not hmac.compare_digest(sent, signature(secret, body)):
        raise WebhookRejected("bad or missing signature", status=403)
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, ValueError) as exc:
        raise WebhookRejected("the body is not JSON") from exc
    if not isinstance(data, dict) or not isinstance(data.get("event"), dict):
        raise WebhookRejected("the body has no event")
    return data


def webhook_events(*, secret: str, body: bytes, headers: dict[str, str]) -> list[TrackingEvent]:
    data = webhook_verified(secret=secret, body=body, headers=headers)
    try:
        return [event_from(data["event"], tracking_number=str(data["tracking_number"]))]
    except (KeyError, TypeError, ValueError) as exc:
        raise WebhookRejected(f"the event cannot be read: {exc}") from exc


def event_from(raw: dict[str, Any], *, tracking_number: str) -> TrackingEvent:
    """One provider event (``id``, ``status``, ``time``, more fields kept as raw)."""
    if not tracking_number:
        raise ValueError("no tracking number")
    provider_status = str(raw["status"])
    return TrackingEvent(
        tracking_number=tracking_number,
        event_id=str(raw.get("id") or ""),
        provider_status=provider_status,
        status=status_of(provider_status),
        at=parse_time(str(raw["time"])),
        raw=dict(raw),
    )


def parse_time(text: str) -> datetime:
    """ISO 8601; without an offset the time is Vietnam's."""
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=_LOCAL)


def party_body(party: Party) -> dict[str, str]:
    return {
        "name": party.name,
        "phone": party.phone,
        "address": party.street,
        "province_code": party.province,
        "commune_code": party.commune,
    }


def order_body(order: Order) -> dict[str, Any]:
    return {
        "partner_code": order.partner_code,
        "service": order.service,
        "content": order.content,
        "weight": order.weight_grams,
        "cod_amount": order.cod_amount,
        "payer": order.payer.upper(),
        "sender": party_body(order.sender),
        "receiver": party_body(order.receiver),
    }


def _header(headers: dict[str, str], name: str) -> str:
    lowered = name.lower()
    for key, value in headers.items():
        if key.lower() == lowered:
            return value
    return ""
