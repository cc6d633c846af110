"""The one pattern of every integration kind (payments, post, portal sync, SMS, signers):
a base class, a registry of backends by id, a configuration check per backend, and fakes
refused in production.

    class PaymentBackend(Backend): ...               # the kind's base class
    backends: Registry[type[PaymentBackend]] = Registry("payment backend")

    @backends.register("vnpay")
    class VnpayBackend(PaymentBackend): ...

    @register(deploy=False)                         # the kind's system check
    def payments_check(app_configs, **kwargs):
        return backend_check(kind="payments", backend=active_backend(), code="motcua.E110")

A fake speaks the real protocol in-process (the fake gateway is a page of this server); it
serves the embedded default and the tests, and ``backend_check`` refuses it when DEBUG is
off unless ``MOTCUA_ALLOW_FAKES`` is set.
"""

from typing import Any, ClassVar

from django.conf import settings
from django.core.checks import CheckMessage, Error


class Backend:
    """Base of every backend. ``id`` is its registry name; ``fake`` marks an in-process
    stand-in for an external service."""

    id: ClassVar[str] = ""
    fake: ClassVar[bool] = False

    def check_config(self) -> list[str]:
        """Problems with this backend's configuration, in English, for the system check
        (a missing secret, an http:// endpoint in production). Empty when ready."""
        return []


def backend_check(*, kind: str, backend: Backend | None, code: str) -> list[CheckMessage]:
    """The system check of one kind's configured backend (``code`` like ``motcua.E110``)."""
    if backend is None:
        return [Error(f"No {kind} backend is configured.", id=code)]
    issues: list[CheckMessage] = [
        Error(f"{kind} backend {backend.id!r}: {problem}", id=code)
        for problem in backend.check_config()
    ]
    if backend.fake and not settings.DEBUG and not settings.MOTCUA_ALLOW_FAKES:
        issues.append(
            Error(
                f"The {kind} backend {backend.id!r} is a fake (an in-process stand-in).",
                hint=f"Configure a real {kind} backend, or set MOTCUA_ALLOW_FAKES=1 for a demo.",
                id=code,
            )
        )
    return issues


def describe(backend: Any) -> str:
    """A backend's id for logs and admin pages, never its secrets."""
    return str(getattr(backend, "id", type(backend).__name__))
