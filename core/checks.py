"""System checks: a production deployment that would silently misbehave is refused."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, Warning, register


@register(deploy=True)
def background_check(app_configs: Any, **kwargs: Any) -> list[Any]:
    issues: list[Any] = []
    if settings.MOTCUA_BACKGROUND == "thread" and not settings.DEBUG:
        issues.append(
            Warning(
                "Background work runs in a thread of the web process (no REDIS_URL).",
                hint="Set REDIS_URL and run Celery workers and beat (deploy/) in production.",
                id="motcua.W001",
            )
        )
    if settings.MOTCUA_BACKGROUND not in {"celery", "thread", "manual"}:
        issues.append(
            Error("MOTCUA_BACKGROUND must be celery, thread or manual.", id="motcua.E001")
        )
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") and not settings.DEBUG:
        issues.append(
            Warning(
                "SQLite is the embedded default, for a demo or a single small office.",
                hint="Set DATABASE_URL to a PostgreSQL database in production.",
                id="motcua.W002",
            )
        )
    if not settings.MOTCUA_FIELD_KEYS and not settings.DEBUG:
        issues.append(
            Warning(
                "Personal data at rest is encrypted with a key derived from SECRET_KEY.",
                hint="Set MOTCUA_FIELD_KEYS so that the key can be rotated on its own.",
                id="motcua.W003",
            )
        )
    if not settings.MOTCUA_METRICS_TOKEN and not settings.DEBUG:
        issues.append(
            Warning(
                "/metrics answers any request that reaches the application from loopback.",
                hint=(
                    "Behind a proxy on the same machine that is every request: set "
                    "MOTCUA_METRICS_TOKEN (and restrict /metrics in the proxy, deploy/nginx.conf)."
                ),
                id="motcua.W004",
            )
        )
    return issues
