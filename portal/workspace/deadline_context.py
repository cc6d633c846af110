"""The task page's deadline forms: the apology and new date (Form 04), shown while the
service allows it (else the rule that stops it), and stopping the processing (Form 05) on a
step that offers ``stop``. The POSTs are ``apology.task_apologise`` and ``stop.task_stop``."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflows.deadlines.officers import holds_open_task, leads
from workflows.models import Dossier, DossierApology
from workflows.services import apology, stop

OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


class ApologyForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the dossier will be late"),
        max_length=apology.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    new_appointment_date = forms.DateField(
        label=_("New appointment date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )


class StopForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for stopping"),
        max_length=stop.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def deadline_context(
    *, user: Any, task: Task, dossier: Dossier, bound: dict[str, Any]
) -> dict[str, Any]:
    return {
        **apology_context(user=user, dossier=dossier, bound=bound),
        **stop_context(task=task, bound=bound),
    }


def apology_context(*, user: Any, dossier: Dossier, bound: dict[str, Any]) -> dict[str, Any]:
    """The form when the user may apologise now; else, for the officers handling the
    dossier, why not; the apology issued if there is one."""
    issued = DossierApology.objects.filter(dossier=dossier).first()
    if issued is not None:
        return {"apology": issued}
    if dossier.due_at is None:
        return {}
    handles = holds_open_task(user=user, dossier=dossier)
    if not (handles or leads(user=user, agency=dossier.competent_agency)):
        return {}
    refusal = apology.apology_refusal(dossier=dossier, by=user)
    if refusal:
        return {"apology_refusal": refusal}
    return {
        "apology_form": bound.get("apology") or ApologyForm(prefix="apology"),
        "apology_last_moment": apology.apology_deadline(dossier),
    }


def stop_context(*, task: Task, bound: dict[str, Any]) -> dict[str, Any]:
    """The form on an open task whose step offers ``stop``."""
    if task.status not in OPEN or stop.STOP not in task.flow_task.outcomes:
        return {}
    return {"stop_form": bound.get("stop") or StopForm(prefix="stop")}
