"""The national portal's JSON API over HTTPS, as integrators' code calls it (not the official
specification, which is not public): log in for a session token, then POST each service call
with it; an expired session is renewed once per call. docs/portal-sync.md has the shapes.

    POST {url}/login    {"username", "password"}          -> {"error_code": "0", "session"}
    POST {url}/service  {"session", "madonvi", "service", "data": [record]}
                                                           -> {"error_code": "0", "message"}
    POST {url}/service  {"session", "madonvi", "service": "TraCuuHoSo", "MaHoSo"}
                                                           -> {"error_code": "0", "result": [...]}
"""

import hashlib
from typing import Any

import requests
from django.conf import settings
from django.core.cache import cache

from ..errors import PortalRejected, PortalUnavailable
from ..protocol import LOOKUP, PortalBackend, PortalRecord, backends

OK = "0"
SESSION_INVALID = "-2"  # the portal's answer to an unknown or expired session


class SessionExpired(PortalUnavailable):
    pass


@backends.register("dvcqg_http")
class DvcqgHttpBackend(PortalBackend):
    id = "dvcqg_http"

    def __init__(self) -> None:
        self.url = settings.PORTAL_SYNC_URL.rstrip("/")
        self.username = settings.PORTAL_SYNC_USERNAME
        self.password = settings.PORTAL_SYNC_PASSWORD
        self.agency_code = settings.PORTAL_SYNC_AGENCY_CODE
        self.timeout = (settings.PORTAL_SYNC_CONNECT_TIMEOUT, settings.PORTAL_SYNC_READ_TIMEOUT)

    def check_config(self) -> list[str]:
        problems = [
            f"{name} is not set."
            for name, value in (
                ("MOTCUA_PORTAL_SYNC_URL", self.url),
                ("MOTCUA_PORTAL_SYNC_USERNAME", self.username),
                ("MOTCUA_PORTAL_SYNC_PASSWORD", self.password),
                ("MOTCUA_PORTAL_SYNC_AGENCY_CODE", self.agency_code),
            )
            if not value
        ]
        if self.url and not self.url.startswith("https://") and not settings.DEBUG:
            problems.append("MOTCUA_PORTAL_SYNC_URL must be an https:// address.")
        return problems

    # -- the calls ----------------------------------------------------------------------

    def push(self, *, service: str, body: dict[str, Any]) -> None:
        self._call({"service": service, "data": [body]})

    def lookup(self, *, code: str) -> PortalRecord | None:
        answer = self._call({"service": LOOKUP, "MaHoSo": code})
        found = answer.get("result") or []
        if isinstance(found, dict):
            found = [found]
        for item in found:
            if isinstance(item, dict) and str(item.get("MaHoSo", "")) == code:
                status = str(item.get("TrangThaiHoSo", ""))
                return PortalRecord(
                    code=code, status=int(status) if status.isdigit() else None, raw=item
                )
        return None

    def _call(self, fields: dict[str, Any]) -> dict[str, Any]:
        """One service call with the cached session; a session the portal no longer knows is
        dropped and the call made once more with a new one."""
        for fresh in (False, True):
            session = self._session(fresh=fresh)
            try:
                return self._checked(
                    self._post(
                        "/service", {"session": session, "madonvi": self.agency_code, **fields}
                    )
                )
            except SessionExpired:
                cache.delete(self._cache_key())
                if fresh:
                    raise
        raise AssertionError("unreachable")

    def _session(self, *, fresh: bool) -> str:
        key = self._cache_key()
        session = None if fresh else cache.get(key)
        if session:
            return str(session)
        try:
            answer = self._post("/login", {"username": self.username, "password": self.password})
        except PortalRejected as exc:  # an account problem: fixed by an operator, then retried
            raise PortalUnavailable(f"login refused ({exc.code})") from exc
        if str(answer.get("error_code")) != OK or not answer.get("session"):
            raise PortalUnavailable(f"login refused (error {answer.get('error_code')})")
        session = str(answer["session"])
        cache.set(key, session, settings.PORTAL_SYNC_SESSION_SECONDS)
        return session

    def _cache_key(self) -> str:
        account = hashlib.sha256(f"{self.url}\n{self.username}".encode()).hexdigest()[:16]
        return f"portal_sync:session:{self.id}:{account}"

    @staticmethod
    def _checked(answer: dict[str, Any]) -> dict[str, Any]:
        code = str(answer.get("error_code", ""))
        if code == OK:
            return answer
        if code == SESSION_INVALID:
            raise SessionExpired("session expired")
        raise PortalRejected(code or "?", str(answer.get("message", ""))[:200])

    # -- the transport (the fake replaces this) -------------------------------------------

    def _post(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        try:
            response = requests.post(self.url + path, json=payload, timeout=self.timeout)
        except requests.Timeout as exc:
            raise PortalUnavailable("timed out") from exc
        except requests.RequestException as exc:
            raise PortalUnavailable(f"connection failed ({type(exc).__name__})") from exc
        if response.status_code == 401:
            raise SessionExpired("HTTP 401")
        if response.status_code >= 500 or response.status_code == 429:
            raise PortalUnavailable(f"HTTP {response.status_code}")
        if response.status_code >= 400:
            raise PortalRejected(f"HTTP {response.status_code}")
        try:
            answer = response.json()
        except ValueError as exc:
            raise PortalUnavailable("the answer is not JSON") from exc
        if not isinstance(answer, dict):
            raise PortalUnavailable("the answer is not a JSON object")
        return answer
