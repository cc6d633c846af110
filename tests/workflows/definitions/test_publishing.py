"""Publishing refuses an invalid definition, listing its errors, each naming its node."""

import pytest

from tests.workflows.factories import ProcedureCaseFactory, ProcedureFactory
from workflows.definitions import DefinitionInvalid
from workflows.definitions.publishing import definition_publish_check
from workflows.models import ProcedureVersion
from workflows.services.procedure_versions import (
    procedure_version_new_draft,
    procedure_version_publish,
    publish_checks,
)

from .conftest import SMALL

pytestmark = pytest.mark.django_db


@pytest.fixture
def checked():
    """The definition check in the publish checks (registered once it is wired in)."""
    added = "definition" not in publish_checks
    if added:
        publish_checks.add("definition", definition_publish_check)
    yield
    if added:
        publish_checks.remove("definition")


def _draft(definition):
    draft = procedure_version_new_draft(procedure=ProcedureFactory(), scope=None)
    draft.definition = definition
    draft.save()
    ProcedureCaseFactory(version=draft)
    return draft


def test_an_invalid_definition_is_not_published(checked):
    broken = {**SMALL, "nodes": [*SMALL["nodes"][:3], {**SMALL["nodes"][1], "id": "orphan"}]}
    broken["nodes"][1] = {**broken["nodes"][1], "role": "astrologer"}
    draft = _draft(broken)
    with pytest.raises(DefinitionInvalid) as caught:
        procedure_version_publish(version=draft, by=None)
    assert [(e.code, e.node) for e in caught.value.errors] == [
        ("unknown_target", "reception"),
        ("unknown_target", "orphan"),
        ("unknown_role", "reception"),
        ("unreachable", "orphan"),
    ]
    draft.refresh_from_db()
    assert draft.status == ProcedureVersion.Status.DRAFT


def test_a_definition_that_is_not_even_a_workflow_is_refused(checked):
    with pytest.raises(DefinitionInvalid) as caught:
        procedure_version_publish(version=_draft({"steps": ["reception"]}), by=None)
    assert [e.code for e in caught.value.errors] == [
        "definition_required",
        "definition_unknown_field",
    ]


def test_a_valid_definition_is_published(checked):
    draft = _draft(SMALL)
    definition_publish_check(draft)
    procedure_version_publish(version=draft, by=None)
    assert draft.status == ProcedureVersion.Status.PUBLISHED
