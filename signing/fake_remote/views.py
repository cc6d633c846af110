"""The fake service's HTTP side: the JSON API (Bearer key) and the signer's "phone"."""

import base64
import binascii
import json
from collections.abc import Callable
from typing import Any

from cryptography.hazmat.primitives import serialization
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from signing.devca import DevCA
from signing.fake_remote import service
from signing.trust import dev_ca


def _ca() -> DevCA:
    ca = dev_ca()
    if ca is None:  # the fake exists only with the development CA
        raise Http404
    return ca


def _api(view: Callable[..., JsonResponse]) -> Callable[..., HttpResponse]:
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        ca = _ca()
        if not service.api_key_ok(request.headers.get("Authorization", "")):
            return JsonResponse({"error": "unauthorised"}, status=401)
        return view(request, ca, *args, **kwargs)

    return csrf_exempt(wrapped)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@require_GET
@_api
def certificate(request: HttpRequest, ca: DevCA, user_id: str) -> JsonResponse:
    issued = service.fake_signer(ca=ca, user_id=user_id)
    der = serialization.Encoding.DER
    return JsonResponse(
        {
            "certificate": _b64(issued.cert.public_bytes(der)),
            "chain": [_b64(ca.root.cert.public_bytes(der))],
        }
    )


@require_POST
@_api
def signature_create(request: HttpRequest, ca: DevCA) -> JsonResponse:
    try:
        body = json.loads(request.body)
        digest = base64.b64decode(str(body["hash"]), validate=True)
        user_id = str(body["user_id"])
    except (ValueError, KeyError, TypeError, binascii.Error):
        return JsonResponse({"error": "bad request"}, status=400)
    if len(digest) != 32 or body.get("hash_algorithm", "sha256") != "sha256" or not user_id:
        return JsonResponse({"error": "bad request"}, status=400)
    tx = service.transaction_create(
        user_id=user_id, digest=digest, reference=str(body.get("reference", ""))
    )
    return JsonResponse({"transaction_id": tx}, status=201)


@require_GET
@_api
def signature_status(request: HttpRequest, ca: DevCA, tx: str) -> JsonResponse:
    value = service.transaction_get(tx)
    if value is None:
        return JsonResponse({"error": "not found"}, status=404)
    answer: dict[str, str] = {"status": value["status"]}
    if value["status"] == "approved":
        answer["signature"] = _b64(service.transaction_signature(ca=ca, value=value))
    return JsonResponse(answer)


@login_required
@require_GET
def phone(request: HttpRequest) -> HttpResponse:
    _ca()
    user_id = request.user.get_username()
    return render(
        request,
        "signing/fake_phone.html",
        {
            "transactions": service.transactions_of(user_id),
            "api_key": service.fake_api_key(),
            "user_id": user_id,
        },
    )


@login_required
@require_http_methods(["POST"])
def answer(request: HttpRequest, tx: str, decision: str) -> HttpResponse:
    _ca()
    status = {"approve": "approved", "reject": "rejected"}.get(decision)
    if status is None:
        raise Http404
    if service.transaction_answer(tx=tx, user_id=request.user.get_username(), status=status):
        messages.success(request, _("Your answer was sent."))
    else:
        messages.error(request, _("This request is no longer waiting for you."))
    return redirect("signing_fake:phone")
