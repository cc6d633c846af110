"""The documents a dossier is issued: the context the templates read, built from the dossier.

    from workflows.documents import document_context
    context = document_context(dossier=dossier, kind=DossierDocument.Kind.RECEIPT, officer=user)

Rendering and storing is ``workflows.services.documents.dossier_document_issue``.
"""

from .context import document_context, missing_item_texts, public_url, track_url
from .texts import SYMBOLS, processing_time_text

__all__ = [
    "SYMBOLS",
    "document_context",
    "missing_item_texts",
    "processing_time_text",
    "public_url",
    "track_url",
]
