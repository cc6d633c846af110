"""The result document of a signing step: its template, number, symbol and PDF.

The template is the revision of the code the step names (``sign.document``) that the
dossier's version pinned, else that code's newest revision (the shipped default's first).
The number (số) is taken from the issuing agency's sequence for the year and the symbol
(ký hiệu: the step's prefix and the agency's abbreviation, e.g. ``QĐ-SGDĐT``), inside the
caller's transaction.
"""

import unicodedata
from datetime import date
from typing import Any

from django.utils import timezone

from signing.models import DocumentTemplate
from signing.rendering import document_render
from signing.services import document_template_install_defaults
from workflows.documents import public_url
from workflows.documents.context import agency_context, document_context
from workflows.documents.people import officer_context
from workflows.models import Agency, Dossier, DossierDocument
from workflows.selectors.verification import verification_token

from .document_numbers import document_number_take


def agency_abbreviation(agency: Agency) -> str:
    """``Sở GD&ĐT`` -> ``SGDĐT``: a word in capitals is kept, any other gives its initial;
    diacritics go, except Đ."""
    letters: list[str] = []
    for word in (agency.short_name or agency.name).split():
        chars = [c for c in word if c.isalnum()]
        if not chars:
            continue
        letters.extend(chars if word.isupper() else chars[:1])
    text = "".join(letters).upper()
    return "".join(c if c in "Đ" else _base_letter(c) for c in text)


def _base_letter(char: str) -> str:
    return unicodedata.normalize("NFD", char)[0]


def document_symbol(*, prefix: str, agency: Agency) -> str:
    return f"{prefix}-{agency_abbreviation(agency)}" if prefix else agency_abbreviation(agency)


def result_template_for(*, dossier: Dossier, code: str) -> DocumentTemplate:
    """The revision of ``code`` the dossier's version pinned (publishing links the templates
    of the day), else the newest revision of ``code``."""
    linked = (
        DocumentTemplate.objects.filter(
            procedure_version_links__version=dossier.version_id, code=code
        )
        .order_by("-revision", "-pk")
        .first()
    )
    if linked is not None:
        return linked
    newest = DocumentTemplate.objects.filter(code=code).order_by("-revision").first()
    if newest is None:  # a fresh database: the shipped documents become revision 1
        document_template_install_defaults()
        newest = DocumentTemplate.objects.filter(code=code).order_by("-revision").first()
    if newest is None:
        raise DocumentTemplate.DoesNotExist(f"no document template with code {code!r}")
    return newest


def verification_url(document: DossierDocument) -> str:
    return f"{public_url()}/verify/{verification_token(document.pk)}/"


def result_number(*, document: DossierDocument, agency: Agency, prefix: str) -> None:
    """Give ``document`` the agency's next number of the year and its symbol (not saved)."""
    symbol = document_symbol(prefix=prefix, agency=agency)
    year = timezone.localdate().year
    document.number = document_number_take(agency=agency, year=year, series=symbol)
    document.symbol = symbol


def result_context(
    *, dossier: Dossier, document: DossierDocument, agency: Agency, leader: Any, title: str
) -> dict[str, Any]:
    """Forms' context, with the issuing agency's header, the number, the signer and what the
    result prints about the dossier (its form data, the owner's name and birth date)."""
    owner = dossier.owner
    return document_context(
        dossier=dossier,
        kind=DossierDocument.Kind.RESULT,
        officer=leader,
        at=timezone.now(),
        extra={
            "agency": agency_context(agency),
            "document": {"number": f"{document.number:02d}", "symbol": document.symbol},
            "signer": {**officer_context(leader), "title": title},
            "owner": {
                "name": str(owner.get("full_name") or ""),
                "birth_date": _date(owner.get("birth_date")),
            },
            "data": dict(dossier.data or {}),
            "verify": {"url": verification_url(document)},
        },
    )


def _date(value: Any) -> date | None:
    """A stored ISO date as a date (the templates format it), else None."""
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def result_render(
    *,
    dossier: Dossier,
    document: DossierDocument,
    template: DocumentTemplate,
    agency: Agency,
    leader: Any,
    title: str,
) -> bytes:
    context = result_context(
        dossier=dossier, document=document, agency=agency, leader=leader, title=title
    )
    return document_render(template=template, context=context, qr_url=verification_url(document))
