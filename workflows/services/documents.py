"""Issuing a document of a dossier: the template (the version's, else the shipped default),
the context from the dossier, the PDF stored with its hash; and the outbox sender that issues
the acknowledgement of submission after the submission commits."""

import hashlib
import logging
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core import outbox
from signing.defaults import (
    FEE_RECEIPT,
    FORM_00_ACKNOWLEDGEMENT,
    FORM_01_RECEIPT,
    FORM_02_SUPPLEMENTATION,
    FORM_03_REFUSAL,
    FORM_04_APOLOGY,
    FORM_05_STOP,
    FORM_06_CONTROL_SLIP,
)
from signing.models import DocumentTemplate
from signing.rendering import document_render
from signing.services import document_template_install_defaults
from workflows.documents import document_context, track_url
from workflows.models import Dossier, DossierDocument
from workflows.services.processing_log import dossier_log

logger = logging.getLogger(__name__)
Kind = DossierDocument.Kind
SENDER = "workflows.dossier_document"

# kind of issued document -> (kind of template a version links, code of the shipped default)
TEMPLATES: dict[str, tuple[str, str]] = {
    Kind.ACKNOWLEDGEMENT: (DocumentTemplate.Kind.OTHER, FORM_00_ACKNOWLEDGEMENT),
    Kind.RECEIPT: (DocumentTemplate.Kind.RECEIPT, FORM_01_RECEIPT),
    Kind.SUPPLEMENTATION: (DocumentTemplate.Kind.SUPPLEMENTATION, FORM_02_SUPPLEMENTATION),
    Kind.REFUSAL: (DocumentTemplate.Kind.REFUSAL, FORM_03_REFUSAL),
    Kind.APOLOGY: (DocumentTemplate.Kind.APOLOGY, FORM_04_APOLOGY),
    Kind.STOP: (DocumentTemplate.Kind.STOP, FORM_05_STOP),
    Kind.CONTROL_SLIP: (DocumentTemplate.Kind.CONTROL_SLIP, FORM_06_CONTROL_SLIP),
    Kind.FEE_RECEIPT: (DocumentTemplate.Kind.OTHER, FEE_RECEIPT),
}


def document_template_for(*, dossier: Dossier, kind: str) -> DocumentTemplate:
    """The version's linked template revision for ``kind`` (for the acknowledgement: a linked
    revision of the default's code), else the newest revision of the shipped default."""
    if kind not in TEMPLATES:
        raise ValueError(f"no template is known for documents of kind {kind!r}")
    template_kind, default_code = TEMPLATES[kind]
    linked = DocumentTemplate.objects.filter(procedure_version_links__version=dossier.version_id)
    if template_kind == DocumentTemplate.Kind.OTHER:
        linked = linked.filter(code=default_code)
    else:
        linked = linked.filter(kind=template_kind)
    template = linked.order_by("-revision", "-pk").first()
    if template is not None:
        return template
    newest = DocumentTemplate.objects.filter(code=default_code).order_by("-revision").first()
    if newest is None:  # a fresh database: the shipped forms become revision 1
        document_template_install_defaults()
        newest = DocumentTemplate.objects.filter(code=default_code).order_by("-revision").first()
    if newest is None:
        raise DocumentTemplate.DoesNotExist(f"no document template with code {default_code!r}")
    return newest


def dossier_document_issue(
    *, dossier: Dossier, kind: DossierDocument.Kind, by: Any = None, extra: dict | None = None
) -> DossierDocument:
    """Render ``kind`` for ``dossier`` and store it (the PDF, its SHA-256 and size, the template
    revision used). ``by`` is the officer who issues it (printed as the officer; None for the
    system); ``extra`` adds or replaces context keys (``supplement``, ``refusal``...).
    Raises DocumentTemplateError when the template cannot render."""
    template = document_template_for(dossier=dossier, kind=kind)
    issued_at = timezone.now()
    context = document_context(dossier=dossier, kind=kind, officer=by, extra=extra, at=issued_at)
    pdf = document_render(template=template, context=context, qr_url=track_url(dossier) or None)
    user = by if getattr(by, "is_authenticated", False) else None
    document = DossierDocument(
        dossier=dossier,
        kind=kind,
        template=template,
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        created_by=user,
    )
    with transaction.atomic():
        document.file.save(f"{kind}.pdf", ContentFile(pdf), save=False)  # a random path
        try:
            document.save()
        except Exception:
            document.file.delete(save=False)
            raise
        dossier_log(dossier=dossier, actor=by, action="document_issued", comment=str(kind))
    logger.info("dossier document issued", extra={"dossier": dossier.pk, "kind": str(kind)})
    return document


@outbox.senders.register(SENDER)
def deliver_dossier_document(delivery: outbox.Delivery) -> None:
    """Issue ``payload["kind"]`` for ``payload["dossier"]`` once: nothing when the dossier
    already has a document of that kind (a redelivery)."""
    kind = Kind(delivery.payload["kind"])
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().filter(pk=delivery.payload["dossier"]).first()
        if dossier is None:
            raise outbox.PermanentError("the dossier does not exist")
        if DossierDocument.objects.filter(dossier=dossier, kind=kind).exists():
            return
        dossier_document_issue(dossier=dossier, kind=kind)
