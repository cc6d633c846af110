"""Rate limits of the API, counted in the cache by django-ratelimit (as the pages' are).

An operation calls ``rate_limit(request, group, key=..., rate=...)``; over the limit it raises
``RateLimited`` with the seconds left in the window, which the API answers as 429 with
Retry-After.
"""

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage

# the defaults of config/settings/api.py (the environment may change them there)
DEFAULT_RATES = {"MOTCUA_API_STATUS_RATE": "60/m", "MOTCUA_API_WRITE_RATE": "30/m"}


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        self.retry_after = max(1, retry_after)
        super().__init__(f"rate limited for {self.retry_after} s")


def rate_limit(request: HttpRequest, group: str, *, key: str, setting: str) -> None:
    """Count this request in ``group`` (``key``: "ip" or "user", django-ratelimit's keys) at
    the rate named by ``setting``; raise RateLimited when it is over."""
    rate = getattr(settings, setting, None) or DEFAULT_RATES[setting]
    usage = get_usage(request, group=group, key=key, rate=rate, increment=True)
    if usage is not None and usage["should_limit"]:
        raise RateLimited(int(usage["time_left"]))
