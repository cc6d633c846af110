"""The reception outcomes: accept (Form 01), request supplementation (Form 02), refuse (Form 03)."""

from dataclasses import replace

import pytest
import time_machine
from django.utils import translation

from workflows.engine import TaskNotAvailable
from workflows.errors import (
    DossierAlreadyReceived,
    RefusalReasonRequired,
    SupplementationAlreadyRequested,
    SupplementationItemsRequired,
)
from workflows.models import (
    ClockPause,
    Dossier,
    DossierDocument,
    ProcessingLogEntry,
    SupplementationRequest,
)
from workflows.services.reception import (
    MissingItem,
    dossier_accept,
    dossier_refuse,
    dossier_request_supplementation,
)
from workflows.services.supplementation import dossier_supplement

from ..engine.helpers import reception_flow
from .reception_setup import CODE, OWNER, local, pdf_text, reception

pytestmark = pytest.mark.django_db
Status = Dossier.Status
Kind = DossierDocument.Kind
THURSDAY_BEFORE_TET = local(2026, 2, 12, 10, 0)


def log_of(dossier: Dossier) -> list[tuple[str, str, int | None, int | None]]:
    entries = ProcessingLogEntry.objects.filter(dossier=dossier).order_by("at", "id")
    return [(e.action, e.step, e.from_status, e.to_status) for e in entries]


def test_accept_across_tet_gives_the_calendar_s_appointment_and_form_01():
    state = reception()
    with time_machine.travel(THURSDAY_BEFORE_TET, tick=False):
        dossier = dossier_accept(task_id=state.task().pk, user=state.receptionist, comment="Đủ")

    assert dossier.status == Status.ACCEPTED
    assert dossier.received_at == THURSDAY_BEFORE_TET
    # 5 working days, the first not counted: 13/02, then Tết (16-20/02), 23, 24, 25, 26/02
    assert dossier.due_at == local(2026, 2, 26, 17, 0)
    assert dossier.appointment_date.isoformat() == "2026-02-26"
    assert dossier.first_appointment_date == dossier.appointment_date
    assert dossier.code == CODE
    assert state.task("review").status == "NEW"  # the process moved on
    assert ("accepted", "reception", Status.NEW, Status.ACCEPTED) in log_of(dossier)
    assert ("outcome:accept", "reception", None, None) in log_of(dossier)

    content = pdf_text(dossier, Kind.RECEIPT)
    for expected in [
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {CODE}",
        "ỦY BAN NHÂN DÂN XÃ AN BÌNH",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ AN BÌNH",
        f"Số: {CODE}/TNHS",
        "An Bình, ngày 12 tháng 02 năm 2026",
        "Tiếp nhận hồ sơ của: Nguyễn Thị Minh Hằng",
        "Địa chỉ: Số 12, thôn Đông Hải, xã An Bình",
        "Nội dung yêu cầu giải quyết: Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
        "1.1. Đơn đề nghị (Bản chính: 01)",
        "1.2. Căn cước (Bản sao: 01)",
        "3. Thời gian giải quyết hồ sơ theo quy định là: 05 ngày làm việc",
        "4. Thời gian nhận hồ sơ: 10 giờ 00 phút, ngày 12 tháng 02 năm 2026",
        "5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 26 tháng 02 năm 2026",
        "6. Đăng ký nhận kết quả tại: Trung tâm Phục vụ hành chính công xã An Bình",
        "Trần Văn Đức",
        f"bằng mã hồ sơ {CODE} và mã tra cứu {dossier.tracking_secret}",
    ]:
        assert expected in content, expected
    document = DossierDocument.objects.get(dossier=dossier, kind=Kind.RECEIPT)
    assert document.template.code == "form-01-receipt"
    assert document.created_by == state.receptionist and document.size > 1000
    assert len(document.sha256) == 64


def test_a_second_accept_of_the_same_task_is_not_available():
    state = reception()
    task_id = state.task().pk
    dossier_accept(task_id=task_id, user=state.receptionist)
    with pytest.raises(TaskNotAvailable):
        dossier_accept(task_id=task_id, user=state.receptionist)
    assert DossierDocument.objects.filter(dossier=state.dossier, kind=Kind.RECEIPT).count() == 1
    assert [row[0] for row in log_of(state.dossier)].count("accepted") == 1


def test_a_dossier_received_already_is_not_accepted_again():
    state = reception()
    Dossier.objects.filter(pk=state.dossier.pk).update(received_at=local(2026, 2, 11, 9, 0))
    with pytest.raises(DossierAlreadyReceived):
        dossier_accept(task_id=state.task().pk, user=state.receptionist)
    assert state.refresh().status == Status.NEW
    assert state.task().status == "NEW"


def test_another_agency_s_officer_cannot_accept():
    from .reception_setup import AgencyFactory, officer

    state = reception()
    outsider = officer(AgencyFactory(), "reception")
    with pytest.raises(TaskNotAvailable):
        dossier_accept(task_id=state.task().pk, user=outsider)
    assert state.refresh().status == Status.NEW
    assert not DossierDocument.objects.filter(dossier=state.dossier).exists()


