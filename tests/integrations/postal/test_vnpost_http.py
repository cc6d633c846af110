"""The VNPost-style HTTP backend against an in-test server speaking docs/postal.md's protocol:
token auth (cached, renewed on expiry and on 401), create order, track, errors."""

import json
import time
from typing import Any

import pytest
from django.core.cache import cache
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from integrations.postal.base import PostalError, PostalRejected
from integrations.postal.jobs import shipments_poll
from integrations.postal.models import Shipment
from integrations.postal.selection import backend_get
from integrations.postal.service import shipment_create, shipment_refresh

from .conftest import order_args, status_events

pytestmark = pytest.mark.django_db
TRACKING = "EE123456785VN"


@pytest.fixture
def provider(settings: Any, httpserver: HTTPServer) -> HTTPServer:
    settings.MOTCUA_POSTAL_BACKEND = "vnpost_http"
    settings.MOTCUA_POSTAL_URL = httpserver.url_for("/api")
    settings.MOTCUA_POSTAL_USERNAME, settings.MOTCUA_POSTAL_PASSWORD = "motcua", "pw"
    settings.MOTCUA_POSTAL_WEBHOOK_SECRET = "w" * 32
    settings.MOTCUA_POSTAL_TIMEOUT = 1
    return httpserver


def _token(server: HTTPServer, issued: str = "t1", expires_in: int = 3600) -> None:
    server.expect_ordered_request(
        "/api/auth/token", method="POST", json={"username": "motcua", "password": "pw"}
    ).respond_with_json({"access_token": issued, "expires_in": expires_in})


def _order_ok(server: HTTPServer, issued: str = "t1") -> None:
    server.expect_ordered_request(
        "/api/orders", method="POST", headers={"Authorization": f"Bearer {issued}"}
    ).respond_with_json({"order_id": "VNP-1", "tracking_number": TRACKING}, status=201)


def _events(*raw: dict[str, str]) -> dict[str, Any]:
    return {"tracking_number": TRACKING, "events": list(raw)}


def test_create_order_sends_the_documented_body(provider: HTTPServer) -> None:
    _token(provider)
    _order_ok(provider)
    info = shipment_create(**order_args(cod_amount=15000, payer="receiver"))
    assert info.tracking_number == TRACKING and info.backend == "vnpost_http"
    body = json.loads(provider.log[1][0].get_data())
    assert body == {
        "partner_code": "dossier:1:delivery:1",
        "service": "BK",
        "content": "Kết quả",
        "weight": 200,
        "cod_amount": 15000,
        "payer": "RECEIVER",
        "sender": {
            "name": "Sở GD&ĐT",
            "phone": "",
            "address": "1 Lê Lợi",
            "province_code": "",
            "commune_code": "",
        },
        "receiver": {
            "name": "Nguyễn Văn An",
            "phone": "0912345678",
            "address": "12 Tràng Tiền",
            "province_code": "01",
            "commune_code": "00070",
        },
    }
    assert Shipment.objects.get().order_id == "VNP-1"
    provider.check_assertions()


def test_the_token_is_cached_then_renewed_after_expiry(provider: HTTPServer) -> None:
    backend = backend_get("vnpost_http")
    _token(provider, "t1")
    for _ in range(2):
        provider.expect_ordered_request(
            f"/api/orders/{TRACKING}/events", headers={"Authorization": "Bearer t1"}
        ).respond_with_json(_events())
    assert backend.track(TRACKING) == [] and backend.track(TRACKING) == []
    cache.clear()  # the cached token expired
    _token(provider, "t2")
    provider.expect_ordered_request(
        f"/api/orders/{TRACKING}/events", headers={"Authorization": "Bearer t2"}
    ).respond_with_json(_events())
    backend.track(TRACKING)
    provider.check_assertions()
    assert len(provider.log) == 5  # two token requests, three tracks


def test_a_short_lived_token_is_not_cached(provider: HTTPServer) -> None:
    backend = backend_get("vnpost_http")
    for token in ("t1", "t2"):
        _token(provider, token, expires_in=30)  # shorter than the renewal margin
        provider.expect_ordered_request(
            f"/api/orders/{TRACKING}/events", headers={"Authorization": f"Bearer {token}"}
        ).respond_with_json(_events())
        backend.track(TRACKING)
    provider.check_assertions()


