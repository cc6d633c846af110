"""The system check of the configured postal backend (motcua.E140)."""

from typing import Any

from django.core.checks import CheckMessage, register

from core.backends import backend_check

from .selection import active_backend


@register(deploy=True)  # the deployment gate: `check --deploy` (deploy/run check, CI)
def postal_check(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    return backend_check(kind="postal", backend=active_backend(), code="motcua.E140")
