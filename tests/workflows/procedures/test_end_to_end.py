"""Each seed procedure end to end through the services a citizen and the officers use:
submitted, accepted (Form 01), reviewed, approved, issued, returned (status 10), with the
processing log holding every hand-over; one supplementation round trip; one refusal."""

from typing import Any

import pytest
from django.contrib.auth import get_user_model

from tests.workflows.signing_setup import dev_signing_settings, sign_result
from workflows.demo import (
    ACCOUNTS,
    DEPARTMENT,
    demo_accounts,
    demo_agencies,
    demo_procedures,
    demo_roles,
    demo_signers,
)
from workflows.demo_dossiers import (
    DIPLOMA,
    ENROLMENT,
    PDF,
    SCHOOL_TRANSFER,
    STAFF_TRANSFER,
    open_task,
)
from workflows.engine import task_complete
from workflows.models import Dossier, DossierDocument, ProcedureVersion, ProcessingLogEntry
from workflows.services.reception import (
    MissingItem,
    dossier_accept,
    dossier_refuse,
    dossier_request_supplementation,
)
from workflows.services.stop import dossier_stop
from workflows.services.submission import ConsentGiven, SubmittedDocument, dossier_submit
from workflows.services.supplementation import dossier_supplement

pytestmark = pytest.mark.django_db
Status = Dossier.Status

# procedure, case, data, documents, consenting parent, the steps after the reception
PATHS: dict[
    str, tuple[str, str, dict[str, Any], tuple[str, ...], str, list[tuple[str, str, str]]]
] = {
    "diploma_copy": (
        "1.010020",
        "standard",
        DIPLOMA,
        ("request_form", "identity_document"),
        "",
        [
            ("review", "demo_specialist", "propose"),
            ("approval", "demo_leader", "approve"),
            ("issue", "demo_specialist", "issued"),
        ],
    ),
    "diploma_copy_bulk": (
        "1.010020",
        "bulk",
        {**DIPLOMA, "copies": 30},
        ("request_form", "identity_document"),
        "",
        [
            ("bulk_review", "demo_specialist", "propose"),
            ("approval", "demo_leader", "send_back"),
            ("bulk_review", "demo_specialist", "propose"),
            ("approval", "demo_leader", "approve"),
            ("issue", "demo_specialist", "issued"),
        ],
    ),
    "school_transfer": (
        "2.002481",
        "within_province",
        SCHOOL_TRANSFER,
        ("application", "school_record", "birth_certificate", "sending_school_letter"),
        "Nguyễn Văn Hùng",
        [
            ("review", "demo_school_specialist", "propose"),
            ("approval", "demo_school_leader", "approve"),
            ("issue", "demo_school_specialist", "issued"),
        ],
    ),
    "school_transfer_other_province": (
        "2.002481",
        "other_province",
        {
            **SCHOOL_TRANSFER,
            "from_other_province": True,
            "sending_office": "Sở Giáo dục và Đào tạo tỉnh Khác",
            "education_office": DEPARTMENT,
        },
        (
            "application",
            "school_record",
            "birth_certificate",
            "sending_school_letter",
            "sending_office_letter",
        ),
        "Nguyễn Văn Hùng",
        [
            ("office_consent", "demo_leader", "agree"),
            ("review", "demo_school_specialist", "propose"),
            ("approval", "demo_school_leader", "approve"),
            ("issue", "demo_school_specialist", "issued"),
        ],
    ),
    "grade_6_enrolment": (
        "LOP6.TUYENSINH",
        "standard",
        ENROLMENT,
        ("birth_certificate", "primary_record"),
        "Lê Thị Hoa",
        [
            ("review", "demo_school_specialist", "propose"),
            ("approval", "demo_school_leader", "approve"),
            ("issue", "demo_school_specialist", "issued"),
        ],
    ),
    "staff_transfer": (
        "CHUYENCONGTAC.VC",
        "standard",
        STAFF_TRANSFER,
        ("application", "cv", "qualifications"),
        "",
        [
            ("release", "demo_sending_leader", "agree"),
            ("intake", "demo_receiving_leader", "agree"),
            ("review", "demo_specialist", "propose"),
            ("approval", "demo_leader", "approve"),
            ("issue", "demo_specialist", "issued"),
        ],
    ),
}


@pytest.fixture
def demo(settings, tmp_path) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The demo's agencies, officers and the four procedures published (no dossiers)."""
    agencies = demo_agencies()
    passwords = {username: "demo-pass" for username, *_ in ACCOUNTS}
    accounts = demo_accounts(agencies=agencies, roles=demo_roles(), passwords=passwords)
    dev_signing_settings(settings, tmp_path)
    demo_signers(agencies=agencies)
    demo_procedures()
    users = {u.username: u for u in get_user_model().objects.all()}
    assert {a.username for a in accounts} <= set(users)
    return {"agencies": agencies, "users": users}


