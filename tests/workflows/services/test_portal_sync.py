"""Every dossier and every status or progress change pushed to the national portal (the fake),
in order per dossier, through the outbox; the records' fields and dates; the backlog."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core import outbox
from core.outbox.admin_actions import outbox_retry
from core.outbox.models import OutboxMessage
from integrations.portal_sync.models import FakePortalRecord, SyncState
from integrations.portal_sync.service import fake_portal_mode_set
from workflows.engine.runtime import task_complete
from workflows.models import Dossier
from workflows.services.portal_sync import KIND, portal_sync_push
from workflows.services.portal_sync_bodies import dossier_record, portal_date, progress_record
from workflows.services.portal_sync_reconcile import portal_sync_catch_up, portal_sync_reconcile
from workflows.services.processing_log import dossier_log
from workflows.services.reception import dossier_accept

from .reception_setup import CODE, OWNER, local, reception

S = Dossier.Status


@pytest.fixture(autouse=True)
def _portal(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.PORTAL_SYNC_ENABLED = True
    settings.PORTAL_SYNC_BACKEND = "fake"
    settings.PORTAL_SYNC_READ_TIMEOUT = 0.05
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "files"), "base_url": None},
        },
    }


def due_now() -> None:
    """Make rows waiting for their backoff due at once (time passes in a test by decree)."""
    OutboxMessage.objects.filter(status="pending").update(next_attempt_at=timezone.now())


def portal_record() -> FakePortalRecord:
    return FakePortalRecord.objects.get(code=CODE)


def test_every_change_of_a_dossier_reaches_the_portal_in_log_order(db) -> None:
    state = reception()
    dossier_accept(task_id=state.task("reception").pk, user=state.receptionist)
    task_complete(task_id=state.task("review").pk, user=state.specialist, outcome="approve")

    outbox.drain()

    dossier = state.refresh()
    entries = list(dossier.log_entries.order_by("id"))
    record = portal_record()
    assert record.status == dossier.status == S.PROCESSED
    # the first push registers the dossier; then every status change, in order
    assert record.statuses == [S.NEW, S.ACCEPTED, S.PROCESSED]
    progress = [(step["MaTienDo"], step["NguoiXuLy"]) for step in record.progress]
    expected = [
        (str(entry.pk), entry.actor.get_full_name() if entry.actor else "Hệ thống")
        for entry in entries[1:]
        if entry.to_status is None
    ]
    assert progress == expected and len(progress) >= 2  # the engine's bulk-written hand-overs
    sync = SyncState.objects.get(reference=f"dossier:{dossier.pk}")
    assert (sync.pushed_entry, sync.pushed_status, sync.in_step) == (entries[-1].pk, 9, True)


def test_outbox_rows_hold_references_only(db) -> None:
    state = reception()
    dossier_accept(task_id=state.task("reception").pk, user=state.receptionist)

    rows = OutboxMessage.objects.filter(kind=KIND)

    assert rows.exists()
    for row in rows:
        assert set(row.payload) <= {"dossier", "entry", "service", "again"}
        assert row.ordering_key == f"portal:dossier:{state.dossier.pk}"
        assert OWNER["full_name"] not in str(row.payload) + row.summary


def test_a_backlog_drains_in_order_after_the_portal_comes_back(db) -> None:
    state = reception()
    outbox.drain()
    fake_portal_mode_set(mode="fail")
    for before, after in [(1, 2), (2, 4), (4, 5), (5, 4), (4, 9)]:
        dossier_log(
            dossier=state.dossier,
            actor=None,
            action="status_changed",
            from_status=before,
            to_status=after,
        )

    assert outbox.drain() == {"retry": 1}  # the first fails; the four behind it wait
    due_now()
    assert outbox.drain() == {"retry": 1}
    assert portal_record().statuses == [S.NEW]
    sync = SyncState.objects.get(reference=f"dossier:{state.dossier.pk}")
    assert sync.last_error == "PortalUnavailable: HTTP 503" and not sync.in_step

    fake_portal_mode_set(mode="normal")
    due_now()
    outbox.drain()

    assert portal_record().statuses == [S.NEW, 2, 4, 5, 4, 9]
    assert not OutboxMessage.objects.filter(kind=KIND).exclude(status="done").exists()
    sync.refresh_from_db()
    assert (sync.last_error, sync.pushed_status) == ("", 9)


def test_a_slow_portal_is_retried_like_a_failing_one(db) -> None:
    state = reception()
    fake_portal_mode_set(mode="slow")

    assert outbox.drain() == {"retry": 1}

    fake_portal_mode_set(mode="normal")
    due_now()
    outbox.drain()
    assert portal_record().statuses == [S.NEW]
    assert SyncState.objects.get(reference=f"dossier:{state.dossier.pk}").in_step


def test_a_rejection_is_a_dead_letter_that_holds_the_dossier_until_retried(db) -> None:
    state = reception()
    fake_portal_mode_set(mode="reject")
    outbox.drain()
    dead = OutboxMessage.objects.get(kind=KIND, status="dead")
    assert "portal error -1" in dead.last_error
    dossier_log(
        dossier=state.dossier, actor=None, action="status_changed", from_status=1, to_status=2
    )

    assert outbox.drain() == {}  # blocked behind the dead letter
    assert not FakePortalRecord.objects.exists()

    fake_portal_mode_set(mode="normal")
    outbox_retry(messages=OutboxMessage.objects.filter(pk=dead.pk))
    outbox.drain()
    assert portal_record().statuses == [S.NEW, S.ACCEPTED]


def test_a_row_whose_entries_went_already_sends_nothing(db) -> None:
    state = reception()
    outbox.drain()
    pushes = portal_record().pushes

    assert portal_sync_push(dossier=state.dossier) == 0  # a duplicate trigger
    assert portal_sync_push(dossier=state.dossier, again=True) == 1  # "push again"
    assert portal_record().pushes == pushes + 1


def test_a_dossier_without_a_code_is_not_pushed(db) -> None:
    state = reception()
    Dossier.objects.filter(pk=state.dossier.pk).update(code=None)

    outbox.drain()

    assert not FakePortalRecord.objects.exists()
    assert not OutboxMessage.objects.filter(kind=KIND).exclude(status="done").exists()


def test_nothing_is_queued_while_the_sync_is_off_and_the_catch_up_pushes_it_later(
    db, settings
) -> None:
    settings.PORTAL_SYNC_ENABLED = False
    reception()
    assert not OutboxMessage.objects.filter(kind=KIND).exists()
    assert portal_sync_catch_up() == 0

    settings.PORTAL_SYNC_ENABLED = True
    assert portal_sync_catch_up() == 1
    assert portal_sync_catch_up() == 0  # a row is waiting already
    outbox.drain()

    assert portal_record().statuses == [S.NEW]
    assert portal_sync_catch_up() == 0  # in step


def test_the_dossier_record_fields_and_dates(db) -> None:
    state = reception()
    dossier = state.dossier
    Dossier.objects.filter(pk=dossier.pk).update(
        received_at=local(2026, 2, 12, 8, 5, 9), due_at=local(2026, 2, 19, 17, 0)
    )
    dossier.refresh_from_db()

    body = dossier_record(dossier=dossier, status=2)

    assert body["MaHoSo"] == CODE
    assert (body["MaTTHC"], body["TenTTHC"]) == (
        "3.000467.H18",
        "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
    )
    assert (body["ChuHoSo"], body["SoGiayToChuHoSo"]) == (OWNER["full_name"], OWNER["id_number"])
    assert body["NgayNopHoSo"] == "20260211163000"  # Vietnam time, yyyyMMddHHmmss
    assert (body["NgayTiepNhan"], body["NgayHenTra"], body["NgayTra"]) == (
        "20260212080509",
        "20260219170000",
        "",
    )
    assert (body["TrangThaiHoSo"], body["HinhThuc"]) == ("2", str(dossier.channel))
    assert body["MaCoQuanTiepNhan"] == "000.20.20.H56"


def test_the_progress_record_of_a_step(db) -> None:
    state = reception()
    entry = dossier_log(
        dossier=state.dossier,
        actor=state.specialist,
        action="outcome:approve",
        step="review",
        comment="Đủ điều kiện",
        at=local(2026, 2, 13, 9, 15),
        due_at=local(2026, 2, 14, 17, 0),
    )

    body = progress_record(dossier=state.dossier, entry=entry, status=4)

    assert body == {
        "MaHoSo": CODE,
        "MaTienDo": str(entry.pk),
        "BuocXuLy": "review",
        "NguoiXuLy": state.specialist.get_full_name(),
        "PhongBanXuLy": "Trung tâm Phục vụ hành chính công xã An Bình",
        "NoiDungXuLy": "Hoàn thành bước xử lý (approve): Đủ điều kiện",
        "ThoiDiemXuLy": "20260213091500",
        "HanXuLy": "20260214170000",
        "TrangThaiHoSo": "4",
    }
    assert portal_date(None) == "" and portal_date(local(2026, 1, 2).date()) == "20260102000000"
    assert portal_date(local(2026, 1, 2, 0, 30) - timedelta(hours=1)) == "20260101233000"


def test_the_hourly_comparison_sees_what_the_portal_holds(db) -> None:
    state = reception()
    outbox.drain()
    FakePortalRecord.objects.filter(code=CODE).update(status=S.STOPPED)

    assert portal_sync_reconcile() == (1, 0)

    sync = SyncState.objects.get(reference=f"dossier:{state.dossier.pk}")
    assert (sync.pushed_status, sync.portal_status, sync.in_step) == (S.NEW, S.STOPPED, False)
    assert sync.portal_checked_at is not None

    fake_portal_mode_set(mode="fail")
    assert portal_sync_reconcile() == (0, 1)  # stops at the first unreachable answer


def test_an_entry_committed_after_a_later_one_is_still_pushed_without_going_back(
    db, settings
) -> None:
    """Two transactions on one dossier: entry A takes its id first, B commits and is pushed
    first. A is found missing and pushed, reporting B's (later) status, not A's."""
    state = reception()
    outbox.drain()
    settings.PORTAL_SYNC_ENABLED = False  # the rows of A and B are left out: B is set by hand
    first = dossier_log(
        dossier=state.dossier, actor=None, action="status_changed", from_status=1, to_status=2
    )
    later = dossier_log(
        dossier=state.dossier, actor=None, action="status_changed", from_status=2, to_status=4
    )
    sync = SyncState.objects.get(reference=f"dossier:{state.dossier.pk}")
    SyncState.objects.filter(pk=sync.pk).update(
        pushed_entry=later.pk, pushed_entries=[*sync.pushed_entries, later.pk], pushed_status=4
    )
    settings.PORTAL_SYNC_ENABLED = True

    assert portal_sync_catch_up() == 1  # the log holds an entry the portal never accepted
    outbox.drain()

    assert portal_record().statuses[-1] == 4  # the late change did not put 2 back
    sync.refresh_from_db()
    assert first.pk in sync.pushed_entries and sync.pushed_status == 4
    assert portal_sync_catch_up() == 0
