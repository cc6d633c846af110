"""Who may see a whole dossier on the citizen side: its signed-in applicant, or a visitor who
gave its code and tracking secret (a grant kept in the session).

    dossier_grant(request, dossier)            # after the secret was checked
    dossier_for_viewer(request, code)          # the dossier, or None: answer 404
"""

import hmac
from typing import Any

from django.http import HttpRequest

from workflows.models import Dossier
from workflows.selectors.public_status import MAX_CODE_LENGTH, normalise_code

GRANTS_KEY = "dossier_grants"
MAX_GRANTS = 20  # the most recent dossiers a session holds a grant for


def dossier_grant(request: HttpRequest, dossier: Dossier) -> None:
    """Let this session see ``dossier`` in full (until the session ends)."""
    grants = [pk for pk in _grants(request) if pk != dossier.pk]
    request.session[GRANTS_KEY] = [*grants, dossier.pk][-MAX_GRANTS:]
    request.session.cycle_key()  # a new session id once it holds more than it did


def dossier_granted(request: HttpRequest, dossier_id: int) -> bool:
    return dossier_id in _grants(request)


def dossier_for_viewer(request: HttpRequest, code: str) -> Dossier | None:
    """The dossier with this code if the visitor may see it in full: the signed-in applicant,
    or a session granted by the code and tracking secret. None otherwise (answer 404)."""
    code = normalise_code(code)
    if not code or len(code) > MAX_CODE_LENGTH:
        return None
    dossier = (
        Dossier.objects.select_related("version__procedure", "case", "receiving_agency")
        .filter(code=code)
        .first()
    )
    if dossier is None:
        return None
    user: Any = getattr(request, "user", None)
    if (
        user is not None
        and user.is_authenticated
        and user.is_active
        and dossier.applicant_id == user.pk
    ):
        return dossier
    return dossier if dossier_granted(request, dossier.pk) else None


def tracking_secret_matches(*, given: str, expected: str) -> bool:
    """The secret as typed from paper (case, spaces and dashes aside), in constant time."""
    cleaned = "".join(given.split()).replace("-", "").upper()
    return bool(expected) and hmac.compare_digest(cleaned.encode(), expected.upper().encode())


def _grants(request: HttpRequest) -> list[int]:
    stored = request.session.get(GRANTS_KEY) or []
    return [pk for pk in stored if isinstance(pk, int)]


def dossier_by_code_and_secret(*, code: str, secret: str) -> Dossier | None:
    """The dossier with this code if ``secret`` is its tracking secret (constant-time check)."""
    code = normalise_code(code)
    if not code or len(code) > MAX_CODE_LENGTH:
        return None
    dossier = Dossier.objects.filter(code=code).only("pk", "code", "tracking_secret").first()
    expected = dossier.tracking_secret if dossier is not None else "X" * 12
    matches = tracking_secret_matches(given=secret, expected=expected)
    return dossier if dossier is not None and matches else None
