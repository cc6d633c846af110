"""Form 06 on demand from a task's page: the processing control slip as of now."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from signing.rendering import DocumentTemplateError
from workflows.services.control_slip import ControlSlipRefused, dossier_control_slip_issue

from .access import dossier_of_task, officer_required, task_or_404


@require_POST
@officer_required
def task_control_slip(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_or_404(request.user, task_id)
    dossier = dossier_of_task(task)
    try:
        document = dossier_control_slip_issue(dossier=dossier, by=request.user)
    except ControlSlipRefused:
        messages.error(request, _("You may not issue the control slip of this dossier."))
        return redirect("workspace:task", task_id=task.pk)
    except DocumentTemplateError:
        messages.error(request, _("The control slip's template could not be filled in."))
        return redirect("workspace:task", task_id=task.pk)
    return redirect("workspace:document-preview", document_id=document.pk)
