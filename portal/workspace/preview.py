"""A dossier's file shown inline in the task page (an <iframe> for a PDF, an <img> for a
scan): the same access checks as the download, sandboxed, framable by this site only."""

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from workflows.files import dossier_file_response
from workflows.models import DossierDocument
from workflows.selectors.dossiers import attachment_for_download, dossier_visible_to

from .access import officer_required


@require_safe
@xframe_options_sameorigin
@officer_required
def attachment_preview(request: HttpRequest, attachment_id: int) -> FileResponse:
    attachment = attachment_for_download(user=request.user, attachment_id=attachment_id)
    if attachment is None:
        raise Http404
    return dossier_file_response(
        request,
        dossier=attachment.dossier,
        file=attachment.file,
        name=attachment.original_name,
        content_type=attachment.content_type,
        inline=True,
    )


@require_safe
@xframe_options_sameorigin
@officer_required
def document_preview(request: HttpRequest, document_id: int) -> FileResponse:
    """An issued document (Forms 01-03, the result) of a dossier the user may see."""
    document = DossierDocument.objects.select_related("dossier").filter(pk=document_id).first()
    if document is None or not dossier_visible_to(user=request.user, dossier=document.dossier):
        raise Http404
    return dossier_file_response(
        request,
        dossier=document.dossier,
        file=document.file,
        name=f"{document.kind}.pdf",
        content_type="application/pdf",
        inline=True,
    )
