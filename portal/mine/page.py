"""The context of the applicant's dossier page: facts, timeline, data, files, documents, and
the forms the applicant may use now (supplementation, withdrawal, rating)."""

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from forms import form_personal_merge
from portal.apply.uploads import ACCEPT, max_bytes
from portal.formrender import form_render
from portal.mine.access import is_applicant
from portal.mine.data import dossier_data_rows
from portal.mine.notifications import notifications_context
from portal.mine.pay_page import pay_context
from workflows.models import Dossier, ServiceRating, SupplementationRequest
from workflows.selectors.issued_documents import documents_issued
from workflows.selectors.timeline import dossier_timeline
from workflows.services.ratings import CRITERIA, dossier_rating_open
from workflows.services.withdrawal import dossier_withdrawable


def open_supplementation(dossier: Dossier) -> SupplementationRequest | None:
    if dossier.status != Dossier.Status.SUPPLEMENTATION_REQUESTED:
        return None
    request = SupplementationRequest.objects.filter(dossier=dossier).first()
    return request if request is not None and request.answered_at is None else None


def dossier_context(
    request: HttpRequest,
    dossier: Dossier,
    *,
    supplement_data: Mapping[str, Any] | None = None,
    supplement_errors: Mapping[str, list[str]] | None = None,
    post: Mapping[str, Any] | None = None,
    errors: Mapping[str, list[str]] | None = None,
) -> dict[str, Any]:
    applicant = is_applicant(request, dossier)
    errors = errors or {}
    context: dict[str, Any] = {
        "dossier": dossier,
        "applicant": applicant,
        "timeline": dossier_timeline(dossier_id=dossier.pk, definition=dossier.version.definition),
        "data_rows": dossier_data_rows(dossier),
        "attachments": _attachments(dossier),
        "documents": list(documents_issued(dossier).order_by("created_at")),
        "rating": ServiceRating.objects.filter(dossier=dossier).first(),
        "post": post or {},
        "errors": errors,
    }
    context.update(pay_context(dossier, applicant=applicant))
    context.update(notifications_context(dossier, applicant=applicant, post=post, errors=errors))
    if not applicant:
        return context
    supplementation = open_supplementation(dossier)
    if supplementation is not None:
        schema = dossier.version.form_schema or {}
        data = supplement_data
        if data is None:
            data = form_personal_merge(schema, dossier.personal or {}, dossier.data or {})
        rendered = form_render(schema, data=data, errors=supplement_errors or {})
        context.update(
            supplementation=supplementation,
            supplement_fields=rendered.html,
            form_errors=rendered.summary,
            supplement_documents=[
                item for item in dossier.case.required_documents or [] if item.get("code")
            ],
            accept=ACCEPT,
            max_mib=max_bytes() // 2**20,
        )
    context["can_withdraw"] = dossier_withdrawable(dossier)
    if dossier_rating_open(dossier):
        context["rating_criteria"] = list(CRITERIA.items())
        context["scores"] = [5, 4, 3, 2, 1]
    context["action_base"] = reverse("mine:dossier", kwargs={"code": dossier.code})
    return context


def _attachments(dossier: Dossier) -> list[tuple[Any, str]]:
    """Each file with the name of its document in the case (its code if none)."""
    names = {str(d.get("code")): str(d.get("name", "")) for d in dossier.case.required_documents}
    files = dossier.attachments.order_by("document_code", "uploaded_at")
    return [(f, names.get(f.document_code) or f.document_code) for f in files]
