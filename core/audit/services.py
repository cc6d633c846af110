"""Writing the access log."""

from typing import Any

from django.db import models

from core.observability.context import current_request_id

from .models import AccessLogEntry


def access_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    path: str = "",
) -> AccessLogEntry:
    """Record that ``actor`` did ``action`` on a record (a dossier read, an admin change)."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AccessLogEntry.objects.create(
        actor=user,
        action=action,
        object_type=object_type[:100],
        object_id=str(object_id)[:64],
        path=path.split("?", 1)[0][:300],
        request_id=current_request_id() or "",
    )
