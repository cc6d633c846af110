"""Which agencies may receive an online application of a procedure version: the active
agencies in the version's scope where a reception officer works (the scope agency itself when
none has one yet)."""

from django.db.models import QuerySet

from workflows.models import Agency, Membership, ProcedureVersion, Role


def receiving_agencies(version: ProcedureVersion) -> list[Agency]:
    agencies: QuerySet[Agency] = Agency.objects.filter(active=True)
    if version.agency_id is not None and version.agency is not None:
        agencies = agencies.filter(path__startswith=version.agency.path)
    staffed = (
        Membership.objects.effective()
        .filter(role__code=Role.Standard.RECEPTION)
        .values_list("agency_id", flat=True)
    )
    found = list(agencies.filter(pk__in=staffed).order_by("path"))
    if found:
        return found
    if version.agency is not None and version.agency.active:
        return [version.agency]
    return []


def receiving_agency_chosen(version: ProcedureVersion, code: str) -> Agency | None:
    """The agency the applicant chose (the only one, if there is one only)."""
    choices = receiving_agencies(version)
    if len(choices) == 1:
        return choices[0]
    return next((agency for agency in choices if agency.code == code), None)
