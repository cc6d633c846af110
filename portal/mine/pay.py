"""The applicant pays a fee online from the dossier's page: a POST starts an attempt and sends
the browser to the gateway; after the gateway's return page the dossier's page shows the
state, and "Check again" asks the gateway about an attempt still being confirmed."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integrations.payments import service as payments
from integrations.payments.errors import PaymentError
from portal.accounts.limits import client_ip
from portal.mine.access import dossier_for_page, is_applicant
from workflows.models import DossierFee
from workflows.services.fee_online import FeeNotPayable, fee_payment_start
from workflows.services.fees import fee_reference

logger = logging.getLogger("motcua.portal")


def _applicant_fee(request: HttpRequest, code: str, fee_id: int) -> DossierFee:
    dossier = dossier_for_page(request, code)
    if not is_applicant(request, dossier):
        raise Http404  # a visitor with a grant reads; only the signed-in applicant pays
    return get_object_or_404(
        DossierFee.objects.select_related("dossier"), pk=fee_id, dossier=dossier
    )


def _back(code: str | None) -> str:
    return reverse("mine:dossier", kwargs={"code": code}) + "#fees"


@login_required
@require_POST
def pay(request: HttpRequest, code: str, fee_id: int) -> HttpResponse:
    fee = _applicant_fee(request, code, fee_id)
    locale = "en" if (get_language() or "").startswith("en") else "vn"
    try:
        url = fee_payment_start(
            fee=fee, back_url=_back(fee.dossier.code), client_ip=client_ip(request), locale=locale
        )
    except FeeNotPayable as refused:
        messages.error(request, str(refused))
        return redirect(_back(fee.dossier.code))
    return redirect(url)


@login_required
@require_POST
def check(request: HttpRequest, code: str, fee_id: int) -> HttpResponse:
    """Ask the gateway now (querydr) about the fee's attempts still open."""
    fee = _applicant_fee(request, code, fee_id)
    try:
        state = payments.payment_requery(reference=fee_reference(fee))
    except PaymentError:
        logger.warning("payment requery failed", extra={"fee": fee.pk})
        messages.error(request, _("The payment gateway did not answer. Try again in a moment."))
        return redirect(_back(fee.dossier.code))
    texts = {
        "paid": _("The payment is confirmed."),
        "pending": _("The payment is still being confirmed by the bank."),
        "unpaid": _("No payment of this fee went through. You may pay again."),
    }
    messages.info(request, texts.get(state, texts["unpaid"]))
    return redirect(_back(fee.dossier.code))
