"""Reading dossiers and deciding who may see their files."""

from typing import Any

from django.db.models import Q, QuerySet
from viewflow.workflow.models import Task

from workflows.models import Agency, Dossier, DossierAttachment, Role, SupplementationRequest
from workflows.permissions import parse_role_permission
from workflows.personal import id_number_hash

from .memberships import memberships_for


def dossiers_in_subtree(*, agency: Agency) -> QuerySet[Dossier]:
    """Dossiers received or decided anywhere in the agency's subtree."""
    return Dossier.objects.filter(
        Q(competent_agency__path__startswith=agency.path)
        | Q(receiving_agency__path__startswith=agency.path)
    )


def dossiers_by_owner_id_number(*, id_number: str) -> QuerySet[Dossier]:
    """The dossiers whose owner has this ID number (looked up by its keyed hash)."""
    digest = id_number_hash(id_number)
    if not digest:
        return Dossier.objects.none()
    return Dossier.objects.filter(owner_id_hash=digest)


def dossier_step_agency_codes(*, dossier: Dossier) -> set[str]:
    """The codes of the agencies the dossier's user tasks ran or run in (a transfer's sending
    unit, a step taken from a form field), read from the tasks' owner permissions."""
    codes = set()
    permissions = Task.objects.filter(
        process__artifact_object_id=dossier.pk, flow_task_type="HUMAN"
    ).values_list("owner_permission", flat=True)
    for permission in permissions.distinct():
        try:
            codes.add(parse_role_permission(permission or "")[1])
        except ValueError:
            continue
    return codes


def dossier_visible_to(*, user: Any, dossier: Dossier) -> bool:
    """The applicant; an officer (any role) of the receiving or competent agency or of an
    agency one of its steps runs in; a leader of an agency above one of those; a superuser."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if dossier.applicant_id is not None and dossier.applicant_id == user.pk:
        return True
    memberships = list(memberships_for(user).values_list("agency_id", "agency__path", "role__code"))
    if not memberships:
        return False
    own = {dossier.receiving_agency_id, dossier.competent_agency_id}
    if any(agency_id in own for agency_id, _path, _role in memberships):
        return True
    codes = dossier_step_agency_codes(dossier=dossier)
    paths = list(Agency.objects.filter(Q(pk__in=own) | Q(code__in=codes)).values_list("id", "path"))
    ids = {agency_id for agency_id, _path in paths}
    if any(agency_id in ids for agency_id, _path, _role in memberships):
        return True
    leads = [path for _id, path, role in memberships if role == Role.Standard.LEADER and path]
    return any(path.startswith(lead) for _id, path in paths for lead in leads)


def dossiers_awaiting_citizen(*, user: Any) -> QuerySet[Dossier]:
    """Dossiers received or decided in the user's agencies with a supplementation request
    the applicant has not answered yet, oldest request first."""
    agency_ids = list(memberships_for(user).values_list("agency_id", flat=True))
    if not agency_ids:
        return Dossier.objects.none()
    waiting = SupplementationRequest.objects.filter(answered_at__isnull=True).values("dossier_id")
    return (
        Dossier.objects.filter(
            Q(receiving_agency_id__in=agency_ids) | Q(competent_agency_id__in=agency_ids),
            pk__in=waiting,
        )
        .select_related("version__procedure", "supplementation")
        .order_by("supplementation__requested_at", "pk")
    )


def attachment_for_download(*, user: Any, attachment_id: int) -> DossierAttachment | None:
    """The attachment if this user may download it, else None (the caller answers 404)."""
    attachment = (
        DossierAttachment.objects.select_related("dossier").filter(pk=attachment_id).first()
    )
    if attachment is None or not dossier_visible_to(user=user, dossier=attachment.dossier):
        return None
    return attachment
