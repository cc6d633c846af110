"""A published version does not change: not through its model, not in bulk, not in SQL."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tests.workflows.factories import (
    AgencyFactory,
    DocumentTemplateFactory,
    ProcedureFactory,
    PublishedCaseFactory,
    UserFactory,
)
from workflows.errors import ProcedureVersionLocked
from workflows.models import ProcedureCase, ProcedureVersion, ProcedureVersionTemplate
from workflows.models.procedures import RETIRE_FIELDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def published() -> ProcedureVersion:
    case = PublishedCaseFactory()
    version = case.version
    version.refresh_from_db()
    assert version.status == ProcedureVersion.Status.PUBLISHED
    return version


def test_save_refuses_any_change(published):
    published.definition = {"steps": ["changed"]}
    with pytest.raises(ProcedureVersionLocked, match="definition"):
        published.save()
    published.refresh_from_db()
    published.status = ProcedureVersion.Status.DRAFT
    with pytest.raises(ProcedureVersionLocked):
        published.save()


def test_save_allows_retiring_and_nothing_more(published):
    published.refresh_from_db()
    published.status = ProcedureVersion.Status.RETIRED
    published.retired_at = timezone.now()
    published.save()
    published.status = ProcedureVersion.Status.PUBLISHED
    with pytest.raises(ProcedureVersionLocked):
        published.save()


def test_an_unchanged_save_is_harmless(published):
    published.save()
    published.refresh_from_db()
    assert published.status == ProcedureVersion.Status.PUBLISHED


def test_versions_are_created_as_drafts():
    with pytest.raises(ProcedureVersionLocked):
        ProcedureVersion.objects.create(
            procedure=ProcedureFactory(),
            number=1,
            status=ProcedureVersion.Status.PUBLISHED,
            published_at=timezone.now(),
        )


def test_delete_and_bulk_writes_are_refused(published):
    with pytest.raises(ProcedureVersionLocked):
        published.delete()
    with pytest.raises(ProcedureVersionLocked):
        ProcedureVersion.objects.filter(pk=published.pk).delete()
    with pytest.raises(ProcedureVersionLocked):
        ProcedureVersion.objects.filter(pk=published.pk).update(note="changed")
    assert ProcedureVersion.objects.filter(pk=published.pk, note="").exists()


def test_cases_and_templates_are_frozen_with_the_version(published):
    case = published.cases.get()
    case.fee_amount = 50_000
    with pytest.raises(ProcedureVersionLocked):
        case.save()
    with pytest.raises(ProcedureVersionLocked):
        case.delete()
    with pytest.raises(ProcedureVersionLocked):
        published.cases.update(fee_amount=1)
    with pytest.raises(ProcedureVersionLocked):
        published.cases.all().delete()
    with pytest.raises(ProcedureVersionLocked):
        ProcedureCase.objects.create(
            version=published, code="new", name="New", deadline_unit="same_day"
        )
    template = DocumentTemplateFactory()
    # Related managers write inside atomic(savepoint=False): give them a savepoint here.
    with pytest.raises(ProcedureVersionLocked), transaction.atomic():
        published.document_templates.add(template)
    with pytest.raises(ProcedureVersionLocked), transaction.atomic():
        template.procedure_versions.add(published)
    with pytest.raises(ProcedureVersionLocked):
        ProcedureVersionTemplate.objects.create(version=published, template=template)
    assert published.cases.get().fee_amount == 0


def test_templates_in_use_cannot_be_deleted(published):
    template = DocumentTemplateFactory()
    draft = ProcedureVersion.objects.create(procedure=published.procedure, number=99)
    draft.document_templates.add(template)
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        template.delete()


# The database refuses the same changes when they bypass the models entirely.


def _other_value(version: ProcedureVersion, field):  # type: ignore[no-untyped-def]
    later = timezone.now() + timedelta(days=1)
    if field.name == "procedure":
        return ProcedureFactory().pk
    if field.name == "agency":
        return AgencyFactory().pk
    if field.is_relation:
        return UserFactory().pk
    if field.get_internal_type() == "JSONField":
        return {"changed": True}
    if field.get_internal_type() == "DateTimeField":
        return later
    if field.get_internal_type() == "TextField":
        return "changed"
    return getattr(version, field.attname) + 7


def _frozen_fields():  # type: ignore[no-untyped-def]
    return [
        f
        for f in ProcedureVersion._meta.concrete_fields
        if not f.primary_key and f.name not in RETIRE_FIELDS
    ]


@pytest.mark.parametrize("field_name", [f.name for f in _frozen_fields()])
def test_the_database_refuses_changes_to_a_published_version(published, field_name):
    field = ProcedureVersion._meta.get_field(field_name)
    value = _other_value(published, field)
    raw = ProcedureVersion._base_manager.filter(pk=published.pk)  # no model code in the way
    with pytest.raises(IntegrityError), transaction.atomic():
        raw.update(**{field.attname: value})


def test_the_database_refuses_unretiring(published):
    raw = ProcedureVersion._base_manager.filter(pk=published.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        raw.update(status="draft")
    raw.update(status="retired", retired_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        raw.update(status="published")
    with pytest.raises(IntegrityError), transaction.atomic():
        raw.update(retired_at=timezone.now() + timedelta(days=1))


def test_the_database_refuses_changes_to_cases_and_links(published):
    case = published.cases.get()
    template = DocumentTemplateFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcedureCase._base_manager.filter(pk=case.pk).update(fee_amount=1)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO workflows_procedureversiontemplate (version_id, template_id) "
            "VALUES (%s, %s)",
            [published.pk, template.pk],
        )


@pytest.mark.postgres
def test_postgresql_also_refuses_deletes(published):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcedureCase._base_manager.filter(version=published).delete()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM workflows_procedureversion WHERE id = %s", [published.pk])


def test_drafts_stay_editable_in_the_database():
    draft = ProcedureVersion.objects.create(procedure=ProcedureFactory(), number=1)
    ProcedureVersion._base_manager.filter(pk=draft.pk).update(note="edited", number=2)
    draft.refresh_from_db()
    assert (draft.note, draft.number) == ("edited", 2)
    draft.delete()
    assert not ProcedureVersion.objects.filter(pk=draft.pk).exists()
