"""Installing a procedure package from the procedure list: uploaded or pasted, published or as
a draft, every problem of a bad package listed with nothing saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.workflows.admin_onboarding.browser import page_form
from workflows.models import Procedure, ProcedureVersion
from workflows.procedures import seed_packages

pytestmark = pytest.mark.django_db
INSTALL = "/admin/workflows/procedure/install/"


def _seed(name: str) -> bytes:
    return next(p for p in seed_packages() if p.name.startswith(name)).read_bytes()


def test_the_install_url(admin_client):
    assert reverse("admin:workflows_procedure_install") == INSTALL


def test_an_uploaded_package_is_installed_and_published(admin_client):
    form = page_form(admin_client.get(INSTALL))
    upload = SimpleUploadedFile("diploma.yaml", _seed("1-"), content_type="application/yaml")
    response = admin_client.post(INSTALL, form.data(file=upload))
    version = ProcedureVersion.objects.get(procedure__code="1.010020")
    assert response.status_code == 302
    assert response.url == reverse("admin:workflows_procedureversion_change", args=[version.pk])
    assert version.status == ProcedureVersion.Status.PUBLISHED
    assert version.cases.count() == 2 and version.document_templates.exists()

    again = SimpleUploadedFile("diploma.yaml", _seed("1-"), content_type="application/yaml")
    response = admin_client.post(INSTALL, form.data(file=again), follow=True)
    assert "Nothing changed" in response.content.decode()
    assert ProcedureVersion.objects.filter(procedure__code="1.010020").count() == 1


def test_a_pasted_package_may_be_installed_as_a_draft(admin_client):
    form = page_form(admin_client.get(INSTALL))
    data = form.data(text=_seed("4-").decode(), publish=None)  # the box unticked
    assert admin_client.post(INSTALL, data).status_code == 302
    version = ProcedureVersion.objects.get(procedure__code="CHUYENCONGTAC.VC")
    assert version.is_draft


def test_a_bad_package_lists_its_problems_and_saves_nothing(admin_client):
    form = page_form(admin_client.get(INSTALL))
    text = _seed("1-").decode().replace("unit: working_days", "unit: fortnights", 1)
    response = admin_client.post(INSTALL, form.data(text=text))
    page = response.content.decode()
    assert response.status_code == 200
    assert "The package was not installed: 1 problem." in page
    assert "deadline.unit: &#x27;fortnights&#x27; is not one of" in page
    text = _seed("1-").decode().replace("type: radio", "type: wheel", 1)
    page = admin_client.post(INSTALL, form.data(text=text)).content.decode()
    assert "The package was not installed" in page and "form: applicant_kind: " in page
    assert "type: wheel" in page  # what the user typed is kept
    assert not Procedure.objects.filter(code="1.010020").exists()


def test_an_empty_form_or_a_binary_file_is_refused(admin_client):
    form = page_form(admin_client.get(INSTALL))
    response = admin_client.post(INSTALL, form.data())
    assert "Choose a package file or paste its text." in response.content.decode()
    binary = SimpleUploadedFile("x.yaml", b"\xff\xfe\x00", content_type="application/yaml")
    response = admin_client.post(INSTALL, form.data(file=binary))
    assert "The file is not UTF-8 text." in response.content.decode()
