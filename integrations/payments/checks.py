"""The system check of the payment and e-invoice backends (motcua.E130)."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from core.backends import backend_check

from .base import active_backend
from .einvoice import active_einvoice

CODE = "motcua.E130"


@register(deploy=True)  # the deployment gate: `check --deploy` (deploy/run check, CI)
def payments_check(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    issues: list[CheckMessage] = []
    if settings.MOTCUA_PAYMENT_BACKEND:  # empty: no online payment, counter payments only
        backend = active_backend()
        if backend is None:
            issues.append(
                Error(
                    f"Unknown payment backend {settings.MOTCUA_PAYMENT_BACKEND!r}.",
                    hint="MOTCUA_PAYMENT_BACKEND is vnpay or vnpay_fake.",
                    id=CODE,
                )
            )
        else:
            issues += backend_check(kind="payments", backend=backend, code=CODE)
    issues += backend_check(kind="e-invoice", backend=active_einvoice(), code=CODE)
    return issues
