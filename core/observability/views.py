"""/healthz (the process is alive), /readyz (database, cache and broker answer),
/metrics (Prometheus text format, for the monitoring network only)."""

import hmac
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .metrics import render_metrics


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache() -> None:
    key = "motcua:readyz"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not return what was written")


def _check_broker() -> None:
    import redis

    client = redis.Redis.from_url(
        settings.CELERY_BROKER_URL, socket_connect_timeout=2, socket_timeout=2
    )
    try:
        client.ping()
    finally:
        client.close()


def _checks() -> dict[str, Callable[[], None]]:
    checks = {"database": _check_database, "cache": _check_cache}
    if settings.MOTCUA_BACKGROUND == "celery" and settings.CELERY_BROKER_URL.startswith("redis"):
        checks["broker"] = _check_broker
    return checks


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    results: dict[str, dict[str, object]] = {}
    ready = True
    for name, check in _checks().items():
        started = time.monotonic()
        try:
            check()
            results[name] = {"ok": True}
        except Exception as exc:
            ready = False
            # The error class only: connection strings in messages can hold credentials.
            results[name] = {"ok": False, "error": type(exc).__name__}
        results[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    return JsonResponse(
        {"status": "ready" if ready else "not ready", "checks": results},
        status=200 if ready else 503,
    )


def _metrics_allowed(request: HttpRequest) -> bool:
    token = settings.MOTCUA_METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        return hmac.compare_digest(given.encode(), token.encode())
    return request.META.get("REMOTE_ADDR") in {"127.0.0.1", "::1"}


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    if not _metrics_allowed(request):
        return HttpResponse("forbidden\n", status=403, content_type="text/plain")
    body, content_type = render_metrics()
    return HttpResponse(body, content_type=content_type)
