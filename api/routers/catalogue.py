"""The catalogue: procedures with a published version, and one procedure with its cases and
its form schema (public, no authentication)."""

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from api.catalogue import documents_of, receiving_agencies, version_for
from api.schemas import (
    AgencyOut,
    CatalogueOut,
    ErrorOut,
    ProcedureOut,
    ValidationErrorOut,
)
from workflows.models import Agency, Procedure
from workflows.selectors.catalogue import catalogue_search
from workflows.selectors.procedure_details import procedure_details
from workflows.wording import deadline_text

router = Router(tags=["catalogue"])


class CatalogueFilters(Schema):
    q: str = Field("", max_length=200, description="Words of the name, code or field.")
    field: str = Field("", max_length=200)
    agency: str = Field("", max_length=40, description="A scope agency's code.")
    online_level: str = Field("", description="full_online or partly_online.")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


def _agency(agency: Agency | None) -> dict[str, str] | None:
    return {"code": agency.code, "name": agency.name} if agency is not None else None


@router.get(
    "/procedures",
    response={200: CatalogueOut, 422: ValidationErrorOut},
    summary="Search the catalogue",
    url_name="procedures",
)
def procedures(request: HttpRequest, filters: Query[CatalogueFilters]) -> dict[str, object]:
    """Procedures with a published version, each with the version that applies (the agency's
    when one is given, else the province-wide one), searched accent-insensitively in any word
    order ("bang tot nghiep" finds "bằng tốt nghiệp"), in code order."""
    agency_id = None
    if filters.agency:
        agency_id = Agency.objects.filter(code=filters.agency).values_list("pk", flat=True).first()
        if agency_id is None:
            return {"count": 0, "items": []}
    found = catalogue_search(
        query=filters.q,
        field=filters.field,
        agency_id=agency_id,
        online_level=filters.online_level,
    )
    page = found[filters.offset : filters.offset + filters.limit]
    scopes = {
        a.pk: a for a in Agency.objects.filter(pk__in={v.scope_id for _e, v in page if v.scope_id})
    }
    levels = dict(Procedure.OnlineLevel.choices)
    items = [
        {
            "code": entry.code,
            "name": entry.name,
            "field": entry.field,
            "online_level": entry.online_level,
            "online_level_label": str(levels.get(entry.online_level, entry.online_level)),
            "version_id": version.id,
            "scope": _agency(scopes.get(version.scope_id)) if version.scope_id else None,
            "case": version.case_code,
            "deadline": deadline_text(version.deadline_amount, version.deadline_unit),
            "fee_amount": version.fee_amount,
        }
        for entry, version in page
    ]
    return {"count": len(found), "items": items}


@router.get(
    "/procedures/{code}",
    response={200: ProcedureOut, 404: ErrorOut},
    summary="A procedure with its cases and form",
    url_name="procedure",
)
def procedure(request: HttpRequest, code: str, agency: str = "") -> dict[str, object]:
    """The procedure's published version that governs ``agency`` (its code; without it the
    province-wide version), with its cases, documents, fees, deadlines and form schema."""
    found = Procedure.objects.filter(code=code, active=True).first()
    if found is None:
        raise Http404
    scope = None
    if agency:
        scope = Agency.objects.filter(code=agency, active=True).first()
        if scope is None:
            raise Http404
    version = version_for(procedure=found, agency=scope)
    details = procedure_details(code=found.code, version_id=version.pk) if version else None
    if details is None or version is None or details.version.pk != version.pk:
        raise Http404
    cases = [
        {
            "code": case.code,
            "name": case.name,
            "documents": documents_of(case),
            "fee_amount": case.fee_amount,
            "fee_name": case.fee_name,
            "deadline_amount": case.deadline_amount,
            "deadline_unit": case.deadline_unit,
            "deadline": deadline_text(case.deadline_amount, case.deadline_unit),
            "cutoff_applies": case.cutoff_applies,
        }
        for case in details.cases
    ]
    return {
        "code": found.code,
        "name": found.name,
        "field": found.field,
        "online_level": found.online_level,
        "online_level_label": found.get_online_level_display(),
        "legal_basis": found.legal_basis,
        "deciding_authority": found.deciding_authority,
        "version": {
            "id": version.pk,
            "number": version.number,
            "scope": _agency(version.agency),
            "published_at": version.published_at,
            "cases": cases,
            "steps": list(details.steps),
            "form_schema": version.form_schema or {},
            "receiving_agencies": [
                AgencyOut(code=a.code, name=a.name) for a in receiving_agencies(version)
            ],
        },
        "other_versions": [v.pk for v in details.scopes if v.pk != version.pk],
    }
