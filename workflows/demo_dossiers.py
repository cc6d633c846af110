"""Demo dossiers of the four seed procedures, in several states, made through the services a
citizen and the officers use (submission, reception, the engine's tasks): new, received and
in processing, supplementation requested, refused, at a later step, result returned.

Idempotent: each dossier has its own submission key; one that exists already is left as it is.
The people in them are made up.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.calendar import calendar_for
from workflows.calendar.arithmetic import add_working_days
from workflows.engine import process_of, task_complete
from workflows.models import Agency, Dossier, DossierFee, ProcedureVersion
from workflows.services.apology import dossier_apologise
from workflows.services.fee_online import fee_counter_payment_record
from workflows.services.reception import (
    MissingItem,
    dossier_accept,
    dossier_refuse,
    dossier_request_supplementation,
)
from workflows.services.result_signing import (
    SigningNotPossible,
    result_signature_request,
    step_signing,
)
from workflows.services.result_signing_worker import result_signing_run
from workflows.services.shipments import result_ship
from workflows.services.stop import dossier_stop
from workflows.services.submission import ConsentGiven, SubmittedDocument, dossier_submit

Channel = Dossier.Channel
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ADDRESS = {"province": "01", "commune": "00070", "street": "Số 12 phố Tràng Tiền"}
NOTICE_VERSION = "2026-01"

DIPLOMA = {
    "applicant_kind": "self",
    "owner_name": "Trần Thị Mai",
    "owner_birth_date": "1992-05-14",
    "owner_id_number": "001192004567",
    "diploma_kind": "upper_secondary",
    "school_name": "Trường THPT Chu Văn An",
    "graduation_year": 2010,
    "copies": 2,
    "purpose": "Bổ sung hồ sơ xin việc",
    "delivery": "counter",
    "phone": "0912345678",
    "agree": True,
}
SCHOOL_TRANSFER = {
    "student_name": "Nguyễn Minh Khôi",
    "student_birth_date": "2013-09-02",
    "grade": "7",
    "current_school": "Trường THCS Nguyễn Du",
    "from_other_province": False,
    "receiving_school": "000.12.20.H99",
    "reason": "Gia đình chuyển nơi ở",
    "residence": ADDRESS,
    "parent_name": "Nguyễn Văn Hùng",
    "parent_relationship": "father",
    "parent_phone": "0987654321",
    "agree": True,
}
ENROLMENT = {
    "student_name": "Lê Bảo Anh",
    "student_birth_date": "2015-03-21",
    "student_id_number": "001315006789",
    "gender": "female",
    "primary_school": "Trường Tiểu học Kim Đồng",
    "primary_completed_year": 2026,
    "school": "000.12.20.H99",
    "residence": ADDRESS,
    "parent_name": "Lê Thị Hoa",
    "parent_relationship": "mother",
    "parent_phone": "0901234567",
    "agree": True,
}
CIVIL_EXTRACT = {
    "requester_name": "Bùi Thị Hạnh",
    "requester_id_number": "001187002468",
    "relationship": "self",
    "owner_name": "Bùi Thị Hạnh",
    "owner_birth_date": "1987-07-19",
    "event_kind": "marriage",
    "registration_place": "Ủy ban nhân dân phường Tràng Tiền",
    "registration_year": 2012,
    "purpose": "Bổ sung hồ sơ vay vốn",
    "phone": "0968123456",
    "agree": True,
}
STAFF_TRANSFER = {
    "employee_name": "Phạm Quốc Tuấn",
    "employee_birth_date": "1988-11-30",
    "employee_id_number": "001088001234",
    "position": "Giáo viên trung học phổ thông hạng II",
    "sending_unit": "000.13.20.H99",
    "receiving_unit": "000.21.20.H99",
    "managing_department": "000.00.20.H99",
    "reason": "Chuyển công tác gần nơi ở",
    "phone": "0934567890",
    "agree": True,
}


@dataclass(frozen=True)
class Step:
    """Done by the demo officer ``who`` on the dossier's open task ``task``."""

    task: str
    who: str
    outcome: str


@dataclass(frozen=True)
class DemoDossier:
    key: str  # the submission key
    procedure: str  # the procedure's code
    case: str
    data: dict[str, Any]
    documents: tuple[str, ...]
    online: bool = False  # by demo_citizen online; else at the counter by demo_reception
    parent: str = ""  # the consenting parent's name (children's data)
    steps: tuple[Step, ...] = field(default=())


