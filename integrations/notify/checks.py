"""The system check of the configured SMS backend (motcua.E120)."""

from typing import Any

from django.core.checks import CheckMessage, register

from core.backends import backend_check

from .backends.base import sms_backend


@register(deploy=True)  # with core.checks: `check --deploy` (deploy/run check, CI)
def notify_check(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    return backend_check(kind="SMS", backend=sms_backend(), code="motcua.E120")
