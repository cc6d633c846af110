"""A national portal speaking the DVCQG-style JSON API over HTTP (pytest-httpserver), written
from the protocol independently of the fake: sessions that expire, 5xx, slowness, rejections."""

import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from werkzeug import Request, Response


@dataclass
class PortalEmulator:
    username: str = "motcua"
    password: str = "s3cret"
    sessions: set[str] = field(default_factory=set)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    progress: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    received: list[tuple[str, str]] = field(default_factory=list)  # (service, MaHoSo)
    logins: int = 0
    fail_next: int = 0  # answer this many requests with HTTP 503
    delay: float = 0.0
    reject: bool = False
    expired_as_401: bool = False

    def expire_sessions(self) -> None:
        self.sessions.clear()

    def handle(self, request: Request) -> Response:
        if self.delay:
            time.sleep(self.delay)
        if self.fail_next:
            self.fail_next -= 1
            return Response("Service Unavailable", status=503)
        payload = json.loads(request.get_data() or b"{}")
        if request.path.endswith("/login"):
            if (payload.get("username"), payload.get("password")) != (self.username, self.password):
                return self._json({"error_code": "-1", "message": "Sai tài khoản"})
            session = secrets.token_hex(8)
            self.sessions.add(session)
            self.logins += 1
            return self._json({"error_code": "0", "session": session})
        if payload.get("session") not in self.sessions:
            if self.expired_as_401:
                return Response("", status=401)
            return self._json({"error_code": "-2", "message": "Session hết hạn"})
        service = payload.get("service")
        if service == "TraCuuHoSo":
            code = payload.get("MaHoSo")
            found = [self.records[code]] if code in self.records else []
            return self._json({"error_code": "0", "result": found})
        if self.reject:
            return self._json({"error_code": "-1", "message": "Dữ liệu không hợp lệ"})
        for record in payload["data"]:
            code = record["MaHoSo"]
            self.received.append((service, code))
            if service == "DongBoHoSoMC":
                self.records[code] = record
            else:
                steps = self.progress.setdefault(code, [])
                if all(step["MaTienDo"] != record["MaTienDo"] for step in steps):
                    steps.append(record)
        return self._json({"error_code": "0", "message": "Thành công"})

    @staticmethod
    def _json(body: dict[str, Any]) -> Response:
        return Response(json.dumps(body), content_type="application/json")
