"""The task page: the dossier (data, documents, issued documents, processing log) and what
the user may do with the task (claim, release, reassign, the step's outcome forms)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from core.audit.models import AccessLogEntry
from core.audit.services import access_record
from workflows.engine.runtime import EFFECT_OUTCOMES
from workflows.models import Dossier, Membership, ProcessingLogEntry
from workflows.services.reassign import task_step_agency, user_may_reassign

from .access import dossier_of_task, officer_required, task_or_404
from .deadline_context import deadline_context
from .dossier_data import dossier_items
from .outcome_forms import (
    AcceptForm,
    OutcomeForm,
    RefuseForm,
    SupplementForm,
    plain_outcomes,
    step_form_for,
)
from .rows import due_class, step_title
from .signing import signing_context

OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


@require_safe
@officer_required
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_or_404(request.user, task_id)
    return render_task(request, task)


def render_task(
    request: HttpRequest, task: Task, *, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    """The page, with ``bound`` forms (a POST that failed) in place of the empty ones."""
    dossier = dossier_of_task(task)
    access_record(
        actor=request.user, action=AccessLogEntry.Action.VIEW, obj=dossier, path=request.path
    )
    context = {
        "task": task,
        "step": step_title(task),
        "due_class": due_class(task.scheduled),
        "dossier": dossier,
        "owner": dossier.owner,
        "items": dossier_items(dossier),
        "attachments": dossier.attachments.order_by("uploaded_at", "pk"),
        "documents": dossier.documents.order_by("created_at", "pk"),
        "log": ProcessingLogEntry.objects.filter(dossier=dossier).select_related("actor"),
        "is_open": task.status in OPEN,
        "may_reassign": task.status in OPEN and user_may_reassign(user=request.user, task=task),
        **_forms(task, dossier, bound or {}),
        **signing_context(task),
        **deadline_context(user=request.user, task=task, dossier=dossier, bound=bound or {}),
    }
    if context["may_reassign"]:
        context["candidates"] = reassign_candidates(task)
    return render(request, "portal/workspace/task.html", context, status=status)


def _forms(task: Task, dossier: Dossier, bound: dict[str, Any]) -> dict[str, Any]:
    if task.status not in OPEN or signing_context(task).get("signing_awaiting"):
        return {}
    outcomes = task.flow_task.outcomes
    forms: dict[str, Any] = {}
    if "accept" in outcomes and dossier.received_at is None:
        forms["accept_form"] = bound.get("accept") or AcceptForm(prefix="accept")
    if "supplement" in outcomes and not hasattr(dossier, "supplementation"):
        forms["supplement_form"] = bound.get("supplement") or SupplementForm(
            prefix="supplement", case=dossier.case
        )
    if "refuse" in outcomes:
        forms["refuse_form"] = bound.get("refuse") or RefuseForm(prefix="refuse")
    if plain_outcomes(outcomes):
        forms["outcome_form"] = bound.get("outcome") or OutcomeForm(
            prefix="outcome", outcomes=outcomes
        )
        forms["step_form"] = bound.get("step") or step_form_for(task)
    forms["is_reception"] = any(code in EFFECT_OUTCOMES for code in outcomes)
    return forms


def reassign_candidates(task: Task) -> list[Any]:
    """The active officers holding the step's role in the step's agency today."""
    role, agency = task_step_agency(task)
    users = (
        Membership.objects.effective()
        .filter(role__code=role, agency__code=agency, user__is_active=True)
        .values_list("user_id", flat=True)
    )
    return list(get_user_model().objects.filter(pk__in=users).order_by("last_name", "first_name"))
