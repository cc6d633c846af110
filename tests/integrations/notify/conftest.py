"""The fake SMS gateway by default; ``gateway``: an in-test brandname gateway over HTTP."""

import hashlib
import hmac
import json
import time
from dataclasses import dataclass, field
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

SECRET = "gateway-shared-secret"
API_KEY = "test-api-key"


@pytest.fixture(autouse=True)
def _fake_sms(settings: Any) -> None:
    settings.NOTIFY_SMS_BACKEND = "fake"
    settings.NOTIFY_SMS_BRANDNAME = "MOTCUA"


def sign(body: bytes, secret: str = SECRET) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@dataclass
class Gateway:
    """A brandname gateway: checks the key and the signature, sends each request id once,
    answers as told (``answers``: a queue of (http status, code) or "slow")."""

    answers: list[Any] = field(default_factory=list)
    received: list[dict[str, Any]] = field(default_factory=list)
    by_request: dict[str, str] = field(default_factory=dict)

    def handle(self, request: Request) -> Response:
        body = request.get_data()
        if request.headers.get("X-Api-Key") != API_KEY:
            return self._json(401, {"code": "401", "message": "bad key"})
        if not hmac.compare_digest(request.headers.get("X-Signature", ""), sign(body)):
            return self._json(401, {"code": "402", "message": "bad signature"})
        data = json.loads(body)
        self.received.append(data)
        answer = self.answers.pop(0) if self.answers else (200, "00")
        if answer == "slow":
            time.sleep(1.5)
            answer = (200, "00")
        status, code = answer
        if status != 200:
            return self._json(status, {"code": str(status), "message": "error"})
        if code != "00":
            return self._json(200, {"code": code, "message": "refused"})
        if data["request_id"] in self.by_request:
            return self._json(
                200, {"code": "09", "message_id": self.by_request[data["request_id"]]}
            )
        message_id = f"gw-{len(self.by_request) + 1}"
        self.by_request[data["request_id"]] = message_id
        return self._json(200, {"code": "00", "message_id": message_id})

    @staticmethod
    def _json(status: int, data: dict[str, Any]) -> Response:
        return Response(json.dumps(data), status=status, content_type="application/json")


@pytest.fixture
def gateway(httpserver: HTTPServer, settings: Any) -> Gateway:
    peer = Gateway()
    httpserver.expect_request("/api/sms/send", method="POST").respond_with_handler(peer.handle)
    settings.DEBUG = True  # the in-test server speaks http://, refused without DEBUG
    settings.NOTIFY_SMS_BACKEND = "brandname_http"
    settings.NOTIFY_SMS_GATEWAY_URL = httpserver.url_for("/api/sms/send")
    settings.NOTIFY_SMS_API_KEY = API_KEY
    settings.NOTIFY_SMS_HMAC_SECRET = SECRET
    settings.NOTIFY_SMS_TIMEOUT = 1
    return peer
