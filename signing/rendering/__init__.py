"""Documents from templates: a sandboxed Django template engine, Tinos, xhtml2pdf, segno."""

from .errors import DocumentTemplateError
from .sample import sample_context
from .service import document_render, document_render_html, document_render_source

__all__ = [
    "DocumentTemplateError",
    "document_render",
    "document_render_html",
    "document_render_source",
    "sample_context",
]
