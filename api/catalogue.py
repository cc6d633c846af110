"""What the catalogue operations add to the catalogue's selectors
(workflows.selectors.catalogue, .procedure_details): the version for an agency, the agencies
that receive it, a case's documents (the deadline's wording is workflows.wording)."""

from typing import Any

from django.db.models import QuerySet

from workflows.models import Agency, Procedure, ProcedureCase, ProcedureVersion, Role
from workflows.selectors.procedures import procedure_version_current


def version_for(*, procedure: Procedure, agency: Agency | None) -> ProcedureVersion | None:
    """The published version governing ``agency`` (nearest scope up its path, else the
    province-wide one); without an agency, the province-wide one or the only one."""
    if agency is not None:
        return procedure_version_current(procedure=procedure, agency=agency)
    published = list(ProcedureVersion.objects.published().filter(procedure=procedure))
    province = [v for v in published if v.agency_id is None]
    if province:
        return province[0]
    return published[0] if len(published) == 1 else None


def receiving_agencies(version: ProcedureVersion) -> QuerySet[Agency]:
    """Active agencies inside the version's scope where someone holds the reception role."""
    agencies = Agency.objects.filter(
        active=True,
        memberships__role__code=Role.Standard.RECEPTION,
        memberships__active=True,
    )
    if version.agency_id is not None and version.agency is not None:
        agencies = agencies.filter(path__startswith=version.agency.path)
    return agencies.distinct().order_by("path")


def documents_of(case: ProcedureCase) -> list[dict[str, Any]]:
    return [
        {
            "code": item["code"],
            "name": item["name"],
            "originals": int(item.get("originals") or 0),
            "copies": int(item.get("copies") or 0),
            "required": bool(item.get("required")),
            "note": str(item.get("note") or ""),
        }
        for item in case.required_documents or []
    ]
