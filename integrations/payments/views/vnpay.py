"""VNPAY's two calls on us: the IPN (server to server, JSON) and the return (the browser)."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from .. import protocol
from ..base import active_backend, status_from
from ..ipn import ipn_receive
from ..models import PaymentAttempt
from ..states import State


def _pairs(request: HttpRequest) -> list[tuple[str, str]]:
    return [(key, value) for key in request.GET for value in request.GET.getlist(key)]


@csrf_exempt  # VNPAY's server calls it (GET); any other method gets a JSON 99, never a 403 page
@never_cache
def ipn(request: HttpRequest) -> JsonResponse:
    """GET /payments/vnpay/ipn/: always a JSON answer with an RspCode, never a page."""
    if request.method != "GET":
        code = protocol.RSP_ERROR
    else:
        code = ipn_receive(pairs=_pairs(request), raw=request.META.get("QUERY_STRING", ""))
    return JsonResponse({"RspCode": code, "Message": protocol.RSP_MESSAGES[code]})


OUTCOMES = {
    "succeeded": _("Your payment has been received."),
    "confirming": _(
        "The gateway reports your payment as successful. We are waiting for its confirmation; "
        "this usually takes less than a minute."
    ),
    "cancelled": _("You cancelled the payment. Nothing was charged."),
    "failed": _("The payment did not go through. Nothing was charged; you may try again."),
    "invalid": _("This payment result could not be verified."),
}


@require_GET
@never_cache
def return_page(request: HttpRequest) -> HttpResponse:
    """The browser back from the gateway: shows the verified outcome, changes nothing (the
    IPN and querydr do)."""
    backend = active_backend()
    pairs = _pairs(request)
    attempt = None
    if backend is None or not backend.verify(pairs):
        outcome = "invalid"
    else:
        status = status_from(dict(pairs))
        attempt = PaymentAttempt.objects.filter(txn_ref=status.txn_ref).first()
        if attempt is None:
            outcome = "invalid"
        elif attempt.state == State.PAID:
            outcome = "succeeded"
        elif status.paid:
            outcome = "confirming"
        elif status.cancelled:
            outcome = "cancelled"
        else:
            outcome = "failed"
    return render(
        request,
        "payments/return.html",
        {
            "outcome": outcome,
            "message": OUTCOMES[outcome],
            "attempt": attempt,
            "back_url": attempt.back_url if attempt else "/",
        },
        status=400 if outcome == "invalid" else 200,
    )
