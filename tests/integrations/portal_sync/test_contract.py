"""The contract of a portal backend, run against the fake and against ``dvcqg_http`` talking
to an HTTP portal (pytest-httpserver): push, look up, session renewal, 5xx, timeout,
rejection, a repeated push."""

import pytest
from django.utils import timezone

from core import outbox
from integrations.portal_sync.models import SyncState
from integrations.portal_sync.service import PortalUnavailable, portal_lookup, portal_push

CODE = "000.00.20.H56-260212-0001"
REF = "dossier:7"


def record(status: int = 1) -> dict:
    return {
        "MaHoSo": CODE,
        "MaTTHC": "1.001234",
        "TenTTHC": "Cấp bản sao văn bằng",
        "ChuHoSo": "Nguyễn Thị Minh Hằng",
        "NgayTiepNhan": "20260212083000",
        "NgayHenTra": "20260219170000",
        "NgayTra": "",
        "TrangThaiHoSo": str(status),
    }


def step(entry: int) -> dict:
    return {
        "MaHoSo": CODE,
        "MaTienDo": str(entry),
        "NguoiXuLy": "Trần Văn Đức",
        "PhongBanXuLy": "Bộ phận một cửa",
        "NoiDungXuLy": "Hoàn thành bước xử lý (approve)",
        "ThoiDiemXuLy": "20260213091500",
        "TrangThaiHoSo": "4",
    }


def test_a_pushed_record_is_what_the_portal_then_holds(portal) -> None:
    assert portal_lookup(reference=REF, code=CODE) is None

    portal_push(reference=REF, service="DongBoHoSoMC", body=record(1), entry=11)
    portal_push(reference=REF, service="DongBoHoSoMC", body=record(2), entry=12)
    found = portal_lookup(reference=REF, code=CODE)

    assert found is not None and found.status == 2
    assert found.raw["ChuHoSo"] == "Nguyễn Thị Minh Hằng"
    state = SyncState.objects.get(reference=REF)
    assert (state.code, state.pushed_status, state.portal_status, state.pushed_entry) == (
        CODE,
        2,
        2,
        12,
    )
    assert state.in_step and state.last_error == "" and state.last_success_at is not None


def test_progress_follows_the_record_and_a_repeated_push_is_harmless(portal) -> None:
    portal_push(reference=REF, service="DongBoHoSoMC", body=record(4), entry=1)
    portal_push(reference=REF, service="CapNhatTienDoHoSoMC", body=step(2), entry=2)
    portal_push(reference=REF, service="CapNhatTienDoHoSoMC", body=step(2), entry=2)  # again

    assert [item["MaTienDo"] for item in portal.progress(CODE)] == ["2"]
    assert SyncState.objects.get(reference=REF).pushed_entry == 2


def test_one_login_serves_many_calls_and_an_expired_session_is_renewed(portal) -> None:
    portal_push(reference=REF, service="DongBoHoSoMC", body=record(1))
    portal_push(reference=REF, service="DongBoHoSoMC", body=record(2))
    assert portal.logins == 1

    portal.expire_session()
    portal_push(reference=REF, service="DongBoHoSoMC", body=record(4))

    assert portal.logins == 2
    assert portal_lookup(reference=REF, code=CODE).status == 4


@pytest.mark.parametrize("trouble", ["fail", "slow"])
def test_a_portal_down_or_slow_is_retryable_and_recorded_without_personal_data(
    portal, trouble
) -> None:
    getattr(portal, trouble)()
    started = timezone.now()

    with pytest.raises(PortalUnavailable):
        portal_push(reference=REF, service="DongBoHoSoMC", body=record(1), entry=3)

    assert (timezone.now() - started).total_seconds() < 5  # the read timeout, not forever
    state = SyncState.objects.get(reference=REF)
    assert state.last_error and "Nguyễn" not in state.last_error
    assert state.pushed_entry is None and not state.in_step

    portal.recover()
    portal_push(reference=REF, service="DongBoHoSoMC", body=record(1), entry=3)
    state.refresh_from_db()
    assert (state.last_error, state.pushed_entry, state.in_step) == ("", 3, True)


def test_a_rejection_is_permanent(portal) -> None:
    portal.reject()

    with pytest.raises(outbox.PermanentError, match="portal error -1"):
        portal_push(reference=REF, service="DongBoHoSoMC", body=record(1), entry=5)

    state = SyncState.objects.get(reference=REF)
    assert state.last_error.startswith("portal error -1") and state.pushed_entry is None


def test_the_lookup_of_a_portal_down_raises(portal) -> None:
    portal.fail()

    with pytest.raises(PortalUnavailable):
        portal_lookup(reference=REF, code=CODE)