def test_supplementation_at_reception_pauses_without_a_clock_and_issues_form_02():
    state = reception()
    items = [
        MissingItem("Bản sao Căn cước còn hiệu lực", "identity_document", "bản đã nộp hết hạn"),
        MissingItem("Giấy ủy quyền có chứng thực"),
    ]
    with time_machine.travel(local(2026, 2, 12, 9, 0), tick=False):
        dossier = dossier_request_supplementation(
            task_id=state.task().pk,
            user=state.receptionist,
            items=items,
            reason="Giấy tờ tùy thân hết hạn.",
        )
    assert dossier.status == Status.SUPPLEMENTATION_REQUESTED
    request = SupplementationRequest.objects.get(dossier=dossier)
    assert request.step == "reception" and request.answered_at is None
    assert request.items[0] == {
        "name": "Bản sao Căn cước còn hiệu lực",
        "document_code": "identity_document",
        "note": "bản đã nộp hết hạn",
    }
    pause = request.pause
    assert (pause.reason, pause.status_before, pause.due_before, pause.ended_at) == (
        ClockPause.Reason.SUPPLEMENTATION,
        Status.NEW,
        None,
        None,
    )
    assert [row for row in log_of(dossier) if row[0] != "process_started"] == [
        ("clock_paused", "reception", None, None),
        ("supplementation_requested", "reception", Status.NEW, Status.SUPPLEMENTATION_REQUESTED),
        ("outcome:supplement", "reception", None, None),
        ("document_issued", "", None, None),
    ]
    content = pdf_text(dossier, Kind.SUPPLEMENTATION)
    for expected in [
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        f"Mã hồ sơ: {CODE}",
        "Hồ sơ của: Nguyễn Thị Minh Hằng",
        "1. Bản sao Căn cước còn hiệu lực: bản đã nộp hết hạn",
        "2. Giấy ủy quyền có chứng thực",
        "Lý do: Giấy tờ tùy thân hết hạn.",
        "liên hệ với Trần Văn Đức",
    ]:
        assert expected in content, expected


def test_supplementation_is_requested_once():
    state = reception()
    item = [MissingItem("Đơn đề nghị có chữ ký")]
    dossier_request_supplementation(task_id=state.task().pk, user=state.receptionist, items=item)
    dossier_supplement(dossier=state.dossier, by=None, note="Đã bổ sung")
    # back at reception: a second request is refused, nothing changes
    task = state.task("reception")
    with translation.override("en"), pytest.raises(SupplementationAlreadyRequested) as refused:
        dossier_request_supplementation(task_id=task.pk, user=state.receptionist, items=item)
    assert "one" in str(refused.value) and OWNER["full_name"] not in str(refused.value)
    assert state.refresh().status == Status.NEW
    assert SupplementationRequest.objects.filter(dossier=state.dossier).count() == 1
    assert ClockPause.objects.filter(dossier=state.dossier).count() == 1
    assert state.task("reception").pk == task.pk


def test_a_request_lists_what_is_missing():
    state = reception()
    with pytest.raises(SupplementationItemsRequired):
        dossier_request_supplementation(
            task_id=state.task().pk, user=state.receptionist, items=[MissingItem("  ")]
        )
    assert state.refresh().status == Status.NEW


def test_refuse_ends_with_status_3_logged_once_and_form_03():
    state = reception()
    reason = "Văn bằng cấp trước năm 1995, sổ gốc do Sở Giáo dục và Đào tạo quản lý."
    with time_machine.travel(THURSDAY_BEFORE_TET, tick=False):
        dossier = dossier_refuse(task_id=state.task().pk, user=state.receptionist, reason=reason)
    assert dossier.status == Status.NOT_ACCEPTED and dossier.finished_at is not None
    changes = [row for row in log_of(dossier) if row[3] is not None]
    assert changes == [("finished", "refused", Status.NEW, Status.NOT_ACCEPTED)]
    content = pdf_text(dossier, Kind.REFUSAL)
    for expected in [
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        f"Mã hồ sơ: {CODE}",
        "Tiếp nhận hồ sơ của: Nguyễn Thị Minh Hằng",
        "Văn bằng cấp trước năm 1995, sổ gốc do Sở Giáo dục và Đào tạo quản lý.",
        "An Bình, ngày 12 tháng 02 năm 2026",
    ]:
        assert expected in content, expected


def test_refuse_needs_a_reason():
    state = reception()
    with pytest.raises(RefusalReasonRequired):
        dossier_refuse(task_id=state.task().pk, user=state.receptionist, reason=" ")
    assert state.refresh().status == Status.NEW


def test_no_personal_data_in_the_processing_log():
    state = reception()
    dossier_request_supplementation(
        task_id=state.task().pk, user=state.receptionist, items=[MissingItem("Đơn")]
    )
    dossier_supplement(dossier=state.dossier, by=None, note="Đã bổ sung")
    dossier_accept(task_id=state.task().pk, user=state.receptionist)
    entries = ProcessingLogEntry.objects.filter(dossier=state.dossier)
    written = " ".join(f"{e.action} {e.step} {e.comment}" for e in entries)
    assert len(entries) >= 8
    for value in OWNER.values():
        assert value not in written


def test_a_review_step_that_sets_processing_after_acceptance():
    flow = reception_flow()
    nodes = tuple(
        replace(node, status="processing") if node.id == "review" else node for node in flow.nodes
    )
    state = reception(definition=replace(flow, nodes=nodes))
    dossier_accept(task_id=state.task().pk, user=state.receptionist)
    assert state.refresh().status == Status.PROCESSING
    changes = [row for row in log_of(state.dossier) if row[3] is not None]
    assert changes == [
        ("accepted", "reception", Status.NEW, Status.ACCEPTED),
        ("status_changed", "review", Status.ACCEPTED, Status.PROCESSING),
    ]
    # asked at review: the status it had comes back with the answer, and review again
    dossier_request_supplementation(
        task_id=state.task("review").pk, user=state.specialist, items=[MissingItem("Sổ gốc")]
    )
    assert state.dossier.clock_pauses.get().status_before == Status.PROCESSING
    dossier_supplement(dossier=state.dossier, by=None)
    assert state.refresh().status == Status.PROCESSING
    assert state.task("review").status == "NEW"
