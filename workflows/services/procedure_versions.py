"""The life of a procedure version: draft -> published -> retired.

At most one version is published per procedure and scope; publishing a new one
retires the previous one in the same transaction. Dossiers already filed stay
pinned to the version they were filed under, whatever its status.
"""

import copy
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core.registry import Registry
from forms import form_schema_check
from workflows.definitions.publishing import definition_publish_check
from workflows.errors import ProcedureVersionStateError
from workflows.models import (
    Agency,
    Procedure,
    ProcedureCase,
    ProcedureVersion,
    ProcedureVersionTemplate,
)

Status = ProcedureVersion.Status

# Checks a draft must pass to be published, in the order of their names; each raises
# django.core.exceptions.ValidationError (the definition check: DefinitionInvalid, one
# error per problem, each naming its node).
publish_checks: Registry[Callable[[ProcedureVersion], None]] = Registry("publish check")
publish_checks.add("definition", definition_publish_check)


@publish_checks.register("form_schema")
def _form_schema_valid(version: ProcedureVersion) -> None:
    """One error per problem of the form schema, each naming its field (docs/forms.md)."""
    errors = form_schema_check(version.form_schema or {})
    if errors:
        raise ValidationError([ValidationError(error, code="form_schema") for error in errors])


@publish_checks.register("has_cases")
def _has_cases(version: ProcedureVersion) -> None:
    if not version.cases.exists():
        raise ValidationError("A version needs at least one case before it is published.")


def _lock_procedure(procedure_id: int) -> None:
    """Serialise numbering and publishing within one procedure."""
    Procedure.objects.select_for_update().filter(pk=procedure_id).first()


def procedure_version_new_draft(
    *,
    procedure: Procedure,
    scope: Agency | None,
    from_version: ProcedureVersion | None = None,
    by: Any = None,
) -> ProcedureVersion:
    """A new draft, numbered next in its procedure and scope; with ``from_version``, a copy of
    that version's definition, form, retention, cases and templates (to change, or to restore)."""
    if from_version is not None and from_version.procedure_id != procedure.pk:
        raise ValueError("from_version belongs to another procedure")
    with transaction.atomic():
        _lock_procedure(procedure.pk)
        last = ProcedureVersion.objects.filter(procedure=procedure, agency=scope).aggregate(
            last=Max("number")
        )["last"]
        draft = ProcedureVersion(
            procedure=procedure, agency=scope, number=(last or 0) + 1, created_by=by
        )
        if from_version is not None:
            draft.definition = copy.deepcopy(from_version.definition)
            draft.form_schema = copy.deepcopy(from_version.form_schema)
            draft.retention_years = from_version.retention_years
        draft.save()
        if from_version is not None:
            _copy_contents(source=from_version, target=draft)
    return draft


def _copy_contents(*, source: ProcedureVersion, target: ProcedureVersion) -> None:
    fields = [
        f.attname
        for f in ProcedureCase._meta.concrete_fields
        if not f.primary_key and f.name != "version"
    ]
    ProcedureCase.objects.bulk_create(
        ProcedureCase(
            version=target, **{name: copy.deepcopy(getattr(case, name)) for name in fields}
        )
        for case in source.cases.all()
    )
    ProcedureVersionTemplate.objects.bulk_create(
        ProcedureVersionTemplate(version=target, template_id=link.template_id)
        for link in source.template_links.all()
    )


def procedure_version_publish(*, version: ProcedureVersion, by: Any) -> ProcedureVersion:
    """Publish a draft; the version published so far in the same scope is retired."""
    with transaction.atomic():
        _lock_procedure(version.procedure_id)
        current = ProcedureVersion.objects.select_for_update().get(pk=version.pk)
        if current.status != Status.DRAFT:
            raise ProcedureVersionStateError(f"version {current.pk} is {current.status}")
        for _name, check in publish_checks.items():
            check(current)
        now = timezone.now()
        previous = ProcedureVersion.objects.select_for_update().filter(
            procedure_id=current.procedure_id, agency=current.agency, status=Status.PUBLISHED
        )
        for old in previous:
            _retire(old, by=by, now=now)
        current.status, current.published_at, current.published_by = Status.PUBLISHED, now, by
        current.save()
    version.refresh_from_db()
    return version


def procedure_version_retire(*, version: ProcedureVersion, by: Any) -> ProcedureVersion:
    """Retire a published version: no new dossiers; those filed under it run to the end."""
    with transaction.atomic():
        current = ProcedureVersion.objects.select_for_update().get(pk=version.pk)
        if current.status != Status.PUBLISHED:
            raise ProcedureVersionStateError(f"version {current.pk} is {current.status}")
        _retire(current, by=by, now=timezone.now())
    version.refresh_from_db()
    return version


def _retire(version: ProcedureVersion, *, by: Any, now: Any) -> None:
    version.status, version.retired_at, version.retired_by = Status.RETIRED, now, by
    version.save(update_fields=["status", "retired_at", "retired_by", "updated_at"])
