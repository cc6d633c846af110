"""Who sees a dossier's page: its signed-in applicant, or a visitor holding a session grant
(the code and the tracking secret, given on the track pages: ``portal.access``). Anyone
else gets 404, never 403: the answer does not tell that the dossier exists."""

from typing import Any

from django.http import Http404, HttpRequest

from workflows.models import Dossier

_RELATED = ("version__procedure", "case", "receiving_agency", "competent_agency")


def is_applicant(request: HttpRequest, dossier: Dossier) -> bool:
    user: Any = request.user
    return bool(user.is_authenticated and dossier.applicant_id == user.pk)


def dossier_for_page(request: HttpRequest, code: str) -> Dossier:
    """The dossier this request may see, else Http404."""
    user: Any = request.user
    if user.is_authenticated:
        own = (
            Dossier.objects.select_related(*_RELATED)
            .filter(code=code, applicant_id=user.pk)
            .first()
        )
        if own is not None:
            return own
    granted = _granted(request, code)
    if granted is None:
        raise Http404
    return Dossier.objects.select_related(*_RELATED).get(pk=granted.pk)


def _granted(request: HttpRequest, code: str) -> Dossier | None:
    try:  # the track lane's session grants (code + tracking secret)
        from portal.access import dossier_for_viewer
    except ImportError:  # pragma: no cover - until that module lands
        return None
    dossier: Dossier | None = dossier_for_viewer(request, code)
    return dossier
