"""An officer's second factor: the code of their authenticator app at sign-in, and setting up
the app (a QR code of the TOTP secret, confirmed by a first code)."""

import base64
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..forms import CodeForm
from ..limits import hit, too_many
from ..officers import confirmed_device, is_officer
from ..signin import complete, count_attempt, pending

SETUP_DEVICE = "accounts_totp_setup"


def _wrong(request: HttpRequest, form: CodeForm, record: dict[str, Any] | None) -> bool:
    """Count a wrong code; False when the pending sign-in has no attempts left."""
    form.add_error("code", _("The code is not right."))
    return record is None or count_attempt(request, record)


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    found = pending(request)
    if found is None:
        return HttpResponseRedirect(reverse("accounts:login"))
    user, record = found
    device = confirmed_device(user)
    if device is None:
        return HttpResponseRedirect(reverse("accounts:otp_setup"))
    form = CodeForm(request.POST if request.method == "POST" else None)
    template, context = "portal/accounts/otp_verify.html", {"form": form}
    if request.method == "POST":
        if hit(request, "accounts.code.ip", settings.MOTCUA_CODE_RATE_IP):
            return too_many(request, template, context)
        if form.is_valid():
            if not device.verify_is_allowed()[0]:
                form.add_error("code", _("Wait a few seconds, then enter the code again."))
            elif device.verify_token(form.cleaned_data["code"]):
                response = complete(request, user, record)
                otp_login(request, device)
                return response
            elif not _wrong(request, form, record):
                return too_many(request, template, context)
    return render(request, template, context)


def _setup_user(request: HttpRequest) -> tuple[Any, dict[str, Any] | None]:
    found = pending(request)
    if found is not None:
        if confirmed_device(found[0]) is not None:  # the code of that app, not a new one
            raise Http404
        return found
    if request.user.is_authenticated and is_officer(request.user):
        return request.user, None
    raise Http404


def _device(request: HttpRequest, user: Any) -> TOTPDevice:
    device = TOTPDevice.objects.filter(
        pk=request.session.get(SETUP_DEVICE) or 0, user=user, confirmed=False
    ).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
        request.session[SETUP_DEVICE] = device.pk
    return device


@never_cache
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    user, record = _setup_user(request)
    device = _device(request, user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    template = "portal/accounts/otp_setup.html"
    context = {
        "form": form,
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#111"),
        "secret": base64.b32encode(device.bin_key).decode().rstrip("="),
        "required": record is not None,
    }
    if request.method == "POST":
        if hit(request, "accounts.code.ip", settings.MOTCUA_CODE_RATE_IP):
            return too_many(request, template, context)
        if form.is_valid():
            if not device.verify_is_allowed()[0]:
                form.add_error("code", _("Wait a few seconds, then enter the code again."))
            elif device.verify_token(form.cleaned_data["code"]):
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
                request.session.pop(SETUP_DEVICE, None)
                messages.success(request, _("Your authenticator app is set up."))
                if record is None:
                    otp_login(request, device)
                    return HttpResponseRedirect("/")
                response = complete(request, user, record)
                otp_login(request, device)
                return response
            elif not _wrong(request, form, record):
                return too_many(request, template, context)
    return render(request, template, context)
