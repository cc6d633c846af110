import pytest
from django.urls import reverse

from core.audit.models import AccessLogEntry
from tests.workflows.factories import (
    DossierAttachmentFactory,
    DossierFactory,
    ProcedureCaseFactory,
    ProcedureVersionFactory,
    ProcedureVersionTemplateFactory,
    PublishedCaseFactory,
)
from workflows.models import ProcedureVersion
from workflows.services.processing_log import dossier_log

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.workflows.urls")]

OWNER = "Phạm Minh Châu"
ID_NUMBER = "079090001234"


def _change(obj) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"admin:workflows_{obj._meta.model_name}_change", args=[obj.pk])


def test_a_draft_version_is_editable(admin_client):
    case = ProcedureCaseFactory()
    page = admin_client.get(_change(case.version)).content.decode()
    assert 'name="definition"' in page
    assert 'name="cases-0-fee_amount"' in page


def test_a_published_version_is_read_only(admin_client):
    version = PublishedCaseFactory(fee_amount=30_000).version
    response = admin_client.get(_change(version))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="definition"' not in page
    assert 'name="cases-0-fee_amount"' not in page
    assert "30000" in page or "30,000" in page or "30.000" in page

    response = admin_client.post(_change(version), {"note": "changed", "retention_years": 1})
    assert response.status_code == 403
    version.refresh_from_db()
    assert (version.note, version.retention_years) == ("", 10)
    delete = reverse("admin:workflows_procedureversion_delete", args=[version.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert ProcedureVersion.objects.filter(pk=version.pk).exists()


def test_publishing_from_the_admin_goes_through_the_service(admin_client):
    old = PublishedCaseFactory().version
    draft = ProcedureVersionFactory(procedure=old.procedure, number=old.number + 1)
    ProcedureCaseFactory(version=draft)
    changelist = reverse("admin:workflows_procedureversion_changelist")
    admin_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    old.refresh_from_db()
    assert draft.status == ProcedureVersion.Status.PUBLISHED
    assert old.status == ProcedureVersion.Status.RETIRED
    assert draft.published_by is not None


@pytest.fixture
def dossier():
    dossier = DossierFactory(
        personal={"owner": {"full_name": OWNER, "id_number": ID_NUMBER, "phone": "0912000111"}},
        code="000.00.20.H98-260601-0007",
    )
    dossier_log(dossier=dossier, actor=None, action="submitted", comment="Nộp trực tuyến")
    DossierAttachmentFactory(dossier=dossier)
    return dossier


def test_the_dossier_list_shows_no_personal_data(admin_client, dossier):
    page = admin_client.get(reverse("admin:workflows_dossier_changelist")).content.decode()
    assert dossier.code in page
    for secret in (OWNER, ID_NUMBER, "0912000111"):
        assert secret not in page


def test_dossiers_are_searched_by_code_only(admin_client, dossier):
    changelist = reverse("admin:workflows_dossier_changelist")
    by_code = admin_client.get(changelist, {"q": dossier.code}).content.decode()
    assert _change(dossier) in by_code
    for term in (OWNER, ID_NUMBER, "Phạm"):
        page = admin_client.get(changelist, {"q": term}).content.decode()
        assert _change(dossier) not in page


def test_the_dossier_page_shows_personal_data_and_is_logged(admin_client, dossier):
    response = admin_client.get(_change(dossier))
    page = response.content.decode()
    assert response.status_code == 200
    assert OWNER in page and ID_NUMBER in page
    assert "Nộp trực tuyến" in page  # the processing log, read-only inline
    assert reverse("workflows:attachment-download", args=[dossier.attachments.get().pk]) in page
    assert 'name="log_entries-0-comment"' not in page
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.VIEW)
    assert (entry.object_type, entry.object_id) == ("workflows.dossier", str(dossier.pk))


def test_dossiers_cannot_be_changed_or_deleted_in_the_admin(admin_client, dossier):
    response = admin_client.post(_change(dossier), {"status": 9})
    assert response.status_code == 403
    dossier.refresh_from_db()
    assert dossier.status == 1
    delete = reverse("admin:workflows_dossier_delete", args=[dossier.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403


@pytest.mark.parametrize(
    "model", ["agency", "role", "membership", "procedure", "procedureversion", "dossier"]
)
def test_every_list_page_renders(admin_client, dossier, model):
    assert admin_client.get(reverse(f"admin:workflows_{model}_changelist")).status_code == 200


def test_agency_and_procedure_pages_render(admin_client, dossier):
    agency = dossier.receiving_agency
    assert admin_client.get(_change(agency)).status_code == 200
    assert admin_client.get(_change(dossier.version.procedure)).status_code == 200
    assert admin_client.get(reverse("admin:workflows_agency_add")).status_code == 200


def test_a_template_revision_lists_the_versions_using_it(admin_client):
    link = ProcedureVersionTemplateFactory()
    url = reverse("admin:signing_documenttemplate_change", args=[link.template.pk])
    page = admin_client.get(url).content.decode()
    assert str(link.version) in page
