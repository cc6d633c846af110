"""The system check of the configured portal backend (motcua.E150)."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, register

from core.backends import backend_check

from .service import active_backend


@register(deploy=True)  # the deployment gate: `check --deploy` (deploy/run check, CI)
def portal_sync_check(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if not settings.PORTAL_SYNC_ENABLED:
        return []
    return backend_check(kind="portal sync", backend=active_backend(), code="motcua.E150")
