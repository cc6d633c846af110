"""The applicant's satisfaction rating of the service, once the result is returned (status
10), once per dossier (Decision 766/QĐ-TTg: satisfaction weighs 18 of the 100 points)."""

import unicodedata
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflows.models import Dossier, ServiceRating

# the optional criteria, each scored 1 to 5 like the overall score
CRITERIA = {
    "timeliness": gettext_lazy("On time"),
    "attitude": gettext_lazy("Attitude of the officers"),
    "information": gettext_lazy("Clear information and guidance"),
    "procedure": gettext_lazy("Simple procedure and forms"),
}
COMMENT_MAX = 2000


class RatingNotAllowed(Exception):
    """The rating is refused (not the applicant's, not returned yet, already rated, or
    invalid); the message is for the user."""


def dossier_rating_open(dossier: Dossier) -> bool:
    """Whether the dossier may be rated now (reads only)."""
    return (
        dossier.status == Dossier.Status.RESULT_RETURNED
        and not ServiceRating.objects.filter(dossier=dossier).exists()
    )


def dossier_rate(
    *,
    dossier: Dossier,
    by: Any,
    score: int,
    criteria: Mapping[str, int] | None = None,
    comment: str = "",
) -> ServiceRating:
    """Record the applicant's rating: ``score`` 1-5, ``criteria`` (keys of CRITERIA, each
    1-5; optional) and a comment (optional, kept private)."""
    if not _score(score):
        raise RatingNotAllowed(_("Choose a score from 1 to 5."))
    criteria = dict(criteria or {})
    if any(key not in CRITERIA or not _score(value) for key, value in criteria.items()):
        raise RatingNotAllowed(_("Score each criterion from 1 to 5."))
    comment = unicodedata.normalize("NFC", comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise RatingNotAllowed(_("Keep the comment under %(n)s characters.") % {"n": COMMENT_MAX})
    if by is None or dossier.applicant_id != getattr(by, "pk", None):
        raise RatingNotAllowed(_("Only the applicant may rate the service."))
    if dossier.status != Dossier.Status.RESULT_RETURNED:
        raise RatingNotAllowed(_("The service can be rated once the result is returned."))
    try:
        with transaction.atomic():
            return ServiceRating.objects.create(
                dossier=dossier,
                score=int(score),
                criteria={key: int(value) for key, value in criteria.items()},
                comment=comment,
                rated_by=by,
            )
    except IntegrityError:
        raise RatingNotAllowed(_("This dossier has already been rated.")) from None


def _score(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5
