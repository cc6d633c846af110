"""Form 07, the dossier register, as a PDF (the shipped template, editable by admins) and as
an Excel workbook (openpyxl: dates as dates, a title, the agency and the period)."""

import io
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from signing.defaults import FORM_07_REGISTER
from signing.models import DocumentTemplate
from signing.rendering import document_render
from signing.selectors import document_template_current
from signing.services import document_template_install_defaults
from workflows.selectors.register import Register

from .context import agency_context

# (header, RegisterRow attribute, column width in characters, Excel number format)
COLUMNS: tuple[tuple[str, str, int, str], ...] = (
    ("STT", "number", 6, "0"),
    ("Mã hồ sơ", "code", 28, "@"),
    ("Tên thủ tục hành chính", "procedure", 40, "@"),
    ("Số lượng hồ sơ (bộ)", "sets", 10, "0"),
    ("Tên cá nhân, tổ chức", "owner", 26, "@"),
    ("Địa chỉ", "address", 36, "@"),
    ("Số điện thoại", "phone", 14, "@"),
    ("Cơ quan chủ trì giải quyết", "competent_agency", 30, "@"),
    ("Nhận hồ sơ", "received_at", 17, "dd/mm/yyyy hh:mm"),
    ("Hẹn trả kết quả", "appointment_date", 13, "dd/mm/yyyy"),
    ("Hẹn trả lần đầu", "first_appointment_date", 13, "dd/mm/yyyy"),
    ("Chuyển hồ sơ đến cơ quan giải quyết", "transferred_at", 17, "dd/mm/yyyy hh:mm"),
    ("Nhận kết quả từ cơ quan giải quyết", "result_at", 17, "dd/mm/yyyy hh:mm"),
    ("Trả kết quả cho cá nhân, tổ chức", "returned_at", 17, "dd/mm/yyyy hh:mm"),
    ("Trạng thái", "status", 22, "@"),
    ("Ghi chú", "note", 30, "@"),
)


def register_context(register: Register) -> dict[str, Any]:
    return {
        "agency": agency_context(register.agency),
        "document": {"number": "", "symbol": "", "date": timezone.now(), "copy": "1"},
        "register": {
            "start": register.start,
            "end": register.end,
            "procedure": register.procedure,
            "rows": [row.__dict__ for row in register.rows],
            "total": register.total,
            "totals": register.totals,
            "truncated": register.truncated,
        },
    }


def register_pdf(register: Register) -> bytes:
    """The register on the newest revision of the Form 07 template."""
    try:
        template = document_template_current(FORM_07_REGISTER)
    except DocumentTemplate.DoesNotExist:
        document_template_install_defaults()
        template = document_template_current(FORM_07_REGISTER)
    return document_render(template=template, context=register_context(register))


def register_xlsx(register: Register) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "So theo doi ho so"
    sheet.append(["SỔ THEO DÕI HỒ SƠ"])
    sheet.append([register.agency.name])
    period = f"Từ {register.start:%d/%m/%Y} đến {register.end:%d/%m/%Y}"
    sheet.append([f"{period}; thủ tục {register.procedure}" if register.procedure else period])
    sheet.append([header for header, *_ in COLUMNS])
    for row in register.rows:
        sheet.append([_cell(getattr(row, attribute)) for _h, attribute, _w, _f in COLUMNS])
    sheet["A1"].font = Font(bold=True, size=14)
    for index, (_header, _attribute, width, number_format) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        header = sheet.cell(row=4, column=index)
        header.font = Font(bold=True)
        header.alignment = Alignment(wrap_text=True, vertical="top")
        for cell in sheet[letter][4:]:
            cell.number_format = number_format
    totals = register.totals
    sheet.append([])
    sheet.append(
        [
            f"Tổng số: {register.total}; trước hạn: {totals['early']}; đúng hạn: "
            f"{totals['on_time']}; quá hạn: {totals['late']}; đang giải quyết: {totals['open']}"
        ]
    )
    sheet.freeze_panes = "A5"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    """Excel has no time zones: local wall-clock times, without the zone."""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, date):
        return value
    return value