ACCEPT = Step("reception", "demo_reception", "accept")
APPROVED = (
    ACCEPT,
    Step("review", "demo_specialist", "propose"),
    Step("approval", "demo_leader", "approve"),
)
DOSSIERS = [
    DemoDossier(
        "demo-diploma-new",
        "1.010020",
        "standard",
        DIPLOMA,
        ("request_form", "identity_document"),
        online=True,
    ),
    DemoDossier(
        "demo-diploma-returned",
        "1.010020",
        "standard",
        {**DIPLOMA, "owner_name": "Đỗ Văn Nam", "owner_id_number": "001090007788"},
        ("request_form", "identity_document"),
        steps=(
            ACCEPT,
            Step("review", "demo_specialist", "propose"),
            Step("approval", "demo_leader", "approve"),
            Step("issue", "demo_specialist", "issued"),
            Step("result_desk", "demo_result_desk", "returned"),
        ),
    ),
    DemoDossier(
        "demo-diploma-post",
        "1.010020",
        "standard",
        {
            **DIPLOMA,
            "owner_name": "Phan Thị Thu",
            "owner_id_number": "001195003344",
            "delivery": "post",
            "address": ADDRESS,
        },
        ("request_form", "identity_document"),
        online=True,
        steps=(
            ACCEPT,
            Step("review", "demo_specialist", "propose"),
            Step("approval", "demo_leader", "approve"),
            Step("issue", "demo_specialist", "issued"),
            Step("result_desk", "demo_result_desk", "shipped"),  # the fake delivers it
        ),
    ),
    DemoDossier(
        "demo-diploma-refused",
        "1.010020",
        "standard",
        {**DIPLOMA, "owner_name": "Vũ Thị Lan", "graduation_year": 1998},
        ("request_form", "identity_document"),
        steps=(Step("reception", "demo_reception", "refuse"),),
    ),
    DemoDossier(
        "demo-transfer-supplement",
        "2.002481",
        "within_province",
        SCHOOL_TRANSFER,
        ("application", "school_record", "birth_certificate", "sending_school_letter"),
        online=True,
        parent="Nguyễn Văn Hùng",
        steps=(Step("reception", "demo_reception", "supplement"),),
    ),
    DemoDossier(
        "demo-transfer-received",
        "2.002481",
        "within_province",
        {**SCHOOL_TRANSFER, "student_name": "Hoàng Gia Huy", "grade": "8"},
        ("application", "school_record", "birth_certificate", "sending_school_letter"),
        online=True,
        parent="Nguyễn Văn Hùng",
        steps=(ACCEPT,),
    ),
    DemoDossier(
        "demo-enrolment-approval",
        "LOP6.TUYENSINH",
        "standard",
        ENROLMENT,
        ("birth_certificate", "primary_record"),
        online=True,
        parent="Lê Thị Hoa",
        steps=(ACCEPT, Step("review", "demo_school_specialist", "propose")),
    ),
    DemoDossier(
        "demo-staff-transfer-intake",
        "CHUYENCONGTAC.VC",
        "standard",
        STAFF_TRANSFER,
        ("application", "cv", "qualifications"),
        steps=(ACCEPT, Step("release", "demo_sending_leader", "agree")),
    ),
]


# the fee owed (status 6): demo_citizen pays it from "Hồ sơ của tôi" on the fake gateway
DOSSIERS.append(
    DemoDossier(
        "demo-civil-extract-fee-owed",
        "2.000635",
        "standard",
        CIVIL_EXTRACT,
        ("request_form", "identity_document"),
        online=True,
        steps=APPROVED,
    )
)
# paid in cash at the counter: the payment moves it on to the issue, with the fee receipt
DOSSIERS.append(
    DemoDossier(
        "demo-civil-extract-paid-counter",
        "2.000635",
        "standard",
        {**CIVIL_EXTRACT, "requester_name": "Ngô Văn Phúc", "owner_name": "Ngô Minh Châu"},
        ("request_form", "identity_document"),
        steps=(*APPROVED, Step("wait_payment", "demo_reception", "paid_at_counter")),
    )
)
# will be late: the school apologises and sets a new date (Form 04, the applicant's view)
DOSSIERS.append(
    DemoDossier(
        "demo-transfer-late",
        "2.002481",
        "within_province",
        {**SCHOOL_TRANSFER, "student_name": "Trịnh Bảo Ngọc", "grade": "6"},
        ("application", "school_record", "birth_certificate", "sending_school_letter"),
        online=True,
        parent="Nguyễn Văn Hùng",
        steps=(ACCEPT, Step("review", "demo_school_specialist", "apologise")),
    )
)
# stopped by the sending unit with a reason (Form 05)
DOSSIERS.append(
    DemoDossier(
        "demo-staff-transfer-stopped",
        "CHUYENCONGTAC.VC",
        "standard",
        {**STAFF_TRANSFER, "employee_name": "Lương Thị Hạnh", "employee_id_number": "001190005566"},
        ("application", "cv", "qualifications"),
        steps=(ACCEPT, Step("release", "demo_sending_leader", "stop")),
    )
)


