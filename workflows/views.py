"""Downloading a dossier's attachment: only by those who may see the dossier, always logged."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

from workflows.files import dossier_file_response
from workflows.selectors.dossiers import attachment_for_download


@require_safe
@login_required
def attachment_download(request: HttpRequest, attachment_id: int) -> FileResponse:
    """404 for anyone who is not the applicant, an officer of the dossier's receiving or
    competent agency, or a superuser: the answer never tells that the file exists."""
    attachment = attachment_for_download(user=request.user, attachment_id=attachment_id)
    if attachment is None:
        raise Http404
    return dossier_file_response(
        request,
        dossier=attachment.dossier,
        file=attachment.file,
        name=attachment.original_name,
        content_type=attachment.content_type,
    )
