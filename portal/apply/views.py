"""Apply online: the form of a procedure version's case, drafts, and the submission.

One POST endpoint takes the page's buttons: ``_fr_*`` (the renderer's: add or remove a row,
update the communes) re-render; ``_save`` keeps a draft; ``_submit`` files the dossier.
Files chosen in a post that does not file a dossier are kept with the draft (a browser
cannot show them again)."""

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from forms import FormDataInvalid, form_data_clean, form_data_from_post
from portal.apply.consent import consent_from_post
from portal.apply.drafts import draft_delete, draft_documents, draft_for, draft_save
from portal.apply.page import apply_context
from portal.apply.receivers import receiving_agency_chosen
from portal.apply.uploads import uploads_read
from portal.formrender import form_action, form_render
from portal.mine.notifications import channels_from_post
from portal.models import ApplicationDraft
from workflows.errors import SubmissionInvalid
from workflows.models import Dossier, DossierDocument, ProcedureCase, ProcedureVersion
from workflows.services.submission import dossier_submit

Errors = dict[str, list[str]]


def _version_and_case(version_id: int, case_code: str) -> tuple[ProcedureVersion, ProcedureCase]:
    version = get_object_or_404(
        ProcedureVersion.objects.select_related("procedure", "agency"),
        pk=version_id,
        status=ProcedureVersion.Status.PUBLISHED,
    )
    return version, get_object_or_404(ProcedureCase, version=version, code=case_code)


def _page(request: HttpRequest, version: ProcedureVersion, case: ProcedureCase, **kw: Any) -> Any:
    url = reverse("apply:fields", args=[version.pk, case.code])
    context = apply_context(version=version, case=case, refresh_url=url, **kw)
    status = 400 if kw.get("errors") else 200
    return render(request, "portal/apply/form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, version_id: int, case_code: str) -> HttpResponse:
    version, case = _version_and_case(version_id, case_code)
    draft_id = request.POST.get("_draft") or request.GET.get("draft")
    draft = draft_for(owner=request.user, draft_id=draft_id)
    if draft is not None and (draft.version_id != version.pk or draft.case_id != case.pk):
        raise Http404
    if request.method == "GET":
        data = draft.data if draft is not None else None
        return _page(
            request, version, case, data=data, errors={}, draft=draft, key=_key(), post=None
        )
    schema = version.form_schema or {}
    post = request.POST
    data = form_data_from_post(schema, post)
    key = str(post.get("_submission_key") or _key())[:100]
    files, errors = uploads_read(request.FILES, case)
    action = form_action(post)
    if action is None and "_submit" in post and not errors:
        dossier, errors = _submit(request, version, case, data, files, draft, key)
        if dossier is not None:
            return redirect("apply:submitted", code=dossier.code)
    elif action is None and "_save" in post:
        try:
            cleaned = form_data_clean(schema, data, partial=True)
        except FormDataInvalid as invalid:
            errors = {**invalid.errors, **errors}
        else:
            draft = draft_save(
                owner=request.user,
                version=version,
                case=case,
                draft=draft,
                data=cleaned,
                files=files,
            )
            messages.success(request, _("Your draft is saved. Find it again under My dossiers."))
            return redirect(f"{request.path}?draft={draft.pk}")
    elif action is not None:
        data = action.apply(schema, data)
    if files:  # not filed: keep the chosen files with the draft
        draft = draft_save(
            owner=request.user,
            version=version,
            case=case,
            draft=draft,
            data=None if draft else data,
            files=files,
        )
        messages.info(request, _("The files you chose are kept with your draft."))
    return _page(request, version, case, data=data, errors=errors, draft=draft, key=key, post=post)


def _submit(
    request: HttpRequest,
    version: ProcedureVersion,
    case: ProcedureCase,
    data: dict[str, Any],
    files: list[Any],
    draft: ApplicationDraft | None,
    key: str,
) -> tuple[Dossier | None, Errors]:
    receiving = receiving_agency_chosen(version, str(request.POST.get("_receiving_agency", "")))
    if receiving is None:
        errors: Errors = {"receiving_agency": [_("Choose the agency that receives the dossier.")]}
        try:
            form_data_clean(version.form_schema or {}, data)
        except FormDataInvalid as invalid:
            errors.update(invalid.errors)
        return None, errors
    documents = files + draft_documents(draft, except_codes={f.document_code for f in files})
    try:
        submission = dossier_submit(
            version=version,
            case=case,
            channel=Dossier.Channel.ONLINE,
            data=data,
            documents=documents,
            receiving_agency=receiving,
            submission_key=key,
            applicant=request.user,
            consent=consent_from_post(request.POST),
            notify_channels=channels_from_post(request.POST),
        )
    except SubmissionInvalid as invalid:
        return None, invalid.errors
    if draft is not None:
        draft_delete(draft=draft)
    return submission.dossier, {}


def _key() -> str:
    return uuid.uuid4().hex


@login_required
@require_POST
def fields(request: HttpRequest, version_id: int, case_code: str) -> HttpResponse:
    """The form's fields re-rendered for the data posted (htmx: conditions, communes)."""
    version, case = _version_and_case(version_id, case_code)
    schema = version.form_schema or {}
    data = form_data_from_post(schema, request.POST)
    url = reverse("apply:fields", args=[version.pk, case.code])
    return HttpResponse(form_render(schema, data=data, refresh_url=url).html)


@login_required
def submitted(request: HttpRequest, code: str) -> HttpResponse:
    dossier = get_object_or_404(
        Dossier.objects.select_related("version__procedure", "case"),
        code=code,
        applicant=request.user,
    )
    acknowledgement = dossier.documents.filter(kind=DossierDocument.Kind.ACKNOWLEDGEMENT).first()
    return render(
        request,
        "portal/apply/submitted.html",
        {"dossier": dossier, "acknowledgement": acknowledgement},
    )
