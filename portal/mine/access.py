"""Who sees a dossier's page: its signed-in applicant, or a visitor holding a session grant
(the code and the tracking secret, given on the track pages: ``portal.access``). Anyone
else gets 404, never 403: the answer does not tell that the dossier exists. Only the
signed-in applicant acts on it (supplements, withdraws, rates)."""

from typing import Any

from django.http import Http404, HttpRequest

from portal.access import dossier_for_viewer
from workflows.models import Dossier


def is_applicant(request: HttpRequest, dossier: Dossier) -> bool:
    user: Any = request.user
    return bool(user.is_authenticated and user.is_active and dossier.applicant_id == user.pk)


def dossier_for_page(request: HttpRequest, code: str) -> Dossier:
    """The dossier this request may see, else Http404."""
    dossier = dossier_for_viewer(request, code)
    if dossier is None:
        raise Http404
    return dossier
