"""The privacy notice's consent as posted: ``_consent.agree`` (ticked), ``_consent.full_name``,
``_consent.relationship`` and ``_consent.version`` (the notice's version when it was shown)."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from workflows.services.submission import ConsentGiven

RELATIONSHIPS = (
    ("self", _("Myself")),
    ("father", _("Father")),
    ("mother", _("Mother")),
    ("guardian", _("Guardian")),
)


def consent_from_post(post: Mapping[str, Any]) -> ConsentGiven | None:
    """The consent, if the box was ticked (the service checks the rest)."""
    if post.get("_consent.agree") != "on":
        return None
    return ConsentGiven(
        full_name=str(post.get("_consent.full_name", "")),
        relationship=str(post.get("_consent.relationship", "")),
        notice_version=str(post.get("_consent.version", "")),
    )


def consent_shown(post: Mapping[str, Any] | None) -> dict[str, Any]:
    """What the consent inputs show again after a post (nothing on a new form)."""
    post = post or {}
    return {
        "agree": post.get("_consent.agree") == "on",
        "full_name": post.get("_consent.full_name", ""),
        "relationship": post.get("_consent.relationship", ""),
    }
