"""The admin's PDF previews of document templates, filled with sample data."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from signing.rendering import DocumentTemplateError, document_render_source, sample_context
from signing.services import SAMPLE_QR_URL


def pdf_response(*, body: str, name: str, filename: str) -> HttpResponse:
    """The preview PDF, or the template's error as plain text (400) for the admin to fix."""
    try:
        pdf = document_render_source(
            body=body, context=sample_context(), qr_url=SAMPLE_QR_URL, name=name
        )
    except DocumentTemplateError as exc:
        return HttpResponse(
            _("This template cannot be rendered: %(error)s") % {"error": exc},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def preview_draft(request: HttpRequest) -> HttpResponse:
    """The body posted from the change form, before it is saved as a revision."""
    return pdf_response(
        body=request.POST.get("body", ""), name=_("draft"), filename="preview-draft.pdf"
    )
