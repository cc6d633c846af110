"""Rendering a document: template + plain data (+ a QR code) -> PDF bytes."""

import logging
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .context import context_plain, nfc
from .engine import template_compile, template_render
from .errors import DocumentTemplateError
from .pdf import html_to_pdf

if TYPE_CHECKING:
    from signing.models import DocumentTemplate

logger = logging.getLogger(__name__)


def document_render_html(
    *, body: str, context: Mapping[str, Any], qr_url: str | None = None, name: str = ""
) -> str:
    """The HTML a template gives for ``context``; ``qr_url``, when set, is its ``qr_url``."""
    data = context_plain(context)
    data["qr_url"] = nfc(qr_url) if qr_url else ""
    return nfc(template_render(template_compile(nfc(body), name), data))


def document_render_source(
    *, body: str, context: Mapping[str, Any], qr_url: str | None = None, name: str = ""
) -> bytes:
    """PDF bytes of a template's source that need not be saved (the admin's previews)."""
    started = time.perf_counter()
    html = document_render_html(body=body, context=context, qr_url=qr_url, name=name)
    try:
        pdf = html_to_pdf(html)
    except DocumentTemplateError as exc:
        raise DocumentTemplateError(exc.message, template_name=name) from exc
    logger.debug(
        "document rendered",
        extra={"template": name, "ms": round((time.perf_counter() - started) * 1000)},
    )
    return pdf


def document_render(
    *, template: "DocumentTemplate", context: Mapping[str, Any], qr_url: str | None = None
) -> bytes:
    """PDF bytes of a stored template revision filled with ``context``.

    ``context`` is plain data (see docs/documents.md for the keys the default forms read);
    ``qr_url``, typically the public status or verification page of the dossier, is
    printed as a QR code by the base template. Raises DocumentTemplateError.
    """
    return document_render_source(
        body=template.body,
        context=context,
        qr_url=qr_url,
        name=f"{template.code} r{template.revision}",
    )
