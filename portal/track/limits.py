"""Rate limits of the public tracking pages (django-ratelimit, counted in the cache)."""

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited


def status_limited(request: HttpRequest) -> bool:
    """One more public status lookup from this client IP: over the limit?"""
    return is_ratelimited(
        request,
        group="track-status",
        key="ip",
        rate=settings.MOTCUA_TRACK_RATE_IP,
        increment=True,
    )


def secret_limited(request: HttpRequest, code: str) -> bool:
    """One more secret attempt from this IP and for this code: is either over its limit?"""
    by_ip = is_ratelimited(
        request,
        group="track-secret-ip",
        key="ip",
        rate=settings.MOTCUA_TRACK_SECRET_RATE_IP,
        increment=True,
    )
    by_code = is_ratelimited(
        request,
        group="track-secret-code",
        key=lambda _group, _request: code,
        rate=settings.MOTCUA_TRACK_SECRET_RATE_CODE,
        increment=True,
    )
    return by_ip or by_code
