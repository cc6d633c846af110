"""The publish hook and the version admin's form refuse an invalid form schema."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.workflows.factories import ProcedureCaseFactory, ProcedureFactory, minimal_definition
from workflows.admin.definition_form import ProcedureVersionForm
from workflows.models import ProcedureVersion
from workflows.services.procedure_versions import (
    procedure_version_new_draft,
    procedure_version_publish,
)

pytestmark = pytest.mark.django_db

BAD = {
    "format": "motcua/form@1",
    "fields": [
        {"id": "name", "type": "text", "label": "x", "colour": "red"},
        {"id": "n", "type": "integer", "label": "x", "options": []},
    ],
}


def _draft(form_schema: dict[str, Any]) -> ProcedureVersion:
    draft = procedure_version_new_draft(procedure=ProcedureFactory(), scope=None)
    draft.definition = minimal_definition()
    draft.form_schema = form_schema
    draft.save()
    ProcedureCaseFactory(version=draft)
    return draft


def test_publishing_refuses_an_invalid_form_schema_listing_every_problem() -> None:
    draft = _draft(BAD)
    with pytest.raises(ValidationError) as caught:
        procedure_version_publish(version=draft, by=None)
    assert caught.value.messages == [
        "name: unknown key colour",
        "n: options is not allowed on fields of type integer",
    ]
    draft.refresh_from_db()
    assert draft.status == ProcedureVersion.Status.DRAFT


def test_publishing_accepts_a_valid_form_schema(example: dict[str, Any]) -> None:
    published = procedure_version_publish(version=_draft(example), by=None)
    assert published.status == ProcedureVersion.Status.PUBLISHED


def test_the_admin_form_shows_the_form_schema_errors() -> None:
    draft = _draft({})
    form = ProcedureVersionForm(
        data={"note": "", "definition": "", "form_schema": '{"fields": []}', "retention_years": 5},
        instance=draft,
    )
    assert not form.is_valid()
    assert form.errors["form_schema"] == [
        "form: format must be motcua/form@1",
        "fields: fields must be a non-empty list",
    ]
