"""The apology and new date (Form 04) from the task page (the form: ``deadline_context``)."""

from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workflows.services.apology import ApologyRefused, dossier_apologise

from .access import dossier_of_task, officer_required, task_or_404
from .deadline_context import ApologyForm
from .tasks import render_task


@require_POST
@officer_required
def task_apologise(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_or_404(request.user, task_id)
    form = ApologyForm(request.POST, prefix="apology")
    if not form.is_valid():
        return render_task(request, task, bound={"apology": form}, status=400)
    new_date: date = form.cleaned_data["new_appointment_date"]
    try:
        dossier_apologise(
            dossier=dossier_of_task(task),
            by=request.user,
            reason=form.cleaned_data["reason"],
            new_appointment_date=new_date,
        )
    except ApologyRefused as error:
        form.add_error(None, str(error))
        return render_task(request, task, bound={"apology": form}, status=409)
    messages.success(
        request,
        _("The apology was issued: the dossier is now due on %(date)s.")
        % {"date": f"{new_date:%d/%m/%Y}"},
    )
    return redirect("workspace:task", task_id=task.pk)