def submit(demo: dict[str, Any], name: str, key: str = "") -> Dossier:
    code, case, data, documents, parent, _steps = PATHS[name]
    version = ProcedureVersion.objects.published().get(procedure__code=code)
    consent = (
        ConsentGiven(parent, data.get("parent_relationship", ""), "2026-01") if parent else None
    )
    submission = dossier_submit(
        version=version,
        case=version.cases.get(code=case),
        channel=Dossier.Channel.ONLINE,
        data=dict(data),
        documents=[SubmittedDocument(c, f"{c}.pdf", PDF) for c in documents],
        receiving_agency=demo["agencies"][DEPARTMENT],
        submission_key=key or f"e2e-{name}",
        applicant=demo["users"]["demo_citizen"],
        consent=consent,
    )
    assert submission.created
    return submission.dossier


def log_of(dossier: Dossier) -> list[tuple[str, str]]:
    rows = ProcessingLogEntry.objects.filter(dossier=dossier).order_by("at", "id")
    return [(row.action, row.step) for row in rows]


def statuses_of(dossier: Dossier) -> list[int]:
    rows = ProcessingLogEntry.objects.filter(dossier=dossier, to_status__isnull=False)
    return [row.to_status for row in rows.order_by("at", "id")]


@pytest.mark.parametrize("name", list(PATHS))
def test_a_seed_procedure_end_to_end(demo, name):
    users = demo["users"]
    dossier = submit(demo, name)
    assert dossier.status == Status.NEW and dossier.code
    dossier = dossier_accept(task_id=open_task(dossier, "reception"), user=users["demo_reception"])
    assert dossier.received_at is not None and dossier.appointment_date is not None
    assert DossierDocument.objects.filter(dossier=dossier, kind="receipt").exists()
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING  # the first step after the reception
    steps = PATHS[name][5]
    for step, who, outcome in steps:
        if (step, outcome) == ("approval", "approve"):  # the leader signs the result
            assert sign_result(dossier, users[who]).signature_state == "signed"
            continue
        task_complete(task_id=open_task(dossier, step), user=users[who], outcome=outcome)
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSED  # at the result desk
    task_complete(
        task_id=open_task(dossier, "result_desk"),
        user=users["demo_result_desk"],
        outcome="returned",
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.RESULT_RETURNED
    assert dossier.returned_at is not None and dossier.finished_at is not None
    handovers = [entry for entry in log_of(dossier) if entry[0].startswith("outcome:")]
    assert handovers == [
        ("outcome:accept", "reception"),
        *[(f"outcome:{outcome}", step) for step, _who, outcome in steps],
        ("outcome:returned", "result_desk"),
    ]
    assert statuses_of(dossier) == [1, 2, 4, 9, 10]
    for row in ProcessingLogEntry.objects.filter(dossier=dossier, action__startswith="outcome:"):
        assert row.actor is not None and row.budget_used is not None
        assert row.step == "result_desk" or row.due_at is not None  # each step's budget


def test_a_supplementation_round_trip(demo):
    users = demo["users"]
    dossier = submit(demo, "school_transfer")
    dossier = dossier_request_supplementation(
        task_id=open_task(dossier, "reception"),
        user=users["demo_reception"],
        items=[MissingItem("Học bạ bản chính", document_code="school_record")],
    )
    assert dossier.status == Status.SUPPLEMENTATION_REQUESTED
    dossier_supplement(
        dossier=dossier,
        by=users["demo_citizen"],
        documents=[SubmittedDocument("school_record", "hoc-ba.pdf", PDF)],
    )
    dossier = dossier_accept(task_id=open_task(dossier, "reception"), user=users["demo_reception"])
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING
    assert ("outcome:supplement", "reception") in log_of(dossier)
    assert statuses_of(dossier)[:2] == [1, 5]


def test_a_refusal(demo):
    dossier = submit(demo, "staff_transfer")
    dossier = dossier_refuse(
        task_id=open_task(dossier, "reception"),
        user=demo["users"]["demo_reception"],
        reason="Hồ sơ không thuộc thẩm quyền.",
    )
    assert dossier.status == Status.NOT_ACCEPTED
    assert DossierDocument.objects.filter(dossier=dossier, kind="refusal").exists()
    assert ("finished", "refused") in log_of(dossier)


def test_the_sending_unit_can_stop_a_staff_transfer(demo):
    users = demo["users"]
    dossier = submit(demo, "staff_transfer")
    dossier_accept(task_id=open_task(dossier, "reception"), user=users["demo_reception"])
    dossier = dossier_stop(
        dossier=dossier, by=users["demo_sending_leader"], reason="Đơn vị không đồng ý cho chuyển."
    )
    assert dossier.status == Status.STOPPED
    assert DossierDocument.objects.filter(dossier=dossier, kind="stop").exists()
