"""Reading dossiers and deciding who may see their files."""

from typing import Any

from django.db.models import Q, QuerySet

from workflows.models import Agency, Dossier, DossierAttachment
from workflows.personal import id_number_hash

from .memberships import user_is_member_of_any


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


def dossier_visible_to(*, user: Any, dossier: Dossier) -> bool:
    """The applicant, an officer of the receiving or competent agency, or a superuser."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if dossier.applicant_id is not None and dossier.applicant_id == user.pk:
        return True
    return user_is_member_of_any(user, [dossier.receiving_agency_id, dossier.competent_agency_id])


def attachment_for_download(*, user: Any, attachment_id: int) -> DossierAttachment | None:
    """The attachment if this user may download it, else None (the caller answers 404)."""
    attachment = (
        DossierAttachment.objects.select_related("dossier").filter(pk=attachment_id).first()
    )
    if attachment is None or not dossier_visible_to(user=user, dossier=attachment.dossier):
        return None
    return attachment
