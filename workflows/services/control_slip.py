"""Issuing Form 06, the processing control slip, on an officer's demand: a new document each
time (the log grows), the newest shown first."""

from typing import Any

from workflows.models import Dossier, DossierDocument
from workflows.selectors.dossiers import dossier_visible_to
from workflows.selectors.memberships import memberships_for
from workflows.services.documents import dossier_document_issue


class ControlSlipRefused(Exception):
    """The user may not issue the slip of this dossier; the message is for the user."""


def dossier_control_slip_issue(*, dossier: Dossier, by: Any) -> DossierDocument:
    """Render Form 06 from the dossier's processing log as of now and store it. Only an
    officer who may see the dossier (``dossier_visible_to``) issues it, not its applicant."""
    officer = getattr(by, "is_superuser", False) or memberships_for(by).exists()
    if not officer or not dossier_visible_to(user=by, dossier=dossier):
        raise ControlSlipRefused("not an officer of this dossier")
    return dossier_document_issue(dossier=dossier, kind=DossierDocument.Kind.CONTROL_SLIP, by=by)
