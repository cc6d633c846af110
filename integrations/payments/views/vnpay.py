"""VNPAY's two calls on us: the IPN (server to server, JSON) and the return (the browser)."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from .. import protocol
from ..base import GatewayStatus, active_backend, status_from
from ..ipn import ipn_receive
from ..models import PaymentAttempt, PaymentCallback
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


def _outcome(attempt: PaymentAttempt, status: GatewayStatus) -> str:
    if attempt.state == State.PAID:
        return "succeeded"
    if status.paid:
        return "confirming"
    return "cancelled" if status.cancelled else "failed"


def _remember(request: HttpRequest, attempt: PaymentAttempt, status: GatewayStatus) -> None:
    """Keep the verified return as evidence (a reload stores nothing new)."""
    PaymentCallback.objects.get_or_create(
        attempt=attempt,
        source=PaymentCallback.Source.RETURN,
        raw=request.META.get("QUERY_STRING", "")[:4000],
        defaults={"txn_ref": attempt.txn_ref, "verified": True, "outcome": status.response_code},
    )


@require_GET
@never_cache
def return_page(request: HttpRequest) -> HttpResponse:
    """The browser back from the gateway: shows the verified outcome, changes nothing (the
    IPN and querydr do)."""
    backend = active_backend()
    pairs = _pairs(request)
    attempt = None
    outcome = "invalid"
    if backend is not None and backend.verify(pairs):
        status = status_from(dict(pairs))
        attempt = PaymentAttempt.objects.filter(txn_ref=status.txn_ref).first()
        if attempt is not None:
            _remember(request, attempt, status)
            outcome = _outcome(attempt, status)
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
