"""The rate limit of the verification (django-ratelimit, counted in the cache)."""

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited


def verify_limited(request: HttpRequest) -> bool:
    """One more verification from this client IP: over the limit?"""
    return is_ratelimited(
        request,
        group="verify",
        key="ip",
        rate=settings.MOTCUA_VERIFY_RATE_IP,
        increment=True,
    )
