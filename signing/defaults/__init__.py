"""The statutory forms shipped as data (Circular 01/2018/TT-VPCP, Forms 01-03) and the
acknowledgement of submission.

The bodies are the .html files beside this module; ``document_template_install_defaults``
(signing.services) stores each as revision 1 of its code. Admins edit them from there:
every edit is a new revision, these files are only the starting point.
"""

from dataclasses import dataclass
from pathlib import Path

from signing.models import DocumentTemplate

DIRECTORY = Path(__file__).resolve().parent

FORM_00_ACKNOWLEDGEMENT = "acknowledgement-of-submission"
FORM_01_RECEIPT = "form-01-receipt"
FORM_02_SUPPLEMENTATION = "form-02-supplementation"
FORM_03_REFUSAL = "form-03-refusal"
# Results (docs/signing-results.md): a signing step names one by code (``sign.document``).
RESULT_DIPLOMA_COPY = "result-diploma-copy"
RESULT_SCHOOL_TRANSFER = "result-school-transfer"
RESULT_GRADE6_ENROLMENT = "result-grade6-enrolment"
RESULT_STAFF_TRANSFER = "result-staff-transfer"
FORM_04_APOLOGY = "form-04-apology"
FORM_05_STOP = "form-05-stop"
FORM_06_CONTROL_SLIP = "form-06-control-slip"
FORM_07_REGISTER = "form-07-register"
FEE_RECEIPT = "fee-receipt"


@dataclass(frozen=True)
class DefaultTemplate:
    code: str
    kind: str
    name: str
    filename: str

    def body(self) -> str:
        return (DIRECTORY / self.filename).read_text(encoding="utf-8")


DEFAULT_TEMPLATES = (
    DefaultTemplate(
        FORM_00_ACKNOWLEDGEMENT,
        DocumentTemplate.Kind.OTHER,
        "Phiếu xác nhận nộp hồ sơ",
        "acknowledgement_of_submission.html",
    ),
    DefaultTemplate(
        RESULT_DIPLOMA_COPY,
        DocumentTemplate.Kind.RESULT,
        "Bản sao văn bằng, chứng chỉ từ sổ gốc",
        "result_diploma_copy.html",
    ),
    DefaultTemplate(
        RESULT_SCHOOL_TRANSFER,
        DocumentTemplate.Kind.RESULT,
        "Quyết định tiếp nhận học sinh chuyển trường",
        "result_school_transfer.html",
    ),
    DefaultTemplate(
        RESULT_GRADE6_ENROLMENT,
        DocumentTemplate.Kind.RESULT,
        "Thông báo trúng tuyển vào lớp 6",
        "result_grade6_enrolment.html",
    ),
    DefaultTemplate(
        RESULT_STAFF_TRANSFER,
        DocumentTemplate.Kind.RESULT,
        "Quyết định chuyển công tác viên chức",
        "result_staff_transfer.html",
    ),
    DefaultTemplate(
        FORM_01_RECEIPT,
        DocumentTemplate.Kind.RECEIPT,
        "Mẫu số 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
        "form_01_receipt.html",
    ),
    DefaultTemplate(
        FORM_02_SUPPLEMENTATION,
        DocumentTemplate.Kind.SUPPLEMENTATION,
        "Mẫu số 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
        "form_02_supplementation.html",
    ),
    DefaultTemplate(
        FORM_03_REFUSAL,
        DocumentTemplate.Kind.REFUSAL,
        "Mẫu số 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ",
        "form_03_refusal.html",
    ),
    DefaultTemplate(
        FEE_RECEIPT,
        DocumentTemplate.Kind.OTHER,
        "Biên lai thu phí, lệ phí",
        "fee_receipt.html",
    ),
    DefaultTemplate(
        FORM_04_APOLOGY,
        DocumentTemplate.Kind.APOLOGY,
        "Mẫu số 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả",
        "form_04_apology.html",
    ),
    DefaultTemplate(
        FORM_05_STOP,
        DocumentTemplate.Kind.STOP,
        "Mẫu số 05: Thông báo dừng giải quyết hồ sơ",
        "form_05_stop.html",
    ),
    DefaultTemplate(
        FORM_06_CONTROL_SLIP,
        DocumentTemplate.Kind.CONTROL_SLIP,
        "Mẫu số 06: Phiếu kiểm soát quá trình giải quyết hồ sơ",
        "form_06_control_slip.html",
    ),
    DefaultTemplate(
        FORM_07_REGISTER,
        DocumentTemplate.Kind.REGISTER,
        "Mẫu số 07: Sổ theo dõi hồ sơ",
        "form_07_register.html",
    ),
)
