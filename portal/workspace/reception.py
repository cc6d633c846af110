"""Counter and postal reception: an officer records a paper dossier (the form, the applicant's
contact in its personal fields, the scans) through ``dossier_submit``; the same code, forms
and process as online. Then the reception task, to accept at once and print Form 01."""

import uuid
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from forms import FormSchemaInvalid, form_data_from_post, privacy_notice
from portal.apply.consent import consent_from_post, consent_shown
from portal.formrender import ErrorLink, form_action, form_render
from workflows.engine.queues import task_visible_to
from workflows.errors import NotAReceptionOfficer, SubmissionInvalid
from workflows.models import Dossier
from workflows.selectors.dossiers import dossier_visible_to
from workflows.services.consent import RELATIONSHIPS
from workflows.services.submission import SubmittedDocument, dossier_submit

from .access import officer_required
from .reception_choices import Receivable, receivable, receivables

CHANNELS = {str(Dossier.Channel.IN_PERSON.value), str(Dossier.Channel.POST.value)}
RELATIONSHIP_LABELS = {
    "self": gettext_lazy("The applicant themself"),
    "father": gettext_lazy("Father"),
    "mother": gettext_lazy("Mother"),
    "guardian": gettext_lazy("Guardian"),
}
PAGE_ERRORS = {"channel": "#channel-1", "consent": "#consent-agree"}


@require_safe
@officer_required
def reception_choose(request: HttpRequest) -> HttpResponse:
    """The cases the user receives; a choice (``?case=<agency>-<case>``) opens its form."""
    choices = receivables(request.user)
    chosen = request.GET.get("case", "")
    for choice in choices:
        if choice.key == chosen:
            return redirect("workspace:reception-form", choice.agency.pk, choice.case.pk)
    error = _("Choose a procedure and case.") if chosen else ""
    return render(
        request, "portal/workspace/reception_choose.html", {"choices": choices, "error": error}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@officer_required
def reception_form(request: HttpRequest, agency_id: int, case_id: int) -> HttpResponse:
    found = receivable(request.user, agency_id, case_id)
    if found is None:
        raise Http404
    schema = found.version.form_schema or {}
    if request.method != "POST":
        return _page(request, found, data=None, key=uuid.uuid4().hex)
    key = str(request.POST.get("submission_key", ""))[:64] or uuid.uuid4().hex
    try:
        data = form_data_from_post(schema, request.POST)
    except FormSchemaInvalid:
        raise Http404 from None
    action = form_action(request.POST)
    if action is not None:  # a row added or removed, the communes refreshed: not a submit
        return _page(request, found, data=action.apply(schema, data), key=key)
    channel = str(request.POST.get("channel", ""))
    if channel not in CHANNELS:
        errors = {"channel": [_("Choose how the dossier came: at the counter or by post.")]}
        return _page(request, found, data=data, key=key, errors=errors, status=400)
    documents = [
        SubmittedDocument(document_code=code, name=upload.name or code, content=upload)
        for code in found.case.document_codes()
        for upload in request.FILES.getlist(f"document-{code}")
    ]
    try:
        submission = dossier_submit(
            version=found.version,
            case=found.case,
            channel=Dossier.Channel(int(channel)),
            data=data,
            documents=documents,
            receiving_agency=found.agency,
            submission_key=key,
            by=request.user,
            consent=consent_from_post(request.POST),
        )
    except SubmissionInvalid as error:
        return _page(request, found, data=data, key=key, errors=error.errors, status=400)
    except NotAReceptionOfficer:
        raise Http404 from None
    return redirect("workspace:reception-done", submission.dossier.pk)


@require_safe
@officer_required
def reception_done(request: HttpRequest, dossier_id: int) -> HttpResponse:
    """The code, and the reception task (accept at once, then print Form 01 from it)."""
    dossier = Dossier.objects.select_related("version__procedure").filter(pk=dossier_id).first()
    if dossier is None or not dossier_visible_to(user=request.user, dossier=dossier):
        raise Http404
    tasks = Task.objects.filter(
        process__artifact_object_id=dossier.pk,
        flow_task_type="HUMAN",
        status__in=[STATUS.NEW, STATUS.ASSIGNED],
    ).select_related("process")
    task = next((t for t in tasks if task_visible_to(user=request.user, task=t)), None)
    return render(
        request, "portal/workspace/reception_done.html", {"dossier": dossier, "task": task}
    )


def _page(
    request: HttpRequest,
    found: Receivable,
    *,
    data: dict[str, Any] | None,
    key: str,
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    schema = found.version.form_schema or {}
    errors = errors or {}
    rendered = form_render(schema, data=data, errors=errors)
    documents = [
        {
            "code": str(item.get("code")),
            "name": item.get("name") or item.get("code"),
            "required": bool(item.get("required")),
            "errors": errors.get(f"documents.{item.get('code')}", []),
        }
        for item in found.case.required_documents or []
    ]
    summary = list(rendered.summary)
    for document in documents:
        for message in document["errors"]:
            summary.append(ErrorLink(f"#document-{document['code']}", document["name"], message))
    for name, href in PAGE_ERRORS.items():
        for message in errors.get(name, []):
            summary.append(ErrorLink(href, name, message))
    for name in ("case", "version", "receiving_agency", "__all__"):
        for message in errors.get(name, []):
            summary.append(ErrorLink("#reception-form", "", message))
    post = request.POST if request.method == "POST" else {}
    context = {
        "found": found,
        "rendered": rendered,
        "form_errors": summary,
        "documents": documents,
        "key": key,
        "channel": str(post.get("channel", "")),
        "channel_errors": errors.get("channel", []),
        "notice": privacy_notice(schema),
        "consent": consent_shown(post),
        "consent_errors": errors.get("consent", []),
        "relationships": [(code, RELATIONSHIP_LABELS.get(code, code)) for code in RELATIONSHIPS],
        "channels": [Dossier.Channel.IN_PERSON, Dossier.Channel.POST],
    }
    return render(request, "portal/workspace/reception_form.html", context, status=status)
