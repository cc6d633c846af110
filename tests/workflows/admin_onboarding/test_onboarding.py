"""Done means (issue 5, admins): an administrator onboards a NEW procedure end to end through
the admin pages, every POST sent as a browser sends it with its CSRF token: an agency and its
officers with their roles, the procedure, a draft version, its workflow and form, a case with
its documents, fee and deadline, the document templates (a new revision of Form 01), publish;
then a citizen applies to it (through the service, and through the apply page) and the
reception accepts it, Form 01 made from that revision."""

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from signing.defaults import FORM_01_RECEIPT
from signing.models import DocumentTemplate
from tests.workflows.admin_onboarding.browser import page_form, problems, submit, with_row
from tests.workflows.admin_onboarding.conftest import DOCUMENTS, FORM, WORKFLOW
from tests.workflows.factories import PDF_BYTES
from workflows.demo_dossiers import PDF, open_task
from workflows.engine import task_complete
from workflows.models import (
    Agency,
    Dossier,
    DossierDocument,
    Procedure,
    ProcedureVersion,
    ProcessingLogEntry,
    Role,
)
from workflows.services.reception import dossier_accept
from workflows.services.submission import SubmittedDocument, dossier_submit

pytestmark = pytest.mark.django_db

AGENCY = "000.00.31.H98"


def _admin(model: str, action: str, *args: Any) -> str:
    return reverse(f"admin:{model}_{action}", args=args)


def _agency(client: Client) -> Agency:
    response = submit(
        client,
        _admin("workflows_agency", "add"),
        "agency_form",
        code=AGENCY,
        name="Phòng Văn hóa - Xã hội thử nghiệm",
        kind=Agency.Kind.OFFICE,
        _save="1",
    )
    assert response.status_code == 302, problems(response)
    return Agency.objects.get(code=AGENCY)


def _officer(client: Client, username: str, role: str, agency: Agency) -> Any:
    response = submit(
        client,
        _admin("auth_user", "add"),
        "user_form",
        username=username,
        password1="a-long-officer-pass-2026",
        password2="a-long-officer-pass-2026",
        _continue="1",
    )
    assert response.status_code == 302, problems(response)
    user = get_user_model().objects.get(username=username)
    change = _admin("auth_user", "change", user.pk)
    form = page_form(client.get(change), "user_form")
    data = with_row(
        form.data(_save="1"),
        "agency_memberships",
        {"role": str(Role.objects.get(code=role).pk), "agency": str(agency.pk)},
    )
    response = client.post(change, data)
    assert response.status_code == 302, problems(response)
    assert user.agency_memberships.filter(role__code=role, agency=agency, active=True).exists()
    return user


def _procedure(client: Client) -> Procedure:
    response = submit(
        client,
        _admin("workflows_procedure", "add"),
        "procedure_form",
        code="9.999001",
        name="Xác nhận thông tin thử nghiệm",
        field="Văn hóa",
        online_level=Procedure.OnlineLevel.FULL_ONLINE,
        legal_basis="Quyết định thử nghiệm số 1/2026",
        deciding_authority="Trưởng phòng",
        _continue="1",
    )
    assert response.status_code == 302, problems(response)
    return Procedure.objects.get(code="9.999001")


def _draft(client: Client, procedure: Procedure) -> ProcedureVersion:
    new_draft = _admin("workflows_procedure", "new_draft", procedure.pk)
    form = page_form(
        client.get(_admin("workflows_procedure", "change", procedure.pk)), None, new_draft
    )
    response = client.post(new_draft, form.data())
    draft = procedure.versions.get()
    assert response.status_code == 302
    assert response.url == _admin("workflows_procedureversion", "change", draft.pk)
    assert draft.is_draft and draft.number == 1
    return draft


def _receipt_revision(client: Client) -> DocumentTemplate:
    first = DocumentTemplate.objects.get(code=FORM_01_RECEIPT, revision=1)
    change = _admin("signing_documenttemplate", "change", first.pk)
    body = page_form(client.get(change), "documenttemplate_form").data()["body"]
    response = submit(
        client,
        change,
        "documenttemplate_form",
        body=body.replace("</body>", "<p>Phòng Văn hóa - Xã hội thử nghiệm</p></body>"),
        _save="1",
    )
    assert response.status_code == 302, problems(response)
    return DocumentTemplate.objects.get(code=FORM_01_RECEIPT, revision=2)


