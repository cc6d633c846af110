"""Sign-in with a password, sign-out."""

from typing import Any

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from core import oidc

from ..codes import code_issue
from ..forms import LoginForm
from ..limits import hit, spent, too_many
from ..models import EmailCode
from ..registration import unconfirmed_with_password
from ..signin import finish_sign_in, safe_next
from .signup import SIGNUP

TEMPLATE = "portal/accounts/login.html"


def _authenticate(request: HttpRequest, username: str, password: str) -> Any:
    user = auth.authenticate(request, username=username, password=password)
    if user is None and "@" in username:
        matches = list(get_user_model().objects.filter(email__iexact=username, is_active=True)[:2])
        if len(matches) == 1:
            user = auth.authenticate(request, username=matches[0].username, password=password)
    return user


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    form = LoginForm(request.POST if request.method == "POST" else None)
    context = {
        "form": form,
        "next": next_url,
        "oidc_label": settings.MOTCUA_OIDC_LABEL if oidc.is_configured() else "",
    }
    if request.method != "POST":
        if request.user.is_authenticated:
            return HttpResponseRedirect(next_url)
        return render(request, TEMPLATE, context)
    # Failed attempts count, per client address and per username typed (known or not).
    limits = [
        ("accounts.login.ip", settings.MOTCUA_LOGIN_RATE_IP, None),
        ("accounts.login.user", settings.MOTCUA_LOGIN_RATE_USER, request.POST.get("username", "")),
    ]
    if any(spent(request, *limit) for limit in limits):
        return too_many(request, TEMPLATE, context)
    if form.is_valid():
        username, password = form.cleaned_data["username"], form.cleaned_data["password"]
        user = _authenticate(request, username, password)
        if user is not None:
            return finish_sign_in(request, user, user.backend, next_url)
        waiting = unconfirmed_with_password(username, password)
        if waiting is not None:
            request.session[SIGNUP] = waiting.pk
            code_issue(user=waiting, purpose=EmailCode.Purpose.SIGNUP)
            messages.info(request, _("Confirm your e-mail address first: we sent a new code."))
            return HttpResponseRedirect("/accounts/signup/confirm/")
        form.add_error(None, _("The username or password is not right."))
    for limit in limits:
        hit(request, *limit)
    return render(request, TEMPLATE, context)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth.logout(request)
    messages.success(request, _("You are signed out."))
    return HttpResponseRedirect(settings.LOGOUT_REDIRECT_URL or "/")
