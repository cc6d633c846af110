"""The two portal backends behind one set of controls, for the contract suite."""

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache

from integrations.portal_sync.models import FakePortalControl, FakePortalRecord
from integrations.portal_sync.service import fake_portal_mode_set

from .emulator import PortalEmulator


@dataclass
class Portal:
    """One backend under test and the switches of the portal behind it."""

    kind: str
    emulator: PortalEmulator | None = None

    def fail(self) -> None:
        if self.emulator:
            self.emulator.fail_next = 10**6
        else:
            fake_portal_mode_set(mode="fail")

    def slow(self) -> None:
        if self.emulator:
            self.emulator.delay = 0.4
        else:
            fake_portal_mode_set(mode="slow")

    def reject(self) -> None:
        if self.emulator:
            self.emulator.reject = True
        else:
            fake_portal_mode_set(mode="reject")

    def recover(self) -> None:
        if self.emulator:
            # the test server answers one request at a time: let a slow answer finish first
            time.sleep(self.emulator.delay)
            self.emulator.fail_next, self.emulator.delay, self.emulator.reject = 0, 0.0, False
        else:
            fake_portal_mode_set(mode="normal")

    def expire_session(self) -> None:
        if self.emulator:
            self.emulator.expire_sessions()
        else:
            FakePortalControl.objects.update(session="", session_expires_at=None)

    @property
    def logins(self) -> int:
        if self.emulator:
            return self.emulator.logins
        return FakePortalControl.objects.get(pk=1).logins

    def progress(self, code: str) -> list[dict[str, Any]]:
        if self.emulator:
            return self.emulator.progress.get(code, [])
        return list(FakePortalRecord.objects.get(code=code).progress)


@pytest.fixture(params=["fake", "dvcqg_http"])
def portal(request, settings, db) -> Iterator[Portal]:  # type: ignore[no-untyped-def]
    cache.clear()  # no session kept from another test
    settings.PORTAL_SYNC_ENABLED = True
    settings.PORTAL_SYNC_BACKEND = request.param
    settings.PORTAL_SYNC_USERNAME = "motcua"
    settings.PORTAL_SYNC_PASSWORD = "s3cret"
    settings.PORTAL_SYNC_AGENCY_CODE = "000.00.00.H56"
    settings.PORTAL_SYNC_READ_TIMEOUT = 0.2
    settings.PORTAL_SYNC_CONNECT_TIMEOUT = 0.2
    if request.param == "fake":
        yield Portal(kind="fake")
        return
    server = request.getfixturevalue("httpserver")
    emulator = PortalEmulator()
    server.expect_request("/api/login", method="POST").respond_with_handler(emulator.handle)
    server.expect_request("/api/service", method="POST").respond_with_handler(emulator.handle)
    settings.PORTAL_SYNC_URL = server.url_for("/api")
    yield Portal(kind="dvcqg_http", emulator=emulator)
    cache.clear()
