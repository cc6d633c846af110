"""Who may open the workspace, and the task or attachment a request names (404 otherwise)."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from viewflow.workflow.models import Task

from workflows.engine.nodes import UserTask
from workflows.engine.queues import task_visible_to
from workflows.models import Dossier
from workflows.selectors.memberships import memberships_for

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def is_officer(user: Any) -> bool:
    """An account with at least one effective membership (or a superuser)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser) or memberships_for(user).exists()


def officer_required(view: View) -> View:
    """Sign-in first; then 404 for an account that is nobody's officer."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_officer(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return cast(View, login_required(wrapped))


def task_or_404(user: Any, task_id: int) -> Task:
    """A user task of the user's agencies (any state), with its process; else 404."""
    task = (
        Task.objects.select_related("process", "owner")
        .filter(pk=task_id, flow_task_type="HUMAN")
        .first()
    )
    if task is None or not isinstance(task.flow_task, UserTask):
        raise Http404
    if not task_visible_to(user=user, task=task):
        raise Http404
    return task


def dossier_of_task(task: Task) -> Dossier:
    return Dossier.objects.select_related(
        "version__procedure", "case", "receiving_agency", "competent_agency"
    ).get(pk=task.process.artifact_object_id)
