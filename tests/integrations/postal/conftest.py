from typing import Any

import pytest
from django.core.cache import cache

from core.outbox.models import OutboxMessage

PARTY: dict[str, Any] = {
    "name": "Nguyễn Văn An",
    "phone": "0912345678",
    "address": {"street": "12 Tràng Tiền", "province": "01", "commune": "00070"},
}


@pytest.fixture(autouse=True)
def _clean_cache() -> Any:
    cache.clear()
    yield
    cache.clear()


def order_args(reference: str = "dossier:1", **over: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "reference": reference,
        "kind": "delivery",
        "sender": {"name": "Sở GD&ĐT", "address": {"street": "1 Lê Lợi"}},
        "receiver": PARTY,
        "weight_grams": 200,
        "cod_amount": 0,
        "payer": "sender",
        "content": "Kết quả",
    }
    args.update(over)
    return args


def status_events() -> list[dict[str, Any]]:
    rows = OutboxMessage.objects.filter(kind="event.shipment_status").order_by("id")
    return [dict(row.payload) for row in rows]
