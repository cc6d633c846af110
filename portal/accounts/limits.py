"""Rate limits of the account pages (django-ratelimit, counted in the cache) and the 429 page.

The same message whatever was limited, so a limit never tells whether an account exists."""

import hashlib
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage, is_ratelimited

RETRY_AFTER_SECONDS = 60


def client_ip(request: HttpRequest) -> str:
    """The client's address: the last X-Forwarded-For hop added by a trusted proxy."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    if forwarded and remote in settings.MOTCUA_TRUSTED_PROXIES:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return remote


def _ip_key(group: str, request: HttpRequest) -> str:
    return client_ip(request)


def _key(value: str | None) -> Any:
    if value is None:
        return _ip_key
    digest = hashlib.sha256(value.strip().casefold().encode()).hexdigest()

    def key(group: str, request: HttpRequest) -> str:
        return digest

    return key


def hit(request: HttpRequest, group: str, rate: str, value: str | None = None) -> bool:
    """Count one attempt in ``group`` (per client IP, or per ``value`` when given, e.g. a
    username; hashed, never stored in clear) and tell whether the limit is exceeded."""
    return bool(is_ratelimited(request, group=group, key=_key(value), rate=rate, increment=True))


def spent(request: HttpRequest, group: str, rate: str, value: str | None = None) -> bool:
    """Whether ``group`` has used up its attempts already, without counting one (for limits
    that count failures only; ``hit`` then counts a failure). Closed if the cache fails."""
    usage = get_usage(request, group=group, key=_key(value), rate=rate, increment=False)
    return usage is None or usage["count"] >= usage["limit"]


def too_many(
    request: HttpRequest,
    template: str = "portal/accounts/limited.html",
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """The page that says to wait, with status 429 and Retry-After."""
    message = _("Too many attempts. Please wait a minute and try again.")
    response = render(request, template, {**(context or {}), "limit_message": message}, status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
