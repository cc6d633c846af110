"""The system check motcua.E150, and what the fake portal refuses to store."""

import pytest
from django.core.cache import cache

from core import outbox
from integrations.portal_sync.checks import portal_sync_check
from integrations.portal_sync.models import FakePortalRecord
from integrations.portal_sync.service import PortalUnavailable, portal_push

from .emulator import PortalEmulator
from .test_contract import REF, record, step


def messages(settings) -> list[str]:  # type: ignore[no-untyped-def]
    return [message.msg for message in portal_sync_check(None)]


def test_the_check_refuses_the_fake_in_production_and_an_incomplete_http_account(
    settings,
) -> None:
    settings.PORTAL_SYNC_ENABLED, settings.DEBUG, settings.MOTCUA_ALLOW_FAKES = True, False, False
    settings.PORTAL_SYNC_BACKEND = "fake"
    assert messages(settings) == [
        "The portal sync backend 'fake' is a fake (an in-process stand-in)."
    ]

    settings.PORTAL_SYNC_BACKEND = "dvcqg_http"
    settings.PORTAL_SYNC_URL = "http://portal.example"
    settings.PORTAL_SYNC_USERNAME = settings.PORTAL_SYNC_PASSWORD = ""
    settings.PORTAL_SYNC_AGENCY_CODE = "000.00.00.H56"
    problems = messages(settings)
    assert any("MOTCUA_PORTAL_SYNC_USERNAME is not set" in text for text in problems)
    assert any("MOTCUA_PORTAL_SYNC_PASSWORD is not set" in text for text in problems)
    assert any("must be an https:// address" in text for text in problems)

    settings.PORTAL_SYNC_BACKEND = "soap"
    assert messages(settings) == ["No portal sync backend is configured."]

    settings.PORTAL_SYNC_ENABLED = False
    assert messages(settings) == []


@pytest.fixture
def fake(settings, db):  # type: ignore[no-untyped-def]
    settings.PORTAL_SYNC_BACKEND = "fake"
    settings.PORTAL_SYNC_USERNAME, settings.PORTAL_SYNC_PASSWORD = "motcua", "s3cret"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("NgayTiepNhan", "2026-02-12 08:30", "Sai định dạng ngày: NgayTiepNhan"),
        ("NgayHenTra", "20261345000000", "Sai định dạng ngày: NgayHenTra"),
        ("TrangThaiHoSo", "11", "Sai trạng thái hồ sơ"),
        ("ChuHoSo", "", "Thiếu trường: ChuHoSo"),
    ],
)
def test_the_fake_rejects_a_malformed_record(fake, field, value, message) -> None:
    body = {**record(1), field: value}

    with pytest.raises(outbox.PermanentError, match=message):
        portal_push(reference=REF, service="DongBoHoSoMC", body=body)

    assert not FakePortalRecord.objects.exists()


def test_the_fake_refuses_progress_of_a_dossier_it_never_received(fake) -> None:
    with pytest.raises(outbox.PermanentError, match="-3"):
        portal_push(reference=REF, service="CapNhatTienDoHoSoMC", body=step(1))


def test_a_wrong_account_gets_no_session(settings, db, httpserver) -> None:
    emulator = PortalEmulator(password="another")
    httpserver.expect_request("/api/login", method="POST").respond_with_handler(emulator.handle)
    settings.PORTAL_SYNC_BACKEND, settings.PORTAL_SYNC_URL = (
        "dvcqg_http",
        httpserver.url_for("/api"),
    )
    settings.PORTAL_SYNC_USERNAME, settings.PORTAL_SYNC_PASSWORD = "motcua", "s3cret"
    cache.clear()

    with pytest.raises(PortalUnavailable, match="login refused"):
        portal_push(reference=REF, service="DongBoHoSoMC", body=record(1))

    assert emulator.logins == 0 and emulator.received == []


def test_a_login_answered_with_http_403_is_retryable(settings, db, httpserver) -> None:
    httpserver.expect_request("/api/login", method="POST").respond_with_data("", status=403)
    settings.PORTAL_SYNC_BACKEND, settings.PORTAL_SYNC_URL = (
        "dvcqg_http",
        httpserver.url_for("/api"),
    )
    cache.clear()

    with pytest.raises(PortalUnavailable, match=r"login refused \(HTTP 403\)"):
        portal_push(reference=REF, service="DongBoHoSoMC", body=record(1))


def test_an_http_401_is_an_expired_session_too(settings, db, httpserver) -> None:
    emulator = PortalEmulator(expired_as_401=True)
    for path in ("/api/login", "/api/service"):
        httpserver.expect_request(path, method="POST").respond_with_handler(emulator.handle)
    settings.PORTAL_SYNC_BACKEND, settings.PORTAL_SYNC_URL = (
        "dvcqg_http",
        httpserver.url_for("/api"),
    )
    settings.PORTAL_SYNC_USERNAME, settings.PORTAL_SYNC_PASSWORD = "motcua", "s3cret"
    cache.clear()
    portal_push(reference=REF, service="DongBoHoSoMC", body=record(1))
    emulator.expire_sessions()

    portal_push(reference=REF, service="DongBoHoSoMC", body=record(2))

    assert emulator.logins == 2
    assert emulator.records[record(1)["MaHoSo"]]["TrangThaiHoSo"] == "2"
