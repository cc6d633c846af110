"""A dossier -> the plain context the document templates read (docs/documents.md, "Context
keys"): strings, numbers, dates and lists of them, never a model instance."""

from collections import Counter
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from workflows.models import Agency, Dossier, DossierDocument

from .control_slip import control_slip_context
from .fees import fee_context
from .people import applicant_context, officer_context
from .texts import SYMBOLS, document_form_text, place_name, processing_time_text

DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"


def public_url() -> str:
    return str(getattr(settings, "MOTCUA_PUBLIC_URL", "") or DEFAULT_PUBLIC_URL).rstrip("/")


def track_url(dossier: Dossier) -> str:
    """The public page where the dossier is tracked (its QR code); empty without a code."""
    return f"{public_url()}/track/{dossier.code}/" if dossier.code else ""


def document_context(
    *,
    dossier: Dossier,
    kind: str,
    officer: Any = None,
    extra: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> dict[str, Any]:
    """Everything Forms 01-03 and the acknowledgement print about ``dossier``; ``extra``
    (``supplement``, ``refusal``, ``signer``...) is merged over it, key by key."""
    dossier = (
        Dossier.objects.select_related(
            "version__procedure", "case", "receiving_agency__parent", "competent_agency"
        )
        .prefetch_related("attachments")
        .get(pk=dossier.pk)
    )
    agency = dossier.receiving_agency
    context: dict[str, Any] = {
        "agency": agency_context(agency),
        "document": {
            "number": dossier.code or "",
            "symbol": SYMBOLS.get(kind, ""),
            "date": at or timezone.now(),
            "copy": "1",
        },
        "dossier": dossier_context(dossier),
        "applicant": applicant_context(dossier),
        "officer": officer_context(officer),
        "tracking": {
            "url": track_url(dossier),
            "lookup_url": f"{public_url()}/track/",
            "secret": dossier.tracking_secret,
        },
        "supplement": supplement_context(dossier),
        "refusal": {"reason": ""},
    }
    if kind == DossierDocument.Kind.FEE_RECEIPT:
        context["fee"] = fee_context(dossier)
    if kind == DossierDocument.Kind.CONTROL_SLIP:
        context["control_slip"] = control_slip_context(dossier, at=at)
    for key, value in (extra or {}).items():
        if isinstance(value, dict) and isinstance(context.get(key), dict):
            context[key] = {**context[key], **value}
        else:
            context[key] = value
    return context


def agency_context(agency: Agency) -> dict[str, str]:
    ancestors = list(Agency.objects.filter(pk__in=agency.ancestor_ids()).order_by("depth"))
    parent = agency.parent
    return {
        "governing_body": parent.name if parent is not None else "",
        "name": agency.name,
        "reception_unit": agency.name,
        "place": place_name(agency, ancestors),
        "address": agency.address,
        "phone": "",
        "lookup_url": f"{public_url()}/track/",
    }


def dossier_context(dossier: Dossier) -> dict[str, Any]:
    procedure = dossier.version.procedure
    return {
        "code": dossier.code or "",
        "procedure_name": procedure.name,
        "procedure_code": procedure.code,
        "case_name": dossier.case.name,
        "documents": received_documents(dossier),
        "sets": 1,
        "processing_time": processing_time_text(dossier.case),
        "channel": dossier.get_channel_display(),
        "submitted_at": dossier.submitted_at,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "appointment_date": dossier.appointment_date,
        "result_delivery": result_delivery(dossier),
        "register_book": "",
        "register_entry": "",
    }


def received_documents(dossier: Dossier) -> list[dict[str, Any]]:
    """The case's documents, each with the files received for it (``received``). With no file
    at all (a paper dossier at the counter) every document of the case is listed as received
    on paper; otherwise only those with a file."""
    files: Counter[str] = Counter(a.document_code for a in dossier.attachments.all())
    documents = []
    for item in dossier.case.required_documents or []:
        form, copies = document_form_text(item)
        received = files.get(str(item.get("code")), 0)
        if files and not received:
            continue
        documents.append(
            {
                "code": str(item.get("code") or ""),
                "name": str(item.get("name") or ""),
                "form": form,
                "copies": copies,
                "received": received,
            }
        )
    return documents


def result_delivery(dossier: Dossier) -> str:
    """Where the result is returned: what the applicant chose (``data.result_delivery`` as
    text), else the receiving agency."""
    chosen = (dossier.data or {}).get("result_delivery")
    if isinstance(chosen, str) and chosen.strip():
        return chosen.strip()
    agency = dossier.receiving_agency
    return f"{agency.name}, {agency.address}" if agency.address else agency.name


def supplement_context(dossier: Dossier) -> dict[str, Any]:
    request = getattr(dossier, "supplementation", None) if dossier.pk else None
    if request is None:
        return {"items": [], "reason": ""}
    return {"items": missing_item_texts(request.items), "reason": request.reason}


def missing_item_texts(items: list[dict[str, Any]]) -> list[str]:
    """Form 02's lines: the name of what is missing, with its note."""
    lines = []
    for item in items:
        name, note = str(item.get("name") or ""), str(item.get("note") or "")
        lines.append(f"{name}: {note}" if note else name)
    return lines
