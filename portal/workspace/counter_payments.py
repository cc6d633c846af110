"""Fees at the counter (/workspace/fees/): a reception or result-desk officer of the receiving
agency finds a dossier by its code and records the cash taken for a fee (the amount, the
receipt's number); the payment comes back as ``payment_confirmed`` and moves the dossier on,
as an online one does. The same page lists the double payments flagged for the officer's
agencies, with what was done about the money, to be marked dealt with."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from workflows.documents.fees import vnd_figures
from workflows.models import Dossier, DossierFee
from workflows.selectors.public_status import MAX_CODE_LENGTH, normalise_code
from workflows.services.fee_flags import fee_flag_resolve, fee_flags_for
from workflows.services.fee_online import (
    FeeNotPayable,
    fee_counter_officer,
    fee_counter_payment_record,
)

from .access import officer_required


def _dossier(user: Any, code: str) -> Dossier | None:
    code = normalise_code(code)
    if not code or len(code) > MAX_CODE_LENGTH:
        return None
    dossiers = Dossier.objects.select_related("version__procedure", "receiving_agency")
    found = dossiers.filter(code=code).first()
    return found if found is not None and fee_counter_officer(user=user, dossier=found) else None


def _page(request: HttpRequest, code: str, status: int = 200, **extra: Any) -> HttpResponse:
    dossier = _dossier(request.user, code) if code else None
    fees = list(DossierFee.objects.filter(dossier=dossier).order_by("pk")) if dossier else []
    context = {
        "code": code,
        "dossier": dossier,
        "not_found": bool(code) and dossier is None,
        "fees": [(fee, vnd_figures(fee.amount)) for fee in fees],
        "flags": fee_flags_for(user=request.user),
        "post": {},
        "errors": {},
        **extra,
    }
    return render(request, "portal/workspace/counter_payments.html", context, status=status)


@require_safe
@officer_required
def fees_home(request: HttpRequest) -> HttpResponse:
    return _page(request, str(request.GET.get("code", ""))[: MAX_CODE_LENGTH + 10].strip())


@require_POST
@officer_required
def fee_counter(request: HttpRequest, fee_id: int) -> HttpResponse:
    fee = get_object_or_404(DossierFee.objects.select_related("dossier"), pk=fee_id)
    code = fee.dossier.code or ""
    if not fee_counter_officer(user=request.user, dossier=fee.dossier):
        raise Http404
    amount_text = str(request.POST.get("amount", "")).replace(".", "").replace(",", "").strip()
    receipt = str(request.POST.get("receipt_number", ""))[:40]
    errors: dict[str, list[str]] = {}
    if not amount_text.isdigit():
        errors["amount"] = [_("Enter the amount received, in VND.")]
    if not receipt.strip():
        errors["receipt_number"] = [_("Enter the number of the receipt given to the applicant.")]
    if not errors:
        try:
            fee_counter_payment_record(
                fee=fee, amount=int(amount_text), receipt_number=receipt, by=request.user
            )
        except FeeNotPayable as refused:
            errors["amount"] = [str(refused)]
    if errors:
        post = {"fee": fee.pk, "amount": request.POST.get("amount", ""), "receipt_number": receipt}
        return _page(request, code, status=400, errors=errors, post=post)
    messages.success(request, _("The payment is recorded. The dossier moves on in a moment."))
    return redirect(f"{reverse('workspace:fees')}?{urlencode({'code': code})}")


@require_POST
@officer_required
def flag_resolve(request: HttpRequest, flag_id: int) -> HttpResponse:
    note = str(request.POST.get("note", ""))
    if not fee_flag_resolve(user=request.user, flag_id=flag_id, note=note):
        raise Http404
    messages.success(request, _("The double payment is marked as dealt with."))
    return redirect("workspace:fees")
