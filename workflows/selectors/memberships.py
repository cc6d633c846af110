"""Who holds which role where. "Effective" means active and valid on the local date."""

from datetime import date
from typing import Any

from workflows.models import Agency, Membership
from workflows.models.agencies import MembershipQuerySet
from workflows.permissions import role_permission_code


def memberships_for(user: Any, *, on: date | None = None) -> MembershipQuerySet:
    """A user's effective memberships, with their agency and role."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Membership.objects.none()
    return (
        Membership.objects.effective(on)
        .filter(user_id=user.pk, agency__active=True)
        .select_related("agency", "role")
    )


def user_has_role(
    user: Any,
    role_code: str,
    agency: Agency | str,
    *,
    inherited: bool = False,
    on: date | None = None,
) -> bool:
    """Whether the user holds the role in the agency (given as an object or its code).

    With ``inherited=True`` a membership in any ancestor of the agency counts too
    (a department's leader for the dossiers of its offices).
    """
    memberships = memberships_for(user, on=on).filter(role__code=role_code)
    if isinstance(agency, str):
        if inherited:
            found = Agency.objects.filter(code=agency).first()
            if found is None:
                return False
            agency = found
        else:
            return memberships.filter(agency__code=agency).exists()
    ids = [*agency.ancestor_ids(), agency.pk] if inherited else [agency.pk]
    return memberships.filter(agency_id__in=ids).exists()


def user_is_member_of_any(user: Any, agency_ids: list[int]) -> bool:
    """Whether the user has any effective membership (whatever the role) in these agencies."""
    return memberships_for(user).filter(agency_id__in=agency_ids).exists()


def role_permissions_for(user: Any) -> set[str]:
    """The role permission strings (workflows.permissions) the user's memberships grant."""
    pairs = memberships_for(user).values_list("role__code", "agency__code")
    return {role_permission_code(role, agency) for role, agency in pairs}
