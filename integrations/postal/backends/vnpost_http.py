"""A VNPost-style HTTP backend: bearer token from credentials (cached, renewed on expiry and
on 401), create order, track, signed webhook. The protocol is docs/postal.md's: generic,
from integrators' code, not an official specification."""

import hashlib
import logging
from typing import Any
from urllib.parse import quote

import requests
from django.conf import settings
from django.core.cache import cache

from ..base import Created, Order, PostalBackend, PostalError, PostalRejected, TrackingEvent
from ..base import backends as registry
from . import protocol

logger = logging.getLogger("motcua.postal")
_MARGIN = 60  # seconds before the token's expiry when it is renewed


@registry.register("vnpost_http")
class VnpostHttpBackend(PostalBackend):
    id = "vnpost_http"

    def __init__(self) -> None:
        self.url = settings.MOTCUA_POSTAL_URL.rstrip("/")
        self.username = settings.MOTCUA_POSTAL_USERNAME
        self.password = settings.MOTCUA_POSTAL_PASSWORD
        self.secret = settings.MOTCUA_POSTAL_WEBHOOK_SECRET
        self.timeout = settings.MOTCUA_POSTAL_TIMEOUT
        self.service = settings.MOTCUA_POSTAL_SERVICE

    def check_config(self) -> list[str]:
        problems = []
        if not self.url:
            problems.append("MOTCUA_POSTAL_URL is not set.")
        elif not self.url.startswith("https://") and not settings.DEBUG:
            problems.append("MOTCUA_POSTAL_URL must be an https:// address.")
        if not self.username or not self.password:
            problems.append("MOTCUA_POSTAL_USERNAME and MOTCUA_POSTAL_PASSWORD must be set.")
        if len(self.secret) < 16:
            problems.append("MOTCUA_POSTAL_WEBHOOK_SECRET must be set (16 characters or more).")
        if not settings.MOTCUA_POSTAL_SENDER_PROVINCE or not settings.MOTCUA_POSTAL_SENDER_COMMUNE:
            problems.append(
                "MOTCUA_POSTAL_SENDER_PROVINCE and MOTCUA_POSTAL_SENDER_COMMUNE must be set."
            )
        return problems

    def order_create(self, order: Order) -> Created:
        data = self._call("POST", "/orders", json=protocol.order_body(order))
        try:
            return Created(
                order_id=str(data["order_id"]), tracking_number=str(data["tracking_number"])
            )
        except (KeyError, TypeError) as exc:
            raise PostalError("the order's answer has no order id or tracking number") from exc

    def track(self, tracking_number: str) -> list[TrackingEvent]:
        data = self._call("GET", f"/orders/{quote(tracking_number, safe='')}/events")
        try:
            return [
                protocol.event_from(raw, tracking_number=tracking_number) for raw in data["events"]
            ]
        except (KeyError, TypeError, ValueError) as exc:
            raise PostalError(f"the tracking answer cannot be read: {exc}") from exc

    def webhook_events(self, body: bytes, headers: dict[str, str]) -> list[TrackingEvent]:
        return protocol.webhook_events(secret=self.secret, body=body, headers=headers)

    # the token and the calls

    def _cache_key(self) -> str:
        who = hashlib.sha256(f"{self.url}\x00{self.username}".encode()).hexdigest()[:24]
        return f"postal:vnpost_http:token:{who}"

    def _token(self, *, renew: bool = False) -> str:
        if not renew:
            cached = cache.get(self._cache_key())
            if cached:
                return str(cached)
        response = self._send(
            "POST", "/auth/token", json={"username": self.username, "password": self.password}
        )
        if response.status_code != 200:
            raise PostalError(f"token request answered {response.status_code}")
        data = _json(response)
        token = str(data.get("access_token") or "")
        if not token:
            raise PostalError("the token answer has no access_token")
        lifetime = int(data.get("expires_in") or 0) - _MARGIN
        if lifetime > 0:
            cache.set(self._cache_key(), token, timeout=lifetime)
        return token

    def _call(self, method: str, path: str, json: Any = None) -> dict[str, Any]:
        response = self._send(method, path, json=json, token=self._token())
        if response.status_code == 401:  # revoked or expired early: one new token, once
            response = self._send(method, path, json=json, token=self._token(renew=True))
        if response.status_code >= 500 or response.status_code == 429:
            raise PostalError(f"{method} {path} answered {response.status_code}")
        if response.status_code >= 400:
            message = str(_json(response).get("message") or "")[:200]
            raise PostalRejected(f"{method} {path} answered {response.status_code}: {message}")
        return _json(response)

    def _send(
        self, method: str, path: str, *, json: Any = None, token: str = ""
    ) -> requests.Response:
        headers = {"Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            return requests.request(
                method, self.url + path, json=json, headers=headers, timeout=self.timeout
            )
        except requests.RequestException as exc:
            raise PostalError(f"{method} {path}: {type(exc).__name__}") from exc


def _json(response: requests.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
