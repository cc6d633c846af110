"""The result's signing on the task page: its state ("Đang chờ ký số", failed with the
reason) and "Ký lại" (sign again after a failure). Completing the step's signing outcome
goes through the outcome form (``actions``), which hands it to the signing service."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from viewflow.workflow.models import Task

from workflows.engine import TaskNotAvailable
from workflows.models import DossierDocument
from workflows.services.result_signing import (
    SigningNotPossible,
    result_signature_retry,
    step_signing,
    task_signing,
)

from .access import officer_required, task_or_404

State = DossierDocument.SignatureState


def signing_context(task: Task) -> dict[str, Any]:
    """What the task page shows of the step's signing ({} for a step that signs nothing)."""
    sign = step_signing(task)
    if sign is None:
        return {}
    signing = task_signing(task)
    state = signing.get("state", "")
    return {
        "sign": sign,
        "signing_state": state,
        "signing_awaiting": state == State.AWAITING,
        "signing_failed": state == State.FAILED,
        "signing_error": signing.get("error", ""),
    }


@require_POST
@officer_required
def task_sign_retry(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_or_404(request.user, task_id)
    try:
        result_signature_retry(task_id=task.pk, user=request.user)
    except TaskNotAvailable:
        messages.error(request, _("This task is no longer available to you."))
    except SigningNotPossible as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The result is being signed again."))
    return redirect("workspace:task", task_id=task.pk)
