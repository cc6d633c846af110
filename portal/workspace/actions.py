"""What an officer does with a task: claim, release, reassign (leaders), and complete it with
one of its step's outcomes. POST only; a success redirects (POST-redirect-GET), a refused
request shows why on the task page, with what the user typed kept."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from viewflow.workflow.models import Task

from workflows.engine import StepFormInvalid, TaskNotAvailable, UnknownOutcome
from workflows.engine import task_claim as engine_claim
from workflows.engine import task_complete as engine_complete
from workflows.engine import task_release as engine_release
from workflows.errors import (
    DossierAlreadyReceived,
    OutcomeNeedsService,
    RefusalReasonRequired,
    SupplementationAlreadyRequested,
    SupplementationItemsRequired,
)
from workflows.services.reassign import ReassignRefused, task_reassign
from workflows.services.reception import (
    dossier_accept,
    dossier_refuse,
    dossier_request_supplementation,
)
from workflows.services.result_signing import (
    SigningNotPossible,
    result_signature_request,
    step_signing,
)

from .access import dossier_of_task, officer_required, task_or_404
from .outcome_forms import (
    AcceptForm,
    OutcomeForm,
    RefuseForm,
    SupplementForm,
    step_form_data,
    step_form_for,
)
from .tasks import render_task

REFUSALS = (
    TaskNotAvailable,
    UnknownOutcome,
    OutcomeNeedsService,
    DossierAlreadyReceived,
    SupplementationAlreadyRequested,
    SupplementationItemsRequired,
    RefusalReasonRequired,
    ReassignRefused,
    SigningNotPossible,
)


def _to_task(task_id: int) -> HttpResponse:
    return redirect("workspace:task", task_id=task_id)


def explain(error: Exception, task: Task) -> str:
    """The message for a refused request (the services' own messages are for developers,
    except the reception services', which are written for officers)."""
    if isinstance(error, TaskNotAvailable):
        task.refresh_from_db()
        if task.owner_id:
            owner = task.owner
            name = owner.get_full_name() or owner.get_username()
            return _("This task is no longer available: %(name)s has it.") % {"name": name}
        return _("This task is no longer available to you (already done, or not your role).")
    if isinstance(error, ReassignRefused):
        return _("You cannot give this task to that officer.")
    if isinstance(error, UnknownOutcome | OutcomeNeedsService):
        return _("That outcome is not available on this step.")
    return str(error)


@require_POST
@officer_required
def task_claim(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_or_404(request.user, task_id)
    try:
        engine_claim(task_id=task.pk, user=request.user)
    except TaskNotAvailable as error:
        messages.error(request, explain(error, task))
    else:
        messages.success(request, _("The task is yours."))
    return _to_task(task.pk)


@require_POST
@officer_required
def task_release(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_or_404(request.user, task_id)
    try:
        engine_release(task_id=task.pk, user=request.user)
    except TaskNotAvailable as error:
        messages.error(request, explain(error, task))
    else:
        messages.success(request, _("The task is back in its queue."))
    return _to_task(task.pk)


@require_POST
@officer_required
def task_reassign_view(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_or_404(request.user, task_id)
    officer = _int(request.POST.get("officer"))
    to = get_user_model().objects.filter(pk=officer).first() if officer else None
    if to is None:
        messages.error(request, _("Choose the officer to give the task to."))
        return _to_task(task.pk)
    try:
        task_reassign(
            task_id=task.pk, user=request.user, to=to, comment=request.POST.get("comment", "")
        )
    except (TaskNotAvailable, ReassignRefused) as error:
        messages.error(request, explain(error, task))
    else:
        messages.success(request, _("The task was given to the officer you chose."))
    return _to_task(task.pk)


@require_POST
@officer_required
def task_outcome(request: HttpRequest, task_id: int, kind: str) -> HttpResponse:
    task = task_or_404(request.user, task_id)
    handlers: dict[str, Callable[[HttpRequest, Task], tuple[Any, Callable[[], Any]]]] = {
        "accept": _accept,
        "supplement": _supplement,
        "refuse": _refuse,
        "outcome": _other,
    }
    if kind not in handlers:
        raise Http404
    form, run = handlers[kind](request, task)
    bound: dict[str, Any] = {kind: form}
    step_form = step_form_for(task, request.POST) if kind == "outcome" else None
    if step_form is not None:
        bound["step"] = step_form
        step_form.is_valid()  # its errors show with the form; the engine decides
    if not form.is_valid():
        return render_task(request, task, bound=bound, status=400)
    try:
        run()
    except StepFormInvalid as error:
        for name, problems in error.errors.items():
            target = step_form if step_form is not None and name in step_form.fields else form
            for problem in problems:
                if target is form:
                    problem = f"{name}: {problem}"
                target.add_error(name if target is step_form else None, problem)
        return render_task(request, task, bound=bound, status=400)
    except ValidationError as error:
        form.add_error(None, error)
        return render_task(request, task, bound=bound, status=400)
    except REFUSALS as error:
        messages.error(request, explain(error, task))
        task.refresh_from_db()
        return render_task(request, task, bound=bound, status=409)
    if kind == "outcome" and _signs(task, form.cleaned_data["outcome"]):
        messages.success(request, _("The result was issued and is awaiting signature."))
    else:
        messages.success(request, _("Done: the dossier moved on."))
    return _to_task(task.pk)


def _accept(request: HttpRequest, task: Task) -> tuple[Any, Callable[[], Any]]:
    form = AcceptForm(request.POST, prefix="accept")
    return form, lambda: dossier_accept(
        task_id=task.pk, user=request.user, comment=form.cleaned_data["comment"]
    )


def _supplement(request: HttpRequest, task: Task) -> tuple[Any, Callable[[], Any]]:
    form = SupplementForm(request.POST, prefix="supplement", case=dossier_of_task(task).case)
    return form, lambda: dossier_request_supplementation(
        task_id=task.pk,
        user=request.user,
        items=form.items(),
        reason=form.cleaned_data["reason"],
    )


def _refuse(request: HttpRequest, task: Task) -> tuple[Any, Callable[[], Any]]:
    form = RefuseForm(request.POST, prefix="refuse")
    return form, lambda: dossier_refuse(
        task_id=task.pk, user=request.user, reason=form.cleaned_data["reason"]
    )


def _signs(task: Task, outcome: str) -> bool:
    """Whether ``outcome`` is the step's signing outcome (the result is signed first)."""
    sign = step_signing(task)
    return sign is not None and sign.outcome == outcome


def _other(request: HttpRequest, task: Task) -> tuple[Any, Callable[[], Any]]:
    form = OutcomeForm(request.POST, prefix="outcome", outcomes=task.flow_task.outcomes)
    step_form = step_form_for(task, request.POST)

    def run() -> Any:
        outcome = form.cleaned_data["outcome"]
        complete = result_signature_request if _signs(task, outcome) else engine_complete
        return complete(
            task_id=task.pk,
            user=request.user,
            outcome=outcome,
            comment=form.cleaned_data["comment"],
            data=step_form_data(step_form),
        )

    return form, run


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
