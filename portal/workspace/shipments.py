"""The result desk sends a result by post: the shipment's form on the task page (weight, cash
on delivery, who pays); the shipment is ordered and the step completes with ``shipped``."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from workflows.services.shipments import PostalError, ShipmentRefused, result_ship

from .access import officer_required, task_or_404
from .actions import REFUSALS, explain


class ShipForm(forms.Form):
    weight_grams = forms.IntegerField(
        label=_("Weight (grams)"), min_value=1, max_value=30_000, initial=200
    )
    cod_amount = forms.IntegerField(
        label=_("Cash on delivery (VND)"), min_value=0, max_value=100_000_000, initial=0
    )
    payer = forms.ChoiceField(
        label=_("Postage paid by"),
        choices=[("sender", _("The agency")), ("receiver", _("The applicant"))],
        initial="sender",
        widget=forms.RadioSelect,
    )


@require_POST
@officer_required
def task_ship(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_or_404(request.user, task_id)
    form = ShipForm(request.POST, prefix="ship")
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else str(error))
        return redirect("workspace:task", task_id=task.pk)
    try:
        info = result_ship(task_id=task.pk, by=request.user, **form.cleaned_data)
    except ShipmentRefused as error:
        messages.error(request, str(error))
    except PostalError:
        messages.error(
            request,
            gettext("The postal service did not answer. Nothing was sent: try again shortly."),
        )
    except REFUSALS as error:
        messages.error(request, explain(error, task))
    else:
        messages.success(
            request,
            gettext("Sent by post: tracking number %(number)s.") % {"number": info.tracking_number},
        )
    return redirect("workspace:task", task_id=task.pk)
