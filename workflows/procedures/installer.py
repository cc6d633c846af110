"""Installing a procedure package: the procedure, a new version with its cases, form, workflow
and the statutory forms' templates, published (idempotent)."""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from forms import form_schema_check
from signing.defaults import DEFAULT_TEMPLATES
from signing.models import DocumentTemplate
from signing.services import document_template_install_defaults
from workflows.definitions import DefinitionInvalid, definition_check, dump
from workflows.errors import ProcedurePackageInvalid
from workflows.models import Agency, Procedure, ProcedureCase, ProcedureVersion
from workflows.services.procedure_versions import (
    procedure_version_new_draft,
    procedure_version_publish,
)

from .package import Package, package_read

CASE_FIELDS = (
    "code",
    "name",
    "required_documents",
    "fee_amount",
    "fee_name",
    "deadline_amount",
    "deadline_unit",
    "cutoff_applies",
    "order",
)


@dataclass(frozen=True)
class PackageInstalled:
    procedure: Procedure
    version: ProcedureVersion
    created: bool  # False: the same contents were already there (nothing was written)


def package_install(
    *,
    source: str | Path | Mapping[str, Any],
    by: Any = None,
    scope: Agency | None = None,
    publish: bool = True,
) -> PackageInstalled:
    """Create or update the procedure (by its code) and give it a new version with the
    package's cases, form and workflow, linked to the current Forms 01-03, published unless
    ``publish`` is false. ``scope`` (else the package's ``scope``) is the version's agency.
    Installing the same contents again creates nothing: it returns the version that has them
    (the published one, or with ``publish=False`` the latest draft too). Raises
    ProcedurePackageInvalid listing every problem, with nothing saved."""
    package = package_read(source)
    workflow = _checked(package)
    with transaction.atomic():
        scope = scope if scope is not None else _scope(package.scope)
        procedure = _procedure(package)
        same = _same_version(procedure, scope, package, workflow, publish=publish)
        if same is not None:
            return PackageInstalled(procedure, same, created=False)
        draft = procedure_version_new_draft(procedure=procedure, scope=scope, by=by)
        draft.definition = workflow
        draft.form_schema = dict(package.form)
        draft.note = package.note
        if package.retention_years:
            draft.retention_years = package.retention_years
        draft.save()
        ProcedureCase.objects.bulk_create(
            ProcedureCase(version=draft, **case) for case in package.cases
        )
        draft.document_templates.add(*_statutory_templates())
        if publish:
            draft = procedure_version_publish(version=draft, by=by)
    return PackageInstalled(procedure, draft, created=True)


def _checked(package: Package) -> dict[str, Any]:
    """The workflow in its canonical form; every problem of the workflow and the form."""
    errors = [f"form: {message}" for message in form_schema_check(package.form)]
    try:
        workflow = dump(definition_check(package.workflow))
    except DefinitionInvalid as invalid:
        errors += [f"workflow: {error.message}" for error in invalid.errors]
    if errors:
        raise ProcedurePackageInvalid(errors)
    return workflow


def _scope(code: str | None) -> Agency | None:
    if code is None:
        return None
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        message = _("scope: there is no agency with the code %(code)s")
        raise ProcedurePackageInvalid([message % {"code": code}])
    return agency


def _procedure(package: Package) -> Procedure:
    fields = {key: value for key, value in package.procedure.items() if key != "code"}
    procedure, created = Procedure.objects.get_or_create(
        code=package.procedure["code"], defaults=fields
    )
    if not created and any(getattr(procedure, key) != value for key, value in fields.items()):
        for key, value in fields.items():
            setattr(procedure, key, value)
        procedure.save()
    return procedure


def _same_version(
    procedure: Procedure,
    scope: Agency | None,
    package: Package,
    workflow: dict[str, Any],
    *,
    publish: bool,
) -> ProcedureVersion | None:
    versions = ProcedureVersion.objects.filter(procedure=procedure, agency=scope)
    statuses = [ProcedureVersion.Status.PUBLISHED]
    if not publish:
        statuses.append(ProcedureVersion.Status.DRAFT)
    for version in versions.filter(status__in=statuses).order_by("-number")[:2]:
        if _contents(version) == (workflow, dict(package.form), list(package.cases)):
            return version
    return None


def _contents(version: ProcedureVersion) -> tuple[Any, Any, list[dict[str, Any]]]:
    cases = [
        {name: getattr(case, name) for name in CASE_FIELDS}
        for case in version.cases.order_by("order", "code")
    ]
    return version.definition, version.form_schema, cases


def _statutory_templates() -> list[DocumentTemplate]:
    """The latest revision of Forms 01-03 (installed first if missing)."""
    document_template_install_defaults()
    return [
        template
        for default in DEFAULT_TEMPLATES
        if (
            template := DocumentTemplate.objects.filter(code=default.code)
            .order_by("-revision")
            .first()
        )
    ]
