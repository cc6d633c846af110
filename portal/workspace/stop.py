"""Stopping the processing (Form 05) from the task page (the form: ``deadline_context``)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workflows.engine import TaskNotAvailable
from workflows.services.stop import StopRefused, dossier_stop

from .access import dossier_of_task, officer_required, task_or_404
from .actions import explain
from .deadline_context import StopForm
from .tasks import render_task


@require_POST
@officer_required
def task_stop(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_or_404(request.user, task_id)
    form = StopForm(request.POST, prefix="stop")
    if not form.is_valid():
        return render_task(request, task, bound={"stop": form}, status=400)
    try:
        dossier_stop(
            dossier=dossier_of_task(task), by=request.user, reason=form.cleaned_data["reason"]
        )
    except StopRefused as error:
        form.add_error(None, str(error))
        return render_task(request, task, bound={"stop": form}, status=409)
    except TaskNotAvailable as error:
        messages.error(request, explain(error, task))
        task.refresh_from_db()
        return render_task(request, task, bound={"stop": form}, status=409)
    messages.success(request, _("The processing was stopped; the notice (Form 05) was issued."))
    return redirect("workspace:task", task_id=task.pk)
