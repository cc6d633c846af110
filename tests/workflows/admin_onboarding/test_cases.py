"""A draft's cases in the admin: the required documents written as YAML, their problems shown
next to the field; the page shows stored documents as YAML again."""

import pytest
from django.urls import reverse

from tests.workflows.admin_onboarding.browser import page_form, problems, submit
from tests.workflows.factories import ProcedureCaseFactory
from workflows.models import ProcedureCase

pytestmark = pytest.mark.django_db


@pytest.fixture
def case() -> ProcedureCase:
    return ProcedureCaseFactory(
        required_documents=[{"code": "request", "name": "Đơn", "originals": 1, "required": True}]
    )


def _change(case: ProcedureCase) -> str:
    return reverse("admin:workflows_procedureversion_change", args=[case.version.pk])


def test_documents_are_shown_and_saved_as_yaml(admin_client, case):
    data = page_form(admin_client.get(_change(case)), "procedureversion_form").data()
    assert data["cases-0-required_documents"] == (
        "- {code: request, name: Đơn, originals: 1, required: true}\n"
    )
    text = (
        data["cases-0-required_documents"] + "- {code: photo, name: 'Ảnh 3x4: 2 tấm', copies: 2}\n"
    )
    response = submit(
        admin_client,
        _change(case),
        "procedureversion_form",
        **{"cases-0-required_documents": text, "_continue": "1"},
    )
    assert response.status_code == 302, problems(response)
    case.refresh_from_db()
    assert case.required_documents[1] == {"code": "photo", "name": "Ảnh 3x4: 2 tấm", "copies": 2}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- {code: a, name: A}\n- {code: a, name: B}\n", "Document codes must be unique."),
        ("- {code: a}\n", "&#x27;name&#x27; is a required property"),
        ("- {code: a, name: [\n", "Line 2, column 1: not YAML or JSON"),
        ("code: a\n", "A list of documents, one item per document."),
    ],
)
def test_bad_documents_are_refused_next_to_the_field(admin_client, case, text, message):
    response = submit(
        admin_client,
        _change(case),
        "procedureversion_form",
        **{"cases-0-required_documents": text, "_continue": "1"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    case.refresh_from_db()
    assert len(case.required_documents) == 1
