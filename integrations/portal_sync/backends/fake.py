"""The fake national portal: an in-process stand-in answering the messages of ``dvcqg_http``
(login, ``DongBoHoSoMC``, ``CapNhatTienDoHoSoMC``, ``TraCuuHoSo``) from its own tables.

The backend is the HTTP backend with its transport replaced by a call to ``answer``: sessions,
error codes and bodies go through the same code as against the real portal. The fake checks
what it receives (required fields, yyyyMMddHHmmss dates, status codes 1-10) and can be told,
in the admin or by MOTCUA_PORTAL_SYNC_FAKE_MODE, to fail (HTTP 503), to be slow (the call times
out) or to reject every record."""

import re
import secrets
import time
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..errors import PortalUnavailable
from ..models import FakePortalControl, FakePortalRecord
from ..protocol import LOOKUP, backends
from .dvcqg_http import OK, SESSION_INVALID, DvcqgHttpBackend

Mode = FakePortalControl.Mode
REJECTED = "-1"
NOT_SYNCED = "-3"
DATE = re.compile(r"^\d{14}$")
REQUIRED = {
    "DongBoHoSoMC": ("MaHoSo", "MaTTHC", "TenTTHC", "ChuHoSo", "NgayTiepNhan", "TrangThaiHoSo"),
    "CapNhatTienDoHoSoMC": ("MaHoSo", "NguoiXuLy", "NoiDungXuLy", "ThoiDiemXuLy", "MaTienDo"),
}
DATES = ("NgayTiepNhan", "NgayHenTra", "NgayTra", "ThoiDiemXuLy", "HanXuLy")


@backends.register("fake")
class FakePortalBackend(DvcqgHttpBackend):
    id = "fake"
    fake = True

    def __init__(self) -> None:
        super().__init__()
        self.url = "fake://portal"
        self.agency_code = self.agency_code or "000.00.00.FAKE"

    def check_config(self) -> list[str]:
        return []

    def _post(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        if fake_mode() == Mode.SLOW:
            time.sleep(float(self.timeout[1]))
            raise PortalUnavailable("timed out")
        status, answer = fake_answer(path, payload)
        if status >= 500:
            raise PortalUnavailable(f"HTTP {status}")
        return answer


def fake_control() -> FakePortalControl:
    control, _ = FakePortalControl.objects.get_or_create(
        pk=1, defaults={"mode": settings.PORTAL_SYNC_FAKE_MODE or Mode.NORMAL}
    )
    return control


def fake_mode() -> str:
    mode = FakePortalControl.objects.filter(pk=1).values_list("mode", flat=True).first()
    return str(mode or settings.PORTAL_SYNC_FAKE_MODE or Mode.NORMAL)


def fake_answer(path: str, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """The fake portal's answer (HTTP status, JSON body) to one request."""
    if fake_mode() == Mode.FAIL:
        return 503, {}
    if path == "/login":
        return 200, _login(payload)
    if path != "/service":
        return 404, {}
    control = fake_control()
    now = timezone.now()
    expired = control.session_expires_at is None or control.session_expires_at <= now
    if not control.session or payload.get("session") != control.session or expired:
        return 200, {"error_code": SESSION_INVALID, "message": "Phiên làm việc không hợp lệ"}
    service = payload.get("service")
    if service == LOOKUP:
        return 200, _lookup(str(payload.get("MaHoSo", "")))
    if control.mode == Mode.REJECT:
        return 200, {"error_code": REJECTED, "message": "Hồ sơ không được chấp nhận"}
    data = payload.get("data")
    if service not in REQUIRED or not isinstance(data, list) or not data:
        return 200, {"error_code": REJECTED, "message": "Dịch vụ hoặc dữ liệu không hợp lệ"}
    for record in data:
        problem = _invalid(service, record)
        if problem:
            return 200, {"error_code": REJECTED, "message": problem}
    with transaction.atomic():
        for record in data:
            answer = _store(service, record)
            if answer["error_code"] != OK:
                transaction.set_rollback(True)
                return 200, answer
    return 200, {"error_code": OK, "message": "Thành công"}


def _login(payload: dict[str, Any]) -> dict[str, Any]:
    expected = (settings.PORTAL_SYNC_USERNAME, settings.PORTAL_SYNC_PASSWORD)
    given = (payload.get("username") or "", payload.get("password") or "")
    if any(expected) and given != expected:
        return {"error_code": REJECTED, "message": "Sai tài khoản"}
    control = fake_control()
    control.session = secrets.token_hex(16)
    control.session_expires_at = timezone.now() + timedelta(
        seconds=settings.PORTAL_SYNC_SESSION_SECONDS
    )
    control.logins += 1
    control.save(update_fields=["session", "session_expires_at", "logins", "updated_at"])
    return {"error_code": OK, "session": control.session}


def _lookup(code: str) -> dict[str, Any]:
    record = FakePortalRecord.objects.filter(code=code).first()
    if record is None:
        return {"error_code": OK, "result": []}
    status = {"TrangThaiHoSo": str(record.status)} if record.status else {}
    return {"error_code": OK, "result": [{**record.record, **status, "TienDo": record.progress}]}


def _invalid(service: str, record: Any) -> str:
    if not isinstance(record, dict):
        return "Bản ghi không hợp lệ"
    missing = [name for name in REQUIRED[service] if not str(record.get(name, "")).strip()]
    if missing:
        return "Thiếu trường: " + ", ".join(missing)
    for name in DATES:
        value = record.get(name)
        if value in (None, ""):
            continue
        try:
            if not DATE.match(str(value)):
                raise ValueError
            datetime.strptime(str(value), "%Y%m%d%H%M%S")
        except ValueError:
            return f"Sai định dạng ngày: {name}"
    status = str(record.get("TrangThaiHoSo", ""))
    if status and not (status.isdigit() and 1 <= int(status) <= 10):
        return "Sai trạng thái hồ sơ"
    return ""


def _store(service: str, record: dict[str, Any]) -> dict[str, Any]:
    code = str(record["MaHoSo"])
    stored = FakePortalRecord.objects.select_for_update().filter(code=code).first()
    if service == "DongBoHoSoMC":
        stored = stored or FakePortalRecord(code=code)
        stored.record = dict(record)
        stored.status = int(record["TrangThaiHoSo"])
        stored.statuses = [*stored.statuses, stored.status]
    else:
        if stored is None:
            return {"error_code": NOT_SYNCED, "message": "Hồ sơ chưa được đồng bộ"}
        if any(step.get("MaTienDo") == record["MaTienDo"] for step in stored.progress):
            return {"error_code": OK, "message": "Đã nhận"}  # a repeated push changes nothing
        stored.progress = [*stored.progress, dict(record)]
        if str(record.get("TrangThaiHoSo", "")).isdigit():
            stored.status = int(record["TrangThaiHoSo"])
            stored.record = {**stored.record, "TrangThaiHoSo": record["TrangThaiHoSo"]}
    stored.pushes += 1
    stored.save()
    return {"error_code": OK, "message": "Thành công"}