def demo_dossiers(*, receiving_agency: Agency) -> list[Dossier]:
    """Every demo dossier (made now, or as made by an earlier run)."""
    users = {user.username: user for user in get_user_model().objects.filter(is_active=True)}
    return [_dossier(item, receiving_agency, users) for item in DOSSIERS]


def _dossier(item: DemoDossier, receiving: Agency, users: dict[str, Any]) -> Dossier:
    version = ProcedureVersion.objects.published().get(
        procedure__code=item.procedure, agency__isnull=True
    )
    citizen = users["demo_citizen"]
    consent = None
    if item.parent:
        relationship = item.data.get("parent_relationship", "father")
        consent = ConsentGiven(item.parent, relationship, NOTICE_VERSION)
    submission = dossier_submit(
        version=version,
        case=version.cases.get(code=item.case),
        channel=Channel.ONLINE if item.online else Channel.IN_PERSON,
        data=dict(item.data),
        documents=[SubmittedDocument(code, f"{code}.pdf", PDF) for code in item.documents],
        receiving_agency=receiving,
        submission_key=item.key,
        applicant=citizen if item.online else None,
        by=None if item.online else users["demo_reception"],
        consent=consent,
        notify_channels=["email", "sms"],  # the fake SMS gateway's messages in the admin
    )
    if submission.created:
        for step in item.steps:
            try:
                _do(step, submission.dossier, users[step.who])
            except SigningNotPossible:  # no signers (the development CA is off): it waits
                break
    return submission.dossier


def _do(step: Step, dossier: Dossier, user: Any) -> None:
    if step.outcome == "paid_at_counter":  # no task to finish: the payment event moves it
        [fee] = DossierFee.objects.filter(dossier=dossier)
        fee_counter_payment_record(fee=fee, amount=fee.amount, receipt_number="0000001", by=user)
        return
    if step.outcome in DEADLINE_STEPS:  # a deadline service on the dossier
        DEADLINE_STEPS[step.outcome](Dossier.objects.get(pk=dossier.pk), user)
        return
    task_id = open_task(dossier, step.task)
    services: dict[str, Callable[[], Any]] = {
        "accept": lambda: dossier_accept(task_id=task_id, user=user),
        "refuse": lambda: dossier_refuse(
            task_id=task_id,
            user=user,
            reason="Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan.",
        ),
        "shipped": lambda: result_ship(
            task_id=task_id, by=user, weight_grams=150, cod_amount=0, payer="sender"
        ),
        "supplement": lambda: dossier_request_supplementation(
            task_id=task_id,
            user=user,
            items=[
                MissingItem(
                    "Giấy giới thiệu chuyển trường chưa có chữ ký của Hiệu trưởng",
                    document_code="sending_school_letter",
                )
            ],
        ),
    }
    sign = step_signing(Task.objects.get(pk=task_id))
    if sign is not None and step.outcome == sign.outcome:  # the result, signed at once
        services[step.outcome] = lambda: result_signing_run(
            task_id=task_id,
            document_id=result_signature_request(
                task_id=task_id, user=user, outcome=step.outcome
            ).pk,
        )
    if step.outcome in services:
        services[step.outcome]()
    else:
        task_complete(task_id=task_id, user=user, outcome=step.outcome)


def _apologise(dossier: Dossier, user: Any) -> None:
    """The apology with a new date five working days after the current one."""
    assert dossier.appointment_date is not None  # received
    calendar = calendar_for(dossier.receiving_agency)
    dossier_apologise(
        dossier=dossier,
        by=user,
        reason="Nhà trường cần xác minh học bạ với trường học sinh đang học.",
        new_appointment_date=add_working_days(dossier.appointment_date, 5, calendar),
    )


def _stop(dossier: Dossier, user: Any) -> None:
    dossier_stop(
        dossier=dossier,
        by=user,
        reason="Đơn vị chưa bố trí được người thay thế vị trí công tác của viên chức.",
    )


DEADLINE_STEPS: dict[str, Callable[[Dossier, Any], None]] = {
    "apologise": _apologise,
    "stop": _stop,
}


def open_task(dossier: Dossier, step: str) -> int:
    """The id of the dossier's open user task at ``step``."""
    tasks = Task.objects.filter(
        process=process_of(dossier),
        flow_task_type="HUMAN",
        status__in=[STATUS.NEW, STATUS.ASSIGNED],
    )
    for task in tasks:
        if task.flow_task.name == step:
            return int(task.pk)
    raise LookupError(f"dossier {dossier.pk} has no open task {step}")