def _write_version(client: Client, draft: ProcedureVersion, templates: list[Any]) -> None:
    change = _admin("workflows_procedureversion", "change", draft.pk)
    data = page_form(client.get(change), "procedureversion_form").data(
        definition=WORKFLOW, form_schema=FORM, note="Phiên bản đầu tiên", _continue="1"
    )
    data = with_row(
        data,
        "cases",
        {
            "code": "standard",
            "name": "Xác nhận thông tin",
            "required_documents": DOCUMENTS,
            "fee_amount": "20000",
            "fee_name": "Lệ phí xác nhận",
            "deadline_amount": "3",
            "deadline_unit": "working_days",
        },
    )
    for template in templates:
        data = with_row(data, "template_links", {"template": str(template.pk)})
    response = client.post(change, data)
    assert response.status_code == 302, problems(response)


def _publish(client: Client, draft: ProcedureVersion) -> None:
    response = submit(client, _admin("workflows_procedureversion", "publish", draft.pk))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == ProcedureVersion.Status.PUBLISHED, problems(client.get(response.url))


def test_an_admin_onboards_a_new_procedure_and_a_citizen_applies(admin_browser):
    client = admin_browser
    agency = _agency(client)
    reception = _officer(client, "tiepnhan_vhxh", "reception", agency)
    leader = _officer(client, "truongphong_vhxh", "leader", agency)
    procedure = _procedure(client)
    draft = _draft(client, procedure)
    receipt = _receipt_revision(client)
    others = DocumentTemplate.objects.exclude(code=FORM_01_RECEIPT).filter(revision=1)
    _write_version(client, draft, [receipt, *others])

    draft.refresh_from_db()
    assert draft.definition["nodes"][1]["id"] == "reception"
    assert [f["id"] for f in draft.form_schema["fields"]] == ["owner_name", "purpose"]
    case = draft.cases.get()
    assert (case.fee_amount, case.deadline_amount, case.deadline_unit) == (20000, 3, "working_days")
    assert case.document_codes() == {"request", "identity"}
    assert set(draft.document_templates.all()) == {receipt, *others}
    _publish(client, draft)

    citizen = get_user_model().objects.create_user("citizen_onboarding", password="x-pass-2026")
    submission = dossier_submit(
        version=draft,
        case=case,
        channel=Dossier.Channel.ONLINE,
        data={"owner_name": "Trần Thị Mai", "purpose": "study"},
        documents=[SubmittedDocument("request", "don.pdf", PDF)],
        receiving_agency=agency,
        submission_key="onboarding-1",
        applicant=citizen,
    )
    dossier = submission.dossier
    assert submission.created and dossier.status == Dossier.Status.NEW

    dossier = dossier_accept(task_id=open_task(dossier, "reception"), user=reception)
    assert dossier.received_at is not None and dossier.appointment_date is not None
    form_01 = DossierDocument.objects.get(dossier=dossier, kind="receipt")
    assert form_01.template == receipt  # the revision linked in the admin
    task_complete(task_id=open_task(dossier, "approval"), user=leader, outcome="approve")
    log = ProcessingLogEntry.objects.filter(dossier=dossier).values_list("action", "step")
    assert ("outcome:accept", "reception") in log and ("outcome:approve", "approval") in log


def _apply_on_the_page(version: ProcedureVersion, agency: Agency) -> Dossier:
    """A citizen fills the new version's form on /apply/<version>/<case>/ (CSRF checked)."""
    citizen = get_user_model().objects.create_user("citizen_page", password="x-pass-2026")
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    url = f"/apply/{version.pk}/standard/"
    form = page_form(client.get(url), None, url)
    data = form.data(
        owner_name="Lê Văn Nam",
        purpose="work",
        _submit="1",
        **{"_doc.request": SimpleUploadedFile("don.pdf", PDF_BYTES)},
    )
    response = client.post(url, data)
    assert response.status_code == 302, problems(response)
    dossier = Dossier.objects.get(applicant=citizen)
    assert response["Location"] == f"/apply/submitted/{dossier.code}/"
    assert (dossier.version, dossier.receiving_agency) == (version, agency)
    assert list(dossier.attachments.values_list("document_code", flat=True)) == ["request"]
    return dossier


def test_a_citizen_applies_on_the_page_to_the_onboarded_procedure(admin_browser):
    client = admin_browser
    agency = _agency(client)
    reception = _officer(client, "tiepnhan_trang", "reception", agency)
    procedure = _procedure(client)
    draft = _draft(client, procedure)
    _write_version(client, draft, [])
    _publish(client, draft)
    page = Client().get(f"/apply/{draft.pk}/standard/")
    assert page.status_code == 302  # sign-in first

    dossier = _apply_on_the_page(draft, agency)
    dossier = dossier_accept(task_id=open_task(dossier, "reception"), user=reception)
    assert dossier.received_at is not None
    form_01 = DossierDocument.objects.get(dossier=dossier, kind="receipt")
    assert (form_01.template.code, form_01.template.revision) == (FORM_01_RECEIPT, 1)  # none linked
