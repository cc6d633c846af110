"""A dossier's file shown inline in the task page (an <iframe> for a PDF, an <img> for a
scan): the same access checks as the download, sandboxed, framable by this site only."""

import logging

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from core.audit.models import AccessLogEntry
from core.audit.services import access_record
from workflows.models import DossierDocument
from workflows.selectors.dossiers import attachment_for_download, dossier_visible_to

from .access import officer_required

logger = logging.getLogger("motcua.portal")
CSP = (
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox"
)


def _inline(request: HttpRequest, file: object, name: str, content_type: str) -> FileResponse:
    response = FileResponse(file, as_attachment=False, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = CSP
    return response


@require_safe
@xframe_options_sameorigin
@officer_required
def attachment_preview(request: HttpRequest, attachment_id: int) -> FileResponse:
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
        action=AccessLogEntry.Action.VIEW,
        obj=attachment.dossier,
        path=request.path,
    )
    return _inline(request, handle, attachment.original_name, attachment.content_type)


@require_safe
@xframe_options_sameorigin
@officer_required
def document_preview(request: HttpRequest, document_id: int) -> FileResponse:
    """An issued document (Forms 01-03, the result) of a dossier the user may see."""
    document = DossierDocument.objects.select_related("dossier").filter(pk=document_id).first()
    if document is None or not dossier_visible_to(user=request.user, dossier=document.dossier):
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        logger.error("document file missing in storage", extra={"document_id": document.pk})
        raise Http404 from None
    access_record(
        actor=request.user,
        action=AccessLogEntry.Action.VIEW,
        obj=document.dossier,
        path=request.path,
    )
    return _inline(request, handle, f"{document.kind}.pdf", "application/pdf")
