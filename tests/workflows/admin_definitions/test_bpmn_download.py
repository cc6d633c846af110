import pytest
from django.urls import reverse

from tests.workflows.admin_definitions.conftest import VALID_YAML, change_url
from tests.workflows.factories import ProcedureVersionFactory
from workflows.bpmn import definition_from_bpmn
from workflows.definitions import dump, loads

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.workflows.urls")]


def bpmn_url(version):  # type: ignore[no-untyped-def]
    return reverse("admin:workflows_procedureversion_bpmn", args=[version.pk])


def test_the_bpmn_download_imports_back_to_the_same_definition(admin_client):
    version = ProcedureVersionFactory(definition=dump(loads(VALID_YAML)))
    assert bpmn_url(version) in admin_client.get(change_url(version)).content.decode()
    response = admin_client.get(bpmn_url(version))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    filename = f"{version.procedure.code}-v{version.number}.bpmn"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert dump(definition_from_bpmn(response.content)) == dump(loads(VALID_YAML))


def test_a_definition_that_does_not_load_is_not_exported(admin_client):
    version = ProcedureVersionFactory(definition={"steps": []})
    response = admin_client.get(bpmn_url(version), follow=True)
    assert response.redirect_chain[-1][0] == change_url(version)
    assert any("cannot be exported" in str(m) for m in response.context["messages"])


def test_downloading_needs_the_change_permission(staff_client):
    version = ProcedureVersionFactory(definition=dump(loads(VALID_YAML)))
    assert staff_client("view_procedureversion").get(bpmn_url(version)).status_code == 403
