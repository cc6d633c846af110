"""Withdrawal requests of the agency: the list, and the officer's confirmation (the dossier
closed, Form 05 "at the applicant's request")."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from workflows.models import Dossier
from workflows.selectors.withdrawals import withdrawals_pending
from workflows.services.stop import (
    REASON_MAX,
    StopRefused,
    dossier_withdrawal_confirm,
    user_may_confirm_withdrawal,
    withdrawal_reason,
)

from .access import officer_required

PER_PAGE = 25


class ConfirmForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Note (optional)"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.TextInput,
    )


@require_safe
@officer_required
def withdrawal_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(withdrawals_pending(user=request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [(dossier, withdrawal_reason(dossier)) for dossier in page.object_list]
    return render(
        request,
        "portal/workspace/withdrawals.html",
        {"page": page, "rows": rows, "form": ConfirmForm(prefix="confirm")},
    )


@require_POST
@officer_required
def withdrawal_confirm(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = (
        Dossier.objects.select_related("receiving_agency", "competent_agency")
        .filter(pk=dossier_id)
        .first()
    )
    if dossier is None or not user_may_confirm_withdrawal(user=request.user, dossier=dossier):
        raise Http404
    form = ConfirmForm(request.POST, prefix="confirm")
    if not form.is_valid():
        messages.error(request, _("Keep the note under %(n)s characters.") % {"n": REASON_MAX})
        return redirect("workspace:withdrawals")
    try:
        dossier_withdrawal_confirm(
            dossier=dossier, by=request.user, comment=form.cleaned_data["comment"]
        )
    except StopRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Withdrawal of %(code)s confirmed; the notice (Form 05) was issued.")
            % {"code": dossier.code or dossier.pk},
        )
    return redirect("workspace:withdrawals")
