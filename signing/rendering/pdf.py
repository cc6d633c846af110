"""HTML to PDF with xhtml2pdf (pure Python on ReportLab), fetching nothing.

A document is made of its markup, the registered fonts and ``data:`` images (QR codes).
xhtml2pdf's resource policy is set to read no file and no URL; the link callback also
notes every other address the markup asked for, so that such a template is refused with
a clear error instead of printing without its picture.
"""

import io
import logging

from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy
from xhtml2pdf.default import DEFAULT_CSS

from .errors import DocumentTemplateError
from .fonts import fonts_register

logger = logging.getLogger(__name__)
# xhtml2pdf quotes the markup it is working on in its warnings, and a rendered document
# holds a dossier's personal data: its own logs stay quiet. What matters reaches the
# caller as a DocumentTemplateError (refused resources, layout errors); we log counts.
logging.getLogger("xhtml2pdf").setLevel(logging.CRITICAL)

POLICY = ResourceAccessPolicy.server(
    base_dir=None,  # no local reads at all
    allow_remote=False,
    max_render_seconds=30,
    max_document_bytes=2 * 1024 * 1024,
)


def _default_css(family: str) -> str:
    # After xhtml2pdf's own defaults, so that a template without a stylesheet of its own
    # still comes out in Tinos at the size of administrative text.
    return f"{DEFAULT_CSS}\nhtml {{ font-family: {family}; font-size: 13pt; }}\n"


def html_to_pdf(html: str) -> bytes:
    family = fonts_register()
    refused: list[str] = []

    def link_callback(uri: object, rel: object) -> None:
        if not str(uri).startswith("data:"):
            refused.append(str(uri)[:100])

    out = io.BytesIO()
    try:
        status = pisa.pisaDocument(
            html,
            dest=out,
            encoding="utf-8",
            link_callback=link_callback,
            resource_policy=POLICY,
            default_css=_default_css(family),
        )
    except Exception as exc:
        raise DocumentTemplateError(f"the PDF could not be laid out: {exc}") from exc
    if refused:
        raise DocumentTemplateError(
            "a document cannot load files or URLs (asked for: "
            + ", ".join(repr(uri) for uri in refused)
            + "); images must be data: URIs, such as the ones {% qr_code %} makes"
        )
    if status.err:
        errors = [message for mode, _line, message, _fragment in status.log if mode == "error"]
        raise DocumentTemplateError(
            "the PDF could not be laid out: " + ("; ".join(errors) or "unknown error")
        )
    if status.warn:
        logger.info("document rendered with %d layout warnings", status.warn)
    return out.getvalue()
