"""The national portal's records of a dossier, built at send time from the current data:
``DongBoHoSoMC`` (the dossier, on submission and on each status change) and
``CapNhatTienDoHoSoMC`` (one processing step). Field names as integrators send them
(docs/portal-sync.md); dates yyyyMMddHHmmss in Vietnam's time; statuses 1-10 as strings.

These bodies hold personal data (``ChuHoSo``...): they are built by the outbox sender and
handed to the portal, never stored in an outbox row nor logged."""

from datetime import date, datetime, time
from typing import Any

from django.utils import timezone, translation

from workflows.models import Dossier, DossierDocument, Membership, ProcessingLogEntry

PORTAL_DATE = "%Y%m%d%H%M%S"
SYSTEM = "Hệ thống"

# What each log action says on the portal (Vietnamese: the portal shows it to the citizen).
ACTIONS = {
    "submitted": "Nộp hồ sơ",
    "process_started": "Bắt đầu xử lý hồ sơ",
    "status_changed": "Chuyển trạng thái hồ sơ",
    "finished": "Kết thúc xử lý hồ sơ",
    "reassigned": "Chuyển người xử lý",
    "supplemented": "Công dân bổ sung hồ sơ",
    "withdrawal_requested": "Công dân đề nghị rút hồ sơ",
    "document_issued": "Phát hành văn bản",
    "clock_paused": "Tạm dừng tính thời gian xử lý",
    "clock_resumed": "Tiếp tục tính thời gian xử lý",
    "timer_fired": "Hết thời hạn chờ",
    "service_failed": "Bước tự động không thành công",
    "apology_issued": "Gửi thư xin lỗi và hẹn lại ngày trả kết quả",
    "shipment_created": "Gửi kết quả qua bưu chính",
    "fee_paid": "Nộp phí, lệ phí",
}


def portal_date(value: datetime | date | None) -> str:
    """yyyyMMddHHmmss in local (Vietnam) time; a date is its midnight; empty for none."""
    if value is None:
        return ""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time.min, tzinfo=timezone.get_current_timezone())
    return timezone.localtime(value).strftime(PORTAL_DATE)


def dossier_record(*, dossier: Dossier, status: int) -> dict[str, Any]:
    """The ``DongBoHoSoMC`` record of ``dossier`` with status ``status`` (the status the
    change being reported led to; the rest is the current data)."""
    owner = dossier.owner
    procedure = dossier.version.procedure
    return {
        "MaHoSo": dossier.code or "",
        "MaTTHC": procedure.code,
        "TenTTHC": procedure.name,
        "MaCoQuanTiepNhan": dossier.receiving_agency.code,
        "MaCoQuanXuLy": dossier.competent_agency.code,
        "ChuHoSo": owner.get("full_name", ""),
        "SoGiayToChuHoSo": owner.get("id_number", ""),
        "DiaChiChuHoSo": owner.get("address", ""),
        "SoDienThoaiChuHoSo": owner.get("phone", ""),
        "EmailChuHoSo": owner.get("email", ""),
        "NgayNopHoSo": portal_date(dossier.submitted_at),
        "NgayTiepNhan": portal_date(dossier.received_at or dossier.submitted_at),
        "NgayHenTra": portal_date(dossier.due_at or dossier.appointment_date),
        "NgayTra": portal_date(dossier.returned_at),
        "TrangThaiHoSo": str(status),
        "HinhThuc": str(dossier.channel),
        "HinhThucTraKetQua": dossier.result_delivery,
        "TaiLieuNop": _attachments(dossier),
        "DanhSachLePhi": _fees(dossier),
        "DanhSachGiayToKetQua": _results(dossier),
    }


def progress_record(*, dossier: Dossier, entry: ProcessingLogEntry, status: int) -> dict[str, Any]:
    """The ``CapNhatTienDoHoSoMC`` record of one log entry (a step handed over)."""
    action = ACTIONS.get(entry.action) or _outcome(entry.action)
    return {
        "MaHoSo": dossier.code or "",
        "MaTienDo": str(entry.pk),
        "BuocXuLy": entry.step,
        "NguoiXuLy": _actor_name(entry),
        "PhongBanXuLy": _department(dossier, entry),
        "NoiDungXuLy": f"{action}: {entry.comment}" if entry.comment else action,
        "ThoiDiemXuLy": portal_date(entry.at),
        "HanXuLy": portal_date(entry.due_at),
        "TrangThaiHoSo": str(status),
    }


def _outcome(action: str) -> str:
    kind, _, name = action.partition(":")
    if kind == "outcome":
        return f"Hoàn thành bước xử lý ({name})"
    if kind == "event":
        return f"Nhận kết quả từ hệ thống liên quan ({name})"
    return action


def _actor_name(entry: ProcessingLogEntry) -> str:
    if entry.actor is None:
        return SYSTEM
    return entry.actor.get_full_name() or entry.actor.get_username()


def _department(dossier: Dossier, entry: ProcessingLogEntry) -> str:
    """The agency the actor acted for: their membership in one of the dossier's agencies."""
    if entry.actor_id is not None:
        memberships = Membership.objects.filter(user_id=entry.actor_id, active=True)
        for agency in (dossier.competent_agency, dossier.receiving_agency):
            if memberships.filter(agency=agency).exists():
                return agency.name
    return dossier.competent_agency.name


def _attachments(dossier: Dossier) -> list[dict[str, Any]]:
    return [
        {"MaGiayTo": item.document_code, "TenTepDinhKem": item.original_name}
        for item in dossier.attachments.order_by("id")
    ]


def _fees(dossier: Dossier) -> list[dict[str, Any]]:
    return [
        {
            "TenPhiLePhi": fee.name,
            "MucPhi": fee.amount,
            "TrangThai": fee.status,
            "HinhThucThu": fee.method,
            "NgayThu": portal_date(fee.paid_at),
            "SoBienLai": fee.receipt_number,
        }
        for fee in dossier.fees.order_by("id")
    ]


def _results(dossier: Dossier) -> list[dict[str, Any]]:
    documents = dossier.documents.filter(kind=DossierDocument.Kind.RESULT).order_by("id")
    with translation.override("vi"):
        return [
            {
                "TenGiayTo": str(document.get_kind_display()),
                "SoKyHieu": f"{document.number}/{document.symbol}" if document.number else "",
                "NgayKy": portal_date(document.signed_at),
            }
            for document in documents
        ]
