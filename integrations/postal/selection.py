"""Which postal backend is active (``MOTCUA_POSTAL_BACKEND``), and backends by id (the vendor
modules register themselves when the app is ready: nothing here imports them)."""

from django.conf import settings

from .base import PostalBackend, backends


def backend_get(backend_id: str) -> PostalBackend:
    """A backend by id (LookupError when unknown)."""
    return backends.get(backend_id)()


def active_backend() -> PostalBackend | None:
    name = settings.MOTCUA_POSTAL_BACKEND
    if not name or name not in backends:
        return None
    return backend_get(name)
