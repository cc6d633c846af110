"""The one entry point of the portal sync integration (callers never import ``backends``).

    portal_push(reference="dossier:12", service="DongBoHoSoMC", body={...}, entry=345)
    portal_lookup(reference="dossier:12", code="000.00.20.H56-260212-0001")
    sync_states(references=[...])          # {reference: SyncState}

``portal_push`` is called by an outbox sender: it raises ``PortalUnavailable`` (retried with
backoff) or ``outbox.PermanentError`` (a rejection: dead-lettered, blocking the dossier's later
rows until an administrator retries or discards it), and records the outcome in ``SyncState``.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils import timezone

from core import outbox

from .errors import PortalRejected, PortalUnavailable
from .models import FakePortalControl, SyncState
from .protocol import PROGRESS, RECORD, SERVICES, PortalBackend, PortalRecord, backends

__all__ = [
    "PROGRESS",
    "RECORD",
    "SERVICES",
    "PortalRecord",
    "PortalUnavailable",
    "SyncState",
    "active_backend",
    "fake_portal_mode_set",
    "portal_enabled",
    "portal_lookup",
    "portal_push",
    "sync_states",
]


def portal_enabled() -> bool:
    return bool(settings.PORTAL_SYNC_ENABLED)


def active_backend() -> PortalBackend | None:
    name = settings.PORTAL_SYNC_BACKEND
    if name not in backends:
        return None
    return backends.get(name)()


def _backend() -> PortalBackend:
    backend = active_backend()
    if backend is None:
        raise PortalUnavailable(f"no portal backend {settings.PORTAL_SYNC_BACKEND!r}")
    return backend


def _state(reference: str) -> SyncState:
    state, _ = SyncState.objects.get_or_create(reference=reference)
    return state


def portal_push(
    *, reference: str, service: str, body: dict[str, Any], entry: int | None = None
) -> None:
    """Send one record to the portal. ``entry`` is the log entry it reports, recorded as
    accepted on success (``SyncState.pushed_entries``). A rejection raises
    ``outbox.PermanentError``."""
    if service not in SERVICES:
        raise ValueError(f"unknown portal service {service!r}")
    now = timezone.now()
    code = str(body.get("MaHoSo", ""))
    state = _state(reference)
    try:
        _backend().push(service=service, body=body)
    except PortalRejected as exc:
        _failed(state, code=code, error=str(exc), now=now)
        raise outbox.PermanentError(str(exc)) from exc
    except PortalUnavailable as exc:
        _failed(state, code=code, error=f"{type(exc).__name__}: {exc}", now=now)
        raise
    status = str(body.get("TrangThaiHoSo", ""))
    fields: dict[str, Any] = {
        "code": code,
        "pushed_service": service,
        "last_success_at": now,
        "last_error": "",
        "last_error_at": None,
    }
    if entry is not None:
        fields["pushed_entry"] = max(entry, state.pushed_entry or 0)
        fields["pushed_entries"] = sorted({*state.pushed_entries, entry})
    if status.isdigit():
        # the portal accepted the record with this status: it holds it now
        fields.update(pushed_status=int(status), portal_status=int(status), in_step=True)
    SyncState.objects.filter(pk=state.pk).update(**fields)


def _failed(state: SyncState, *, code: str, error: str, now: Any) -> None:
    SyncState.objects.filter(pk=state.pk).update(
        code=code or state.code, last_error=error[:300], last_error_at=now, in_step=False
    )


def portal_lookup(*, reference: str, code: str) -> PortalRecord | None:
    """Ask the portal what it holds of dossier ``code`` (``TraCuuHoSo``) and keep its status
    in ``SyncState``. Raises ``PortalUnavailable`` or ``PortalRejected`` when it cannot."""
    record = _backend().lookup(code=code)
    state = _state(reference)
    portal_status = record.status if record else None
    SyncState.objects.filter(pk=state.pk).update(
        code=code,
        portal_status=portal_status,
        portal_checked_at=timezone.now(),
        in_step=(
            portal_status is not None
            and portal_status == state.pushed_status
            and not state.last_error
        ),
    )
    return record


def sync_states(*, references: Iterable[str]) -> dict[str, SyncState]:
    """The sync state of each reference that has one."""
    wanted = list(references)
    return {state.reference: state for state in SyncState.objects.filter(reference__in=wanted)}


def fake_portal_mode_set(*, mode: str) -> None:
    """Make the fake portal answer normally, fail, be slow or reject (demo and tests)."""
    if mode not in FakePortalControl.Mode.values:
        raise ValueError(f"unknown fake portal mode {mode!r}")
    FakePortalControl.objects.update_or_create(pk=1, defaults={"mode": mode})
