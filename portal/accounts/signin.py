"""Finishing a sign-in: where to go next (same-site paths only), and the pending step of an
officer's second factor (the user is not signed in until the code is right)."""

import time
from typing import Any

from django.contrib import auth
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .officers import second_factor

PENDING = "accounts_pending"
PENDING_SECONDS = 600
PENDING_ATTEMPTS = 5


def safe_next(request: HttpRequest, value: str | None, default: str = "/") -> str:
    """``value`` when it is a path on this site ("/my/"), else ``default``."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    if not url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()}):
        return default
    return value


def finish_sign_in(request: HttpRequest, user: Any, backend: str, next_url: str) -> HttpResponse:
    """Sign in, or park the user for their second factor and send them to it."""
    step = second_factor(user)
    if not step:
        auth.login(request, user, backend=backend)
        return HttpResponseRedirect(next_url)
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": user.pk,
        "backend": backend,
        "next": next_url,
        "since": time.time(),
        "attempts": 0,
    }
    name = "accounts:otp_verify" if step == "verify" else "accounts:otp_setup"
    return HttpResponseRedirect(reverse(name))


def pending(request: HttpRequest) -> tuple[Any, dict[str, Any]] | None:
    """The user waiting for their second factor and the pending record, if still valid."""
    record = request.session.get(PENDING)
    if not isinstance(record, dict) or time.time() - record.get("since", 0) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    user = get_user_model().objects.filter(pk=record.get("user") or 0, is_active=True).first()
    if user is None:
        request.session.pop(PENDING, None)
        return None
    return user, record


def count_attempt(request: HttpRequest, record: dict[str, Any]) -> bool:
    """Count a wrong code; False once the pending sign-in has used its attempts (it ends)."""
    record["attempts"] = int(record.get("attempts", 0)) + 1
    if record["attempts"] >= PENDING_ATTEMPTS:
        request.session.pop(PENDING, None)
        return False
    request.session[PENDING] = record
    return True


def complete(request: HttpRequest, user: Any, record: dict[str, Any]) -> HttpResponse:
    request.session.pop(PENDING, None)
    auth.login(request, user, backend=record["backend"])
    return HttpResponseRedirect(record["next"])
