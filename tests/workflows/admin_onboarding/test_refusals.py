"""What the admin pages refuse: a published version's cases and templates, publishing a draft
whose form, definition or cases fail the checks, and every page to those who may not."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from tests.workflows.admin_definitions.conftest import VALID_YAML
from tests.workflows.admin_onboarding.browser import page_form, problems, submit
from tests.workflows.factories import (
    DocumentTemplateFactory,
    ProcedureCaseFactory,
    ProcedureFactory,
    ProcedureVersionFactory,
    PublishedCaseFactory,
    UserFactory,
)
from workflows.definitions import dump, loads
from workflows.models import ProcedureVersion

pytestmark = pytest.mark.django_db
Status = ProcedureVersion.Status


def _change(version: ProcedureVersion) -> str:
    return reverse("admin:workflows_procedureversion_change", args=[version.pk])


def _publish(version: ProcedureVersion) -> str:
    return reverse("admin:workflows_procedureversion_publish", args=[version.pk])


@pytest.fixture
def draft() -> ProcedureVersion:
    version = ProcedureVersionFactory(definition=dump(loads(VALID_YAML)))
    ProcedureCaseFactory(version=version)
    return version


def test_a_published_versions_cases_and_templates_cannot_be_edited(admin_client):
    case = PublishedCaseFactory(fee_amount=30_000)
    version = case.version
    page = admin_client.get(_change(version)).content.decode()
    for name in ("cases-0-fee_amount", "cases-0-code", "template_links-0-template"):
        assert f'name="{name}"' not in page
    data = {
        "cases-TOTAL_FORMS": "1",
        "cases-INITIAL_FORMS": "1",
        "cases-0-id": str(case.pk),
        "cases-0-version": str(version.pk),
        "cases-0-code": case.code,
        "cases-0-name": case.name,
        "cases-0-fee_amount": "1",
        "cases-0-deadline_amount": "1",
        "cases-0-deadline_unit": "working_days",
        "cases-0-required_documents": "[]",
    }
    assert admin_client.post(_change(version), data).status_code == 403
    case.refresh_from_db()
    assert case.fee_amount == 30_000


def test_a_published_version_offers_a_new_draft_that_copies_it(admin_client):
    case = PublishedCaseFactory(fee_amount=30_000)
    version = case.version
    new_draft = reverse("admin:workflows_procedureversion_new_draft", args=[version.pk])
    page = admin_client.get(_change(version))
    response = admin_client.post(new_draft, page_form(page, action=new_draft).data())
    copy = ProcedureVersion.objects.exclude(pk=version.pk).get(procedure=version.procedure)
    assert response.status_code == 302 and response.url == _change(copy)
    assert copy.is_draft and copy.number == version.number + 1
    assert copy.cases.get().fee_amount == 30_000
    assert admin_client.get(new_draft).status_code == 405  # a GET changes nothing


def test_templates_cannot_be_linked_to_a_published_version_by_post(admin_client):
    version = PublishedCaseFactory().version
    template = DocumentTemplateFactory()
    data = {
        "template_links-TOTAL_FORMS": "1",
        "template_links-INITIAL_FORMS": "0",
        "template_links-0-template": str(template.pk),
    }
    assert admin_client.post(_change(version), data).status_code == 403
    assert not version.document_templates.exists()


def test_a_draft_with_a_bad_form_schema_is_not_saved_and_says_where(admin_client, draft):
    bad = "format: motcua/form@1\nfields:\n- id: a\n  type: text\n  label: A\n  options: []\n"
    response = submit(
        admin_client, _change(draft), "procedureversion_form", form_schema=bad, _continue="1"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Line 3: a: options is not allowed on fields of type text" in page
    draft.refresh_from_db()
    assert draft.form_schema == {}

    broken = "format: motcua/form@1\nfields: [\n"
    response = submit(
        admin_client, _change(draft), "procedureversion_form", form_schema=broken, _continue="1"
    )
    assert "Line 3, column 1: not YAML or JSON" in response.content.decode()


def test_a_stored_bad_form_schema_or_definition_is_refused_at_publishing(admin_client, draft):
    ProcedureVersion.objects.filter(pk=draft.pk).update(
        form_schema={"format": "motcua/form@1", "fields": []}
    )
    response = admin_client.post(_publish(draft), follow=True)
    assert "fields must be a non-empty list" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT

    text = VALID_YAML.replace("role: reception", "role: astronaut")
    ProcedureVersion.objects.filter(pk=draft.pk).update(
        form_schema={}, definition=dump(loads(text))
    )
    response = admin_client.post(_publish(draft), follow=True)
    assert "astronaut" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_draft_without_cases_is_refused_at_publishing(admin_client):
    version = ProcedureVersionFactory(definition=dump(loads(VALID_YAML)))
    response = admin_client.post(_publish(version), follow=True)
    assert "at least one case" in response.content.decode()
    version.refresh_from_db()
    assert version.status == Status.DRAFT


def test_the_form_schema_is_edited_as_yaml_and_json_is_accepted(admin_client, draft):
    schema = '{"format": "motcua/form@1", "fields": [{"id": "a", "type": "text", "label": "Á"}]}'
    response = submit(
        admin_client, _change(draft), "procedureversion_form", form_schema=schema, _continue="1"
    )
    assert response.status_code == 302, problems(response)
    draft.refresh_from_db()
    assert draft.form_schema["fields"][0]["label"] == "Á"
    shown = page_form(admin_client.get(_change(draft)), "procedureversion_form").data()
    assert shown["form_schema"].startswith("format: motcua/form@1\nfields:\n- id: a\n")


def _staff(*codenames: str, staff: bool = True) -> Client:
    user = UserFactory(is_staff=staff)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client = Client()
    client.force_login(user)
    return client


def test_pages_refuse_those_who_may_not(draft):
    procedure = draft.procedure
    install = reverse("admin:workflows_procedure_install")
    new_draft = reverse("admin:workflows_procedure_new_draft", args=[procedure.pk])
    version_draft = reverse("admin:workflows_procedureversion_new_draft", args=[draft.pk])
    publish = _publish(draft)
    anonymous = Client()
    citizen = _staff(staff=False)
    for client in (anonymous, citizen):
        for url in (install, new_draft, publish, _change(draft), reverse("admin:index")):
            response = client.get(url)
            assert response.status_code == 302 and "/admin/login/" in response.url, url
        assert client.post(new_draft).status_code == 302
    viewer = _staff("view_procedure", "view_procedureversion")
    assert viewer.get(install).status_code == 403
    assert viewer.post(new_draft).status_code == 403
    assert viewer.post(version_draft).status_code == 403
    assert viewer.post(publish).status_code == 403
    editor = _staff("change_procedureversion", "add_procedureversion", "view_procedure")
    assert editor.post(publish).status_code == 403  # publishing is a permission of its own
    assert editor.get(install).status_code == 403  # installing also creates procedures
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert ProcedureVersion.objects.filter(procedure=procedure).count() == 1


def test_the_admin_index_links_to_the_workspace_and_the_site(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert 'href="/workspace/"' in page and 'href="/"' in page
    procedures = reverse("admin:workflows_procedure_changelist")
    assert (
        reverse("admin:workflows_procedure_install")
        in admin_client.get(procedures).content.decode()
    )
    procedure = ProcedureFactory()
    change = reverse("admin:workflows_procedure_change", args=[procedure.pk])
    new_draft = reverse("admin:workflows_procedure_new_draft", args=[procedure.pk])
    assert f'action="{new_draft}"' in admin_client.get(change).content.decode()
