"""The result's signing on the task page: its state ("Đang chờ ký số", failed with the
reason) and "Ký lại" (sign again after a failure). Completing the step's signing outcome
goes through the outcome form (``actions``), which hands it to the signing service."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from viewflow.workflow.models import Task

from signing.errors import SigningError
from workflows.engine import TaskNotAvailable
from workflows.models import DossierDocument
from workflows.services.result_signing import (
    SigningNotPossible,
    result_signature_retry,
    step_signing,
    task_signing,
)
from workflows.services.result_signing_worker import (
    result_signature_upload,
    result_signing_pending,
)

from .access import officer_required, task_or_404

State = DossierDocument.SignatureState
MAX_CMS_BYTES = 256 * 1024  # a CMS with its chain is a few kilobytes


def signing_context(task: Task) -> dict[str, Any]:
    """What the task page shows of the step's signing ({} for a step that signs nothing)."""
    sign = step_signing(task)
    if sign is None:
        return {}
    signing = task_signing(task)
    state = signing.get("state", "")
    pending = result_signing_pending(task=task) if state == State.AWAITING else None
    return {
        "signing_usb": pending is not None and pending.signer.backend == "usb",
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


class UsbSignatureForm(forms.Form):
    signature = forms.FileField(
        label=gettext_lazy("Signature file from the signing software (CMS, .p7s)"),
        help_text=gettext_lazy("Made with your USB token over the digest shown above."),
    )

    def clean_signature(self) -> bytes:
        upload = self.cleaned_data["signature"]
        if (upload.size or 0) > MAX_CMS_BYTES:
            raise forms.ValidationError(_("This file is too large to be a signature."))
        return bytes(upload.read())


@require_http_methods(["GET", "POST"])
@officer_required
def task_sign_usb(request: HttpRequest, task_id: int) -> HttpResponse:
    """The leader's USB token: the digest to sign on their PC, and the upload of the
    signature it makes. Only the leader whose signature the step waits for."""
    task = task_or_404(request.user, task_id)
    pending = result_signing_pending(task=task)
    mine = pending is not None and task.owner_id == request.user.pk
    if pending is None or not mine or pending.signer.backend != "usb":
        raise Http404
    form = UsbSignatureForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result_signature_upload(
                task_id=task.pk, user=request.user, cms=form.cleaned_data["signature"]
            )
        except TaskNotAvailable:
            messages.error(request, _("This task is no longer available to you."))
            return redirect("workspace:task", task_id=task.pk)
        except SigningError as error:
            form.add_error("signature", str(error))
        else:
            messages.success(request, _("Your signature was received."))
            return redirect("workspace:task", task_id=task.pk)
    context = {"task": task, "pending": pending, "form": form}
    status = 400 if form.is_bound else 200
    return render(request, "portal/workspace/sign_usb.html", context, status=status)
