"""The shipped Forms 01-03 and the acknowledgement of submission: installed once, rendered with
a dossier's data on one page."""

import time
from io import StringIO

import pytest
from django.core.management import call_command

from signing.defaults import (
    DEFAULT_TEMPLATES,
    FEE_RECEIPT,
    FORM_00_ACKNOWLEDGEMENT,
    FORM_01_RECEIPT,
    FORM_02_SUPPLEMENTATION,
    FORM_03_REFUSAL,
    FORM_04_APOLOGY,
    FORM_05_STOP,
    FORM_06_CONTROL_SLIP,
    FORM_07_REGISTER,
)
from signing.models import DocumentTemplate
from signing.rendering import document_render
from signing.selectors import document_template_current
from signing.services import document_template_install_defaults

from .conftest import QR_URL
from .pdf import reader, run_with, text

pytestmark = pytest.mark.django_db

CODE = "000.00.20.H56-260217-0001"


def test_install_is_idempotent():
    created = document_template_install_defaults()
    codes = sorted(template.code for template in created)
    assert codes == sorted(default.code for default in DEFAULT_TEMPLATES)
    assert {
        FORM_00_ACKNOWLEDGEMENT,
        FEE_RECEIPT,
        FORM_01_RECEIPT,
        FORM_02_SUPPLEMENTATION,
        FORM_03_REFUSAL,
        FORM_04_APOLOGY,
        FORM_05_STOP,
        FORM_06_CONTROL_SLIP,
        FORM_07_REGISTER,
    } <= set(codes)
    assert {template.revision for template in created} == {1}
    assert document_template_install_defaults() == []
    assert DocumentTemplate.objects.count() == len(DEFAULT_TEMPLATES)


def test_install_command():
    out = StringIO()
    call_command("install_document_templates", stdout=out)
    assert "installed form-01-receipt r1: Mẫu số 01" in out.getvalue()
    call_command("install_document_templates", stdout=out)
    assert out.getvalue().endswith("default document templates already installed\n")


def test_install_keeps_an_edited_code():
    DocumentTemplate.objects.create(
        code=FORM_01_RECEIPT, revision=2, kind="receipt", name="Edited", body="<p>x</p>"
    )
    created = document_template_install_defaults()
    assert FORM_01_RECEIPT not in {template.code for template in created}
    assert document_template_current(FORM_01_RECEIPT).name == "Edited"
    assert DocumentTemplate.objects.filter(code=FORM_01_RECEIPT).count() == 1


def render(code: str, context) -> bytes:
    document_template_install_defaults()
    return document_render(template=document_template_current(code), context=context, qr_url=QR_URL)


def test_form_01_receipt(context):
    pdf = render(FORM_01_RECEIPT, context)
    content = text(pdf)
    assert len(reader(pdf).pages) == 1
    for expected in [
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {CODE}",
        "Tiếp nhận hồ sơ của: Nguyễn Thị Minh Hằng",
        "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
        "1.1. Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc (Bản chính: 01)",
        "1.2. Căn cước công dân của người yêu cầu (Bản sao: 01)",
        "2. Số lượng hồ sơ: 01 (bộ)",
        "4. Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 17 tháng 02 năm 2026",
        "5. Thời gian trả kết quả giải quyết hồ sơ: 10 giờ 00 phút, ngày 18 tháng 02 năm 2026",
        "An Bình, ngày 17 tháng 02 năm 2026",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Trần Văn Đức",
    ]:
        assert expected in content
    assert run_with(pdf, CODE).font == "Tinos-Bold"
    assert len(reader(pdf).pages[0].images) == 1


def test_form_02_supplementation(context):
    pdf = render(FORM_02_SUPPLEMENTATION, context)
    content = text(pdf)
    assert len(reader(pdf).pages) == 1
    for expected in [
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        f"Mã hồ sơ: {CODE}",
        "Hồ sơ của: Nguyễn Thị Minh Hằng",
        "Ngày tiếp nhận hồ sơ: ngày 17 tháng 02 năm 2026",
        "1. Bản sao Căn cước công dân còn hiệu lực của người yêu cầu",
        "2. Giấy ủy quyền có chứng thực",
        "Lý do: Căn cước công dân đã nộp hết hạn sử dụng.",
        "NGƯỜI HƯỚNG DẪN",
    ]:
        assert expected in content


def test_form_03_refusal(context):
    pdf = render(FORM_03_REFUSAL, context)
    content = text(pdf)
    assert len(reader(pdf).pages) == 1
    for expected in [
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        f"Mã hồ sơ: {CODE}",
        "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
        "Văn bằng được cấp trước năm 1995",
        "An Bình, ngày 17 tháng 02 năm 2026",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
    ]:
        assert expected in content


def test_acknowledgement_of_submission(context):
    pdf = render(FORM_00_ACKNOWLEDGEMENT, context)
    content = text(pdf)
    assert len(reader(pdf).pages) == 1
    for expected in [
        "PHIẾU XÁC NHẬN NỘP HỒ SƠ",
        f"Mã hồ sơ: {CODE}",
        "xác nhận đã nhận được hồ sơ của: Nguyễn Thị Minh Hằng",
        "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc (mã thủ tục 3.000467.H18)",
        "Thời gian nộp: 16 giờ 15 phút, ngày 16 tháng 02 năm 2026",
        "1. Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc (1 tệp)",
        "Mã tra cứu: K7QM2XPA9RTE",
        f"https://dichvucong.anbinh.example.vn/track/{CODE}/",
    ]:
        assert expected in content
    assert len(reader(pdf).pages[0].images) == 1


@pytest.mark.parametrize(
    "code", [FORM_00_ACKNOWLEDGEMENT, FORM_01_RECEIPT, FORM_02_SUPPLEMENTATION, FORM_03_REFUSAL]
)
def test_forms_render_blank_without_data(code):
    document_template_install_defaults()
    pdf = document_render(template=document_template_current(code), context={})
    assert "Mã hồ sơ: ......" in text(pdf)


def test_form_01_renders_well_under_a_second(context):
    render(FORM_01_RECEIPT, context)
    started = time.perf_counter()
    render(FORM_01_RECEIPT, context)
    assert time.perf_counter() - started < 1.0
