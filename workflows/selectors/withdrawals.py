"""Withdrawal requests waiting for the agency's confirmation (status 7, not closed yet)."""

from typing import Any

from django.db.models import Q, QuerySet

from workflows.models import Agency, Dossier, Role
from workflows.selectors.memberships import memberships_for


def withdrawals_pending(*, user: Any) -> QuerySet[Dossier]:
    """The requests of dossiers received by an agency where the user is a reception officer,
    or received by or competent in an agency the user leads (or one below it)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        scope = Q()
    else:
        memberships = memberships_for(user)
        desks = list(
            memberships.filter(role__code=Role.Standard.RECEPTION).values_list(
                "agency_id", flat=True
            )
        )
        paths = list(
            memberships.filter(role__code=Role.Standard.LEADER).values_list(
                "agency__path", flat=True
            )
        )
        led = Q(pk__in=[])
        for path in paths:
            led |= Q(path__startswith=path)
        led_ids = Agency.objects.filter(led).values("pk") if paths else Agency.objects.none()
        scope = (
            Q(receiving_agency_id__in=desks)
            | Q(receiving_agency_id__in=led_ids)
            | Q(competent_agency_id__in=led_ids)
        )
        if not desks and not paths:
            return Dossier.objects.none()
    return (
        Dossier.objects.filter(scope, status=Dossier.Status.WITHDRAWAL_REQUESTED, finished_at=None)
        .select_related("version__procedure", "receiving_agency")
        .defer("data")
        .order_by("updated_at", "pk")
    )
