"""The applicant's pages: /my/ (dossiers and drafts), a dossier's page and its actions
(supplementation, withdrawal, rating), and the issued documents' downloads."""

import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.audit.models import AccessLogEntry
from core.audit.services import access_record
from forms import FormDataInvalid, form_data_from_post
from portal.apply.drafts import draft_delete
from portal.apply.uploads import uploads_read
from portal.formrender import form_action, form_data_whole
from portal.mine.access import dossier_for_page, is_applicant
from portal.mine.page import dossier_context, open_supplementation
from portal.models import ApplicationDraft
from workflows.errors import AttachmentRejected, SupplementationNotOpen
from workflows.files import dossier_file_response
from workflows.models import Dossier
from workflows.selectors.issued_documents import documents_issued
from workflows.services.ratings import RatingNotAllowed, dossier_rate
from workflows.services.supplementation import dossier_supplement
from workflows.services.withdrawal import WithdrawalNotAllowed, dossier_withdraw

logger = logging.getLogger("motcua.portal")
PAGE_SIZE = 20


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    dossiers = (
        Dossier.objects.filter(applicant_id=request.user.pk)
        .exclude(code=None)
        .select_related("version__procedure")
        .order_by("-submitted_at", "-pk")
    )
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    drafts = ApplicationDraft.objects.filter(owner_id=request.user.pk).select_related(
        "version__procedure", "case"
    )
    return render(request, "portal/mine/home.html", {"page": page, "drafts": drafts})


@login_required
@require_POST
def draft_remove(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = get_object_or_404(ApplicationDraft, pk=draft_id, owner_id=request.user.pk)
    draft_delete(draft=draft)
    messages.success(request, _("The draft is deleted."))
    return redirect("mine:home")


@require_safe
def dossier(request: HttpRequest, code: str) -> HttpResponse:
    found = dossier_for_page(request, code)
    access_record(
        actor=request.user, action=AccessLogEntry.Action.VIEW, obj=found, path=request.path
    )
    return render(request, "portal/mine/dossier.html", dossier_context(request, found))


def _applicant_dossier(request: HttpRequest, code: str) -> Dossier:
    found = dossier_for_page(request, code)
    if not is_applicant(request, found):
        raise Http404  # a visitor with a grant reads; only the signed-in applicant acts
    return found


def _again(request: HttpRequest, found: Dossier, **context: Any) -> HttpResponse:
    page = dossier_context(request, found, post=request.POST, **context)
    return render(request, "portal/mine/dossier.html", page, status=400)


@login_required
@require_POST
def supplement(request: HttpRequest, code: str) -> HttpResponse:
    found = _applicant_dossier(request, code)
    if open_supplementation(found) is None:
        messages.error(request, _("No supplementation request of this dossier is open."))
        return redirect("mine:dossier", code=code)
    schema = found.version.form_schema or {}
    data = form_data_from_post(schema, request.POST)
    action = form_action(request.POST)
    if action is not None:
        data = action.apply(schema, data)
        page = dossier_context(request, found, supplement_data=data, post=request.POST)
        return render(request, "portal/mine/dossier.html", page)
    files, problems = uploads_read(request.FILES, found.case)
    if problems:
        return _again(request, found, supplement_data=data, errors=problems)
    try:
        dossier_supplement(
            dossier=found,
            by=request.user,
            data=form_data_whole(schema, data),
            documents=files,
            note=str(request.POST.get("note", ""))[:2000],
        )
    except FormDataInvalid as invalid:
        return _again(request, found, supplement_data=data, supplement_errors=invalid.errors)
    except AttachmentRejected:
        errors = {"documents": [_("A file was refused: PDF, JPEG or PNG, within the size.")]}
        return _again(request, found, supplement_data=data, errors=errors)
    except SupplementationNotOpen as closed:
        messages.error(request, str(closed))
        return redirect("mine:dossier", code=code)
    messages.success(request, _("Your supplement is sent. The agency goes on with the dossier."))
    return redirect("mine:dossier", code=code)


@login_required
@require_POST
def withdraw(request: HttpRequest, code: str) -> HttpResponse:
    found = _applicant_dossier(request, code)
    try:
        dossier_withdraw(dossier=found, by=request.user, reason=request.POST.get("reason", ""))
    except WithdrawalNotAllowed as refused:
        return _again(request, found, errors={"reason": [str(refused)]})
    messages.success(request, _("Your request to withdraw the dossier is sent."))
    return redirect("mine:dossier", code=code)


@login_required
@require_POST
def rate(request: HttpRequest, code: str) -> HttpResponse:
    found = _applicant_dossier(request, code)
    post = request.POST
    criteria = {
        key[len("criterion.") :]: _int(value)
        for key, value in post.items()
        if key.startswith("criterion.") and value
    }
    try:
        dossier_rate(
            dossier=found,
            by=request.user,
            score=_int(post.get("score")),
            criteria=criteria,
            comment=post.get("comment", ""),
        )
    except RatingNotAllowed as refused:
        return _again(request, found, errors={"score": [str(refused)]})
    messages.success(request, _("Thank you for rating the service."))
    return redirect("mine:dossier", code=code)


def _int(value: Any) -> Any:
    return int(value) if str(value or "").isdigit() else value


@require_safe
def document(request: HttpRequest, code: str, document_id: int) -> FileResponse:
    """An issued document (acknowledgement, Form 01/02/03, the result) for whoever may see
    the dossier's page; 404 otherwise."""
    found = dossier_for_page(request, code)
    issued = get_object_or_404(documents_issued(found), pk=document_id)
    return dossier_file_response(
        request,
        dossier=found,
        file=issued.file,
        name=f"{issued.kind}-{found.code}.pdf",
        content_type="application/pdf",
    )
