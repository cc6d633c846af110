"""What a counter or post-desk officer may receive: (agency, version, case) for each agency
where they hold the reception role and each procedure with a version governing it there."""

from dataclasses import dataclass
from typing import Any

from workflows.models import Agency, Procedure, ProcedureCase, ProcedureVersion, Role
from workflows.selectors.memberships import memberships_for, user_has_role
from workflows.selectors.procedures import procedure_version_current


@dataclass(frozen=True)
class Receivable:
    agency: Agency
    version: ProcedureVersion
    case: ProcedureCase

    @property
    def key(self) -> str:
        return f"{self.agency.pk}-{self.case.pk}"


def reception_agencies(user: Any) -> list[Agency]:
    memberships = memberships_for(user).filter(role__code=Role.Standard.RECEPTION)
    return sorted({m.agency for m in memberships}, key=lambda agency: agency.path)


def receivables(user: Any) -> list[Receivable]:
    found = []
    published = ProcedureVersion.objects.published().values("procedure_id")
    procedures = list(Procedure.objects.filter(pk__in=published).order_by("name"))
    for agency in reception_agencies(user):
        for procedure in procedures:
            version = procedure_version_current(procedure=procedure, agency=agency)
            if version is None:
                continue
            for case in version.cases.order_by("order", "code"):
                found.append(Receivable(agency=agency, version=version, case=case))
    return found


def receivable(user: Any, agency_id: int, case_id: int) -> Receivable | None:
    """The case, if it belongs to the version governing ``agency_id`` and the user receives
    there; else None (the caller answers 404)."""
    agency = Agency.objects.filter(pk=agency_id, active=True).first()
    if agency is None or not user_has_role(user, Role.Standard.RECEPTION, agency):
        return None
    case = ProcedureCase.objects.select_related("version__procedure").filter(pk=case_id).first()
    if case is None:
        return None
    current = procedure_version_current(procedure=case.version.procedure, agency=agency)
    if current is None or current.pk != case.version_id:
        return None
    return Receivable(agency=agency, version=current, case=case)