def test_a_401_renews_the_token_once(provider: HTTPServer) -> None:
    backend = backend_get("vnpost_http")
    _token(provider, "old")
    provider.expect_ordered_request(f"/api/orders/{TRACKING}/events").respond_with_json(
        {"message": "token revoked"}, status=401
    )
    _token(provider, "new")
    provider.expect_ordered_request(
        f"/api/orders/{TRACKING}/events", headers={"Authorization": "Bearer new"}
    ).respond_with_json(_events({"id": "e1", "status": "PICKED_UP", "time": "2026-11-28T09:00:00"}))
    found = backend.track(TRACKING)
    assert [(e.status, e.at.isoformat()) for e in found] == [
        ("picked_up", "2026-11-28T09:00:00+07:00")
    ]
    provider.check_assertions()


def test_bad_credentials_fail_without_a_loop(provider: HTTPServer) -> None:
    provider.expect_request("/api/auth/token").respond_with_json({"message": "no"}, status=401)
    with pytest.raises(PostalError):
        backend_get("vnpost_http").track(TRACKING)
    assert len(provider.log) == 1


def test_5xx_is_an_error_to_retry_and_4xx_a_rejection(provider: HTTPServer) -> None:
    _token(provider)
    provider.expect_ordered_request("/api/orders", method="POST").respond_with_data(
        "oops", status=502
    )
    with pytest.raises(PostalError) as caught:
        shipment_create(**order_args())
    assert not isinstance(caught.value, PostalRejected)
    provider.expect_ordered_request("/api/orders", method="POST").respond_with_json(
        {"message": "commune_code unknown"}, status=422
    )
    with pytest.raises(PostalRejected, match="commune_code unknown"):
        shipment_create(**order_args())
    assert not Shipment.objects.exists()
    # the retry sends the same order code: the provider answers the same order
    _order_ok(provider)
    shipment_create(**order_args())
    codes = {json.loads(request.get_data())["partner_code"] for request, _ in provider.log[1:]}
    assert codes == {"dossier:1:delivery:1"}


def test_a_timeout_is_an_error_to_retry(provider: HTTPServer) -> None:
    _token(provider)

    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return Response("{}", content_type="application/json")

    provider.expect_ordered_request("/api/orders", method="POST").respond_with_handler(slow)
    with pytest.raises(PostalError, match="Timeout"):
        shipment_create(**order_args())
    assert not Shipment.objects.exists()


def test_the_poll_applies_events_and_survives_an_outage(provider: HTTPServer) -> None:
    _token(provider)
    _order_ok(provider)
    shipment_create(**order_args())
    url = f"/api/orders/{TRACKING}/events"
    provider.expect_ordered_request(url).respond_with_data("down", status=503)
    assert shipments_poll() == {"polled": 0, "applied": 0, "failed": 1}
    assert Shipment.objects.get().status == "created"
    raw = [
        {"id": "e2", "status": "IN_TRANSIT", "time": "2026-11-28T10:00:00+07:00"},
        {"id": "e1", "status": "PICKED_UP", "time": "2026-11-28T09:00:00+07:00"},
        {"id": "e0", "status": "SORTED_AT_HUB", "time": "2026-11-28T09:30:00+07:00"},
    ]
    provider.expect_ordered_request(url).respond_with_json(_events(*raw))
    assert shipments_poll() == {"polled": 1, "applied": 1, "failed": 0}
    shipment = Shipment.objects.get()
    assert shipment.status == "in_transit"
    # the late picked_up and the unknown status are kept, not applied
    kept = {e.provider_event_id: (e.status, e.applied) for e in shipment.events.all()}
    assert kept == {"e2": ("in_transit", True), "e1": ("picked_up", False), "e0": ("", False)}
    provider.expect_ordered_request(url).respond_with_json(
        _events(*raw, {"id": "e3", "status": "DELIVERED", "time": "2026-11-28T15:00:00+07:00"})
    )
    info = shipment_refresh(tracking_number=TRACKING)
    assert info.status == "delivered" and len(info.events) == 4
    assert [e["status"] for e in status_events()] == ["created", "in_transit", "delivered"]
    provider.check_assertions()
    assert shipments_poll()["polled"] == 0  # final shipments are not polled
