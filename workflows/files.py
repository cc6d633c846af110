"""Serving a dossier's stored file (an attachment, an issued document) to someone the caller
has already found allowed: opened, the access recorded, sent with headers that keep the
browser from running, sniffing or caching it. Every download and preview goes through here
(the workflows view, the applicant's pages, the workspace's previews, the API)."""

import logging
from typing import Any

from django.http import FileResponse, Http404, HttpRequest

from core.audit.models import AccessLogEntry
from core.audit.services import access_record
from workflows.models import Dossier

logger = logging.getLogger("motcua.workflows")

DOWNLOAD_CSP = "default-src 'none'; sandbox"
# shown in a frame of this site (a PDF in an <iframe>, a scan in an <img>)
INLINE_CSP = (
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox"
)


def dossier_file_response(
    request: HttpRequest,
    *,
    dossier: Dossier,
    file: Any,
    name: str,
    content_type: str,
    inline: bool = False,
) -> FileResponse:
    """The file as a response; 404 (and an error in the log, without personal data) when the
    storage has lost it."""
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        logger.error("dossier file missing in storage", extra={"dossier_id": dossier.pk})
        raise Http404 from None
    action = AccessLogEntry.Action.VIEW if inline else AccessLogEntry.Action.DOWNLOAD
    access_record(actor=request.user, action=action, obj=dossier, path=request.path)
    response = FileResponse(
        handle, as_attachment=not inline, filename=name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = INLINE_CSP if inline else DOWNLOAD_CSP
    return response
