"""Writing document templates: a revision, once saved, is never changed.

Editing a template saves a new row with the same code and the next revision number, so
a published procedure version that points at revision N keeps printing revision N.
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max

from signing.defaults import DEFAULT_TEMPLATES
from signing.models import DocumentTemplate
from signing.rendering import document_render_source, sample_context

SAMPLE_QR_URL = "https://dichvucong.example.vn/tra-cuu/000.00.20.H56-260216-0001"


def document_template_check(*, body: str, name: str = "template") -> None:
    """Render ``body`` to PDF with the sample data; raises DocumentTemplateError."""
    document_render_source(body=body, context=sample_context(), qr_url=SAMPLE_QR_URL, name=name)


def _author(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def document_template_create(
    *, code: str, kind: str, name: str, body: str, user: Any = None
) -> DocumentTemplate:
    """Revision 1 of a new code. Raises ValueError if the code exists."""
    document_template_check(body=body, name=code)
    if DocumentTemplate.objects.filter(code=code).exists():
        raise ValueError(f"a document template with code {code!r} exists")
    return DocumentTemplate.objects.create(
        code=code, revision=1, kind=kind, name=name, body=body, created_by=_author(user)
    )


def document_template_revise(
    *,
    template: DocumentTemplate,
    body: str,
    name: str | None = None,
    kind: str | None = None,
    user: Any = None,
) -> DocumentTemplate:
    """Save an edit of ``template`` as the next revision of its code and return it.

    ``template`` itself is left as it was. Nothing is saved (and ``template`` is returned)
    when nothing differs from it. The next number is taken after the code's rows are
    locked, so two editors saving at once get two revisions, not an error.
    """
    name = template.name if name is None else name
    kind = template.kind if kind is None else kind
    if (body, name, kind) == (template.body, template.name, template.kind):
        return template
    document_template_check(body=body, name=template.code)
    with transaction.atomic():
        rows = DocumentTemplate.objects.select_for_update().filter(code=template.code)
        list(rows.values_list("pk", flat=True))  # wait for other editors of this code
        latest = rows.aggregate(latest=Max("revision"))["latest"] or 0
        return DocumentTemplate.objects.create(
            code=template.code,
            revision=latest + 1,
            kind=kind,
            name=name,
            body=body,
            created_by=_author(user),
        )


def document_template_install_defaults() -> list[DocumentTemplate]:
    """Store revision 1 of each shipped form whose code has no row yet; return those made.

    Idempotent: a code that exists (in any revision) is left alone, edits included.
    """
    created = []
    for default in DEFAULT_TEMPLATES:
        if DocumentTemplate.objects.filter(code=default.code).exists():
            continue
        try:
            with transaction.atomic():
                template = DocumentTemplate.objects.create(
                    code=default.code,
                    revision=1,
                    kind=default.kind,
                    name=default.name,
                    body=default.body(),
                )
        except IntegrityError:  # installed at the same moment by another process
            continue
        created.append(template)
    return created


# Signatures (the implementations live in their own modules; this is the entry point).
from signing.pending import signature_complete, signature_poll, signature_request  # noqa: E402
from signing.sign import pdf_sign  # noqa: E402
from signing.stamp import StampText  # noqa: E402

__all__ = [
    "StampText",
    "document_template_check",
    "document_template_create",
    "document_template_install_defaults",
    "document_template_revise",
    "pdf_sign",
    "signature_complete",
    "signature_poll",
    "signature_request",
]
