"""Keeping every edit of a dossier: a revision snapshots its content after each change."""

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from workflows.models import Dossier, DossierAttachment, DossierRevision


def dossier_revision_add(
    *, dossier: Dossier, reason: str, actor: Any, note: str = ""
) -> DossierRevision:
    """Record the dossier's content as it is now: its personal details, its form data and
    the ids of its attachments (none is ever deleted, so every one is current).

    ``reason`` is a ``DossierRevision.Reason``; the number follows the dossier's last
    revision. Call it inside the transaction that changed the dossier, after the change
    and while holding the dossier (the unique (dossier, number) refuses a second writer
    that read the same last number)."""
    if reason not in DossierRevision.Reason.values:
        raise ValueError(f"unknown revision reason {reason!r}")
    with transaction.atomic():
        last = dossier.revisions.aggregate(last=Max("number"))["last"] or 0
        attachment_ids = list(
            DossierAttachment.objects.filter(dossier=dossier)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        # the encrypted JSON fields type as text for django-stubs: pass their values untyped
        content: dict[str, Any] = {"personal": dossier.personal or {}, "data": dossier.data or {}}
        return DossierRevision.objects.create(
            dossier=dossier,
            number=last + 1,
            reason=reason,
            at=timezone.now(),
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            **content,
            attachment_ids=attachment_ids,
            note=note,
        )
