"""The consent to a form's privacy notice (Decree 13/2023/NĐ-CP): checked at submission and
kept with the dossier; where the data is a child's, a parent or guardian gives it."""

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from forms import PrivacyNotice
from workflows.models import Dossier, DossierConsent

RELATIONSHIPS = ("self", "father", "mother", "guardian")
PARENTS = ("father", "mother", "guardian")


@dataclass(frozen=True)
class ConsentGiven:
    """The consent to the privacy notice: the parent's, or the applicant's own."""

    full_name: str
    relationship: str  # "self" | "father" | "mother" | "guardian"
    notice_version: str  # the version of the notice that was shown (must match the schema's)


def consent_problems(*, notice: PrivacyNotice | None, consent: ConsentGiven | None) -> list[str]:
    """What is wrong with ``consent`` for a form showing ``notice`` (user-facing messages);
    ``[]`` when it will do. A form without a notice asks for no consent."""
    if notice is None:
        return []
    if consent is None:
        return [_("Consent to the privacy notice is required.")]
    problems = []
    if consent.notice_version != notice.version:
        problems.append(
            _("The privacy notice has changed since it was shown: read it again and consent.")
        )
    if not _text(consent.full_name):
        problems.append(_("Enter the full name of the person giving consent."))
    if consent.relationship not in RELATIONSHIPS:
        problems.append(
            _("Choose who gives consent: yourself, the father, the mother or a guardian.")
        )
    elif notice.children and consent.relationship not in PARENTS:
        problems.append(
            _("The data is a child's: the father, the mother or a guardian gives consent.")
        )
    return problems


def dossier_consent_record(
    *, dossier: Dossier, notice: PrivacyNotice, consent: ConsentGiven, at: datetime
) -> DossierConsent:
    """Keep the consent (checked with ``consent_problems``) with the notice's version and
    hash; who gave it is encrypted at rest."""
    # the encrypted JSON field types as text for django-stubs: its value goes untyped
    given_by: dict[str, Any] = {
        "given_by": {"full_name": _text(consent.full_name), "relationship": consent.relationship}
    }
    return DossierConsent.objects.create(
        dossier=dossier,
        notice_version=notice.version,
        notice_sha256=notice.sha256,
        **given_by,
        for_child=notice.children,
        given_at=at,
        channel=dossier.channel,
    )


def _text(value: str) -> str:
    return unicodedata.normalize("NFC", value or "").strip()
