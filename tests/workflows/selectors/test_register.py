"""Form 07, the dossier register: the rows of an agency's period, early / on time / late,
as PDF (its text) and as Excel (read back with openpyxl)."""

import io
from datetime import date
from typing import Any

import pytest
import time_machine
from openpyxl import load_workbook

from workflows.documents.register import register_pdf, register_xlsx
from workflows.engine import task_complete
from workflows.models import Dossier, Role
from workflows.selectors.register import dossier_register, register_agencies_for

from ...signing.pdf import text
from ..engine.helpers import dossier_on
from ..factories import AgencyFactory
from ..services.deadline_setup import received
from ..services.reception_setup import local, officer

pytestmark = pytest.mark.django_db
FEBRUARY = {"start": date(2026, 2, 1), "end": date(2026, 2, 28)}


@pytest.fixture
def desk() -> Any:
    """Three dossiers of the centre submitted in February: one settled early, one still in
    progress (its deadline past by March 20), one new; and one of March."""
    state = received()  # submitted 11 February, received 2 March, due 9 March 17:00
    with time_machine.travel(local(2026, 3, 3, 10, 0), tick=False):
        task_complete(task_id=state.task("review").pk, user=state.specialist, outcome="approve")
    centre = state.dossier.receiving_agency
    late = dossier_on(
        state.dossier.version,
        code="000.20.20.H56-260212-0002",
        receiving_agency=centre,
        competent_agency=centre,
        personal={"owner": {"full_name": "Lê Văn Bình", "phone": "0987000111"}},
        status=Dossier.Status.PROCESSING,
        submitted_at=local(2026, 2, 12, 8, 0),
        received_at=local(2026, 2, 12, 8, 0),
        due_at=local(2026, 2, 19, 17, 0),
        appointment_date=date(2026, 2, 19),
    )
    dossier_on(
        state.dossier.version,
        code="000.20.20.H56-260301-0001",
        receiving_agency=centre,
        competent_agency=centre,
        personal={"owner": {"full_name": "Ngoài Kỳ"}},
        submitted_at=local(2026, 3, 1, 8, 0),
    )
    return state, late


def test_rows_of_the_period_with_dates_and_timing(desk: Any) -> None:
    state, late = desk
    with time_machine.travel(local(2026, 3, 20, 9, 0), tick=False):
        register = dossier_register(agency=state.dossier.receiving_agency, **FEBRUARY)
    assert [row.code for row in register.rows] == [state.dossier.code, late.code]
    settled, open_late = register.rows
    assert settled.owner == "Nguyễn Thị Minh Hằng" and settled.phone == "0912345678"
    assert settled.transferred_at == local(2026, 3, 2, 9, 0)  # the reception's hand-over
    assert settled.result_at == local(2026, 3, 3, 10, 0) and settled.timing == "early"
    assert settled.note.endswith("; Trước hạn")
    assert open_late.timing == "late" and open_late.result_at is None
    assert register.totals == {"early": 1, "on_time": 0, "late": 1, "open": 0}
    assert not register.truncated


def test_one_procedure_and_an_empty_period(desk: Any) -> None:
    state, _late = desk
    centre = state.dossier.receiving_agency
    other = dossier_register(agency=centre, procedure_code="9.999999", **FEBRUARY)
    assert other.rows == ()
    empty = dossier_register(agency=centre, start=date(2025, 1, 1), end=date(2025, 1, 31))
    assert empty.total == 0
    assert "Không có hồ sơ trong kỳ." in " ".join(text(register_pdf(empty)).split())


def test_the_pdf_and_the_workbook_hold_the_rows(desk: Any) -> None:
    state, late = desk
    with time_machine.travel(local(2026, 3, 20, 9, 0), tick=False):
        register = dossier_register(agency=state.dossier.receiving_agency, **FEBRUARY)
        pdf, xlsx = register_pdf(register), register_xlsx(register)
    body = " ".join(text(pdf).split())
    assert "SỔ THEO DÕI HỒ SƠ" in body
    assert "Từ ngày 01 tháng 02 năm 2026 đến ngày 28 tháng 02 năm 2026" in body
    assert state.dossier.code in body and late.code in body and "Lê Văn Bình" in body
    assert "Tổng số: 2 hồ sơ; trước hạn: 1; đúng hạn: 0; quá hạn: 1" in body
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert sheet["A1"].value == "SỔ THEO DÕI HỒ SƠ"
    assert sheet["A2"].value == state.dossier.receiving_agency.name
    headers = [cell.value for cell in sheet[4]]
    assert headers[:3] == ["STT", "Mã hồ sơ", "Tên thủ tục hành chính"]
    first = [cell.value for cell in sheet[5]]
    assert first[0] == 1 and first[1] == state.dossier.code and first[4] == "Nguyễn Thị Minh Hằng"
    received_at = first[headers.index("Nhận hồ sơ")]
    assert (received_at.year, received_at.month, received_at.day, received_at.hour) == (
        2026,
        3,
        2,
        9,
    )  # local wall-clock time, as a date-time cell
    assert [cell.value for cell in sheet[6]][1] == late.code
    assert sheet[7][0].value is None  # the March dossier is not in February's register


def test_who_reads_which_register(desk: Any) -> None:
    state, _late = desk
    centre = state.dossier.receiving_agency
    assert register_agencies_for(state.receptionist) == [centre]
    assert register_agencies_for(state.specialist) == []  # specialists keep no register
    leader = officer(centre.parent, Role.Standard.LEADER)
    assert centre in register_agencies_for(leader)  # a leader reads the agencies below
    stranger = officer(AgencyFactory(code="000.20.20.H10", name="Trung tâm khác"), "reception")
    assert centre not in register_agencies_for(stranger)
