"""The documents of a dossier its applicant may see and download."""

from django.db.models import QuerySet

from workflows.models import Dossier, DossierDocument

State = DossierDocument.SignatureState


def documents_issued(dossier: Dossier) -> QuerySet[DossierDocument]:
    """Every issued document but a result still being signed or whose signing failed: it is
    not issued until every signature is on (its number and QR code are printed already)."""
    return DossierDocument.objects.filter(dossier=dossier).exclude(
        signature_state__in=[State.AWAITING, State.FAILED]
    )
