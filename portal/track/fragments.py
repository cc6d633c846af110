"""The public part of the status page (facts and timeline) rendered once per code and language
and kept in the cache beside the status it shows (workflows.selectors.public_status deletes
both when the dossier changes): a repeated lookup renders only the page around it."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from workflows.selectors.public_status import derived_key, public_status

logger = logging.getLogger(__name__)


def status_fragment(code: str) -> SafeString | None:
    """The rendered facts and timeline of the dossier with this (normalised) code, or None."""
    key = derived_key(code, f"html:{get_language()}")
    try:
        found = cache.get(key)
    except Exception:
        logger.warning("public status: the cache could not be read", exc_info=True)
        found = None
    if isinstance(found, str):
        return mark_safe(found)  # noqa: S308 (rendered by our template, escaped there)
    status = public_status(code)
    if status is None:
        return None
    html = render_to_string("portal/track/_status.html", {"status": status})
    try:
        cache.set(key, html, timeout=int(getattr(settings, "PUBLIC_STATUS_CACHE_SECONDS", 300)))
    except Exception:
        logger.warning("public status: the cache could not be written", exc_info=True)
    return mark_safe(html)  # noqa: S308
