"""The fake gateway's pages: the pay page (GET shows, POST decides) and the merchant API."""

import json

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from .. import protocol
from ..backends.vnpay import VnpayBackend
from ..base import active_backend
from .api import api_answer
from .records import CHOICES, ipn_schedule, request_checked, result_query, transaction_record


def _fake() -> VnpayBackend:
    backend = active_backend()
    if backend is None or not backend.fake or not isinstance(backend, VnpayBackend):
        raise Http404("the fake gateway is off")
    return backend


@require_http_methods(["GET", "POST"])
def pay(request: HttpRequest) -> HttpResponse:
    backend = _fake()
    secret, tmn_code = backend.secret(), backend.merchant_code()
    query = (
        request.POST.get("query", "")
        if request.method == "POST"
        else request.META.get("QUERY_STRING", "")
    )
    fields = request_checked(secret, tmn_code, query)
    if fields is None:
        return render(request, "payments/fake_gateway.html", {"invalid": True}, status=400)
    expires = protocol.parse_gateway_date(fields.get("vnp_ExpireDate", ""))
    if expires is not None and expires < timezone.now():
        return render(request, "payments/fake_gateway.html", {"expired": True})
    choice = request.POST.get("choice", "")
    if request.method == "GET" or choice not in CHOICES:
        return render(
            request,
            "payments/fake_gateway.html",
            {
                "fields": fields,
                "query": query,
                "amount": protocol.from_gateway_amount(fields["vnp_Amount"]),
            },
        )
    record = transaction_record(fields, choice)
    result = result_query(secret, tmn_code, record)
    ipn_schedule(result, record.txn_ref)
    return HttpResponseRedirect(f"{fields['vnp_ReturnUrl']}?{result}")


@csrf_exempt
@require_POST
def merchant_api(request: HttpRequest) -> JsonResponse:
    backend = _fake()
    try:
        body = json.loads(request.body)
    except ValueError:
        body = None
    if not isinstance(body, dict):
        return JsonResponse({"vnp_ResponseCode": "99", "vnp_Message": "Invalid request"})
    return JsonResponse(api_answer(backend.secret(), backend.merchant_code(), body))
