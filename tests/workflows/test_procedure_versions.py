import pytest
from django.core.exceptions import ValidationError

from tests.workflows.factories import (
    AgencyFactory,
    DocumentTemplateFactory,
    DossierFactory,
    ProcedureCaseFactory,
    ProcedureFactory,
    ProcedureVersionFactory,
    PublishedCaseFactory,
    UserFactory,
    minimal_definition,
)
from workflows.errors import ProcedureVersionLocked, ProcedureVersionStateError
from workflows.models import Dossier, ProcedureVersion
from workflows.selectors.procedures import procedure_version_current
from workflows.services.procedure_versions import (
    procedure_version_new_draft,
    procedure_version_publish,
    procedure_version_retire,
)

pytestmark = pytest.mark.django_db
Status = ProcedureVersion.Status


def _draft_with_case(procedure=None, scope=None):
    procedure = procedure or ProcedureFactory()
    draft = procedure_version_new_draft(procedure=procedure, scope=scope)
    draft.definition = minimal_definition()
    draft.save()
    ProcedureCaseFactory(version=draft)
    return draft


def test_drafts_are_numbered_per_procedure_and_scope():
    procedure = ProcedureFactory()
    school = AgencyFactory()
    numbers = [
        procedure_version_new_draft(procedure=procedure, scope=None).number,
        procedure_version_new_draft(procedure=procedure, scope=None).number,
        procedure_version_new_draft(procedure=procedure, scope=school).number,
        procedure_version_new_draft(procedure=ProcedureFactory(), scope=None).number,
    ]
    assert numbers == [1, 2, 1, 1]


def test_publish_records_who_and_when_and_retires_the_previous_one():
    user = UserFactory()
    first = _draft_with_case()
    procedure_version_publish(version=first, by=user)
    assert first.status == Status.PUBLISHED
    assert first.published_by == user
    assert first.published_at is not None

    second = procedure_version_new_draft(procedure=first.procedure, scope=None, from_version=first)
    procedure_version_publish(version=second, by=user)
    first.refresh_from_db()
    assert (first.status, second.status) == (Status.RETIRED, Status.PUBLISHED)
    assert first.retired_by == user
    assert ProcedureVersion.objects.published().filter(procedure=first.procedure).count() == 1


def test_one_published_version_per_scope_but_scopes_are_independent():
    procedure = ProcedureFactory()
    school = AgencyFactory()
    province_wide = _draft_with_case(procedure)
    for_school = _draft_with_case(procedure, scope=school)
    procedure_version_publish(version=province_wide, by=None)
    procedure_version_publish(version=for_school, by=None)
    assert set(ProcedureVersion.objects.published().filter(procedure=procedure)) == {
        province_wide,
        for_school,
    }


def test_a_version_needs_a_case_and_is_published_once():
    draft = procedure_version_new_draft(procedure=ProcedureFactory(), scope=None)
    draft.definition = minimal_definition()
    draft.save()
    with pytest.raises(ValidationError, match="at least one case"):
        procedure_version_publish(version=draft, by=None)
    ProcedureCaseFactory(version=draft)
    procedure_version_publish(version=draft, by=None)
    with pytest.raises(ProcedureVersionStateError):
        procedure_version_publish(version=draft, by=None)


def test_retire_applies_to_published_versions_only():
    draft = _draft_with_case()
    with pytest.raises(ProcedureVersionStateError):
        procedure_version_retire(version=draft, by=None)
    procedure_version_publish(version=draft, by=None)
    procedure_version_retire(version=draft, by=None)
    assert draft.status == Status.RETIRED
    assert draft.retired_at is not None
    with pytest.raises(ProcedureVersionStateError):
        procedure_version_retire(version=draft, by=None)


def test_new_draft_copies_a_version_without_touching_it():
    source = _draft_with_case()
    source.definition = minimal_definition("Kept in the copy")
    source.retention_years = 20
    source.save()
    template = DocumentTemplateFactory()
    source.document_templates.add(template)
    procedure_version_publish(version=source, by=None)

    copy = procedure_version_new_draft(procedure=source.procedure, scope=None, from_version=source)
    assert copy.is_draft and copy.number == source.number + 1
    assert copy.definition == minimal_definition("Kept in the copy")
    assert copy.retention_years == 20
    assert list(copy.document_templates.all()) == [template]
    assert [c.code for c in copy.cases.all()] == [c.code for c in source.cases.all()]
    copy.cases.update(name="Changed in the draft")
    assert not source.cases.filter(name="Changed in the draft").exists()


def test_new_draft_refuses_a_version_of_another_procedure():
    other = ProcedureVersionFactory()
    with pytest.raises(ValueError):
        procedure_version_new_draft(procedure=ProcedureFactory(), scope=None, from_version=other)


def test_the_nearest_scope_governs():
    procedure = ProcedureFactory()
    department = AgencyFactory()
    school = AgencyFactory(parent=department)
    commune = AgencyFactory()
    province_wide = _draft_with_case(procedure)
    for_department = _draft_with_case(procedure, scope=department)
    assert procedure_version_current(procedure=procedure, agency=school) is None
    procedure_version_publish(version=province_wide, by=None)
    procedure_version_publish(version=for_department, by=None)
    assert procedure_version_current(procedure=procedure, agency=school) == for_department
    assert procedure_version_current(procedure=procedure, agency=department) == for_department
    assert procedure_version_current(procedure=procedure, agency=commune) == province_wide
    assert procedure_version_current(procedure=procedure, agency=None) == province_wide


def test_dossiers_stay_pinned_and_retired_versions_take_no_new_ones():
    case = PublishedCaseFactory()
    running = DossierFactory(case=case)
    procedure_version_retire(version=case.version, by=None)
    running.status = Dossier.Status.PROCESSING
    running.save()  # a running dossier finishes on its version
    running.refresh_from_db()
    assert running.version == case.version
    with pytest.raises(ProcedureVersionLocked):
        DossierFactory(case=case)


def test_dossiers_are_not_filed_under_drafts_or_with_a_foreign_case():
    draft_case = ProcedureCaseFactory()
    with pytest.raises(ProcedureVersionLocked):
        DossierFactory(case=draft_case)
    case = PublishedCaseFactory()
    with pytest.raises(ValueError):
        DossierFactory(case=case, version=PublishedCaseFactory().version)
