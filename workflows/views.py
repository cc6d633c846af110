"""Downloading a dossier's attachment: only by those who may see the dossier, always logged."""

import logging

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

from core.audit.models import AccessLogEntry
from core.audit.services import access_record
from workflows.selectors.dossiers import attachment_for_download

logger = logging.getLogger("motcua.workflows")


@require_safe
@login_required
def attachment_download(request: HttpRequest, attachment_id: int) -> FileResponse:
    """404 for anyone who is not the applicant, an officer of the dossier's receiving or
    competent agency, or a superuser: the answer never tells that the file exists."""
    attachment = attachment_for_download(user=request.user, attachment_id=attachment_id)
    if attachment is None:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        logger.error("attachment file missing in storage", extra={"attachment_id": attachment.pk})
        raise Http404 from None
    access_record(
        actor=request.user,
        action=AccessLogEntry.Action.DOWNLOAD,
        obj=attachment.dossier,
        path=request.path,
    )
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
