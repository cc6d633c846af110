"""Comparing dossiers with the national portal: each dossier's sync state for the
reconciliation page, "push again", "compare with the portal", and the periodic jobs (a
catch-up of dossiers whose log is ahead of what was pushed, an hourly comparison of recent
dossiers)."""

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.outbox.admin_actions import outbox_retry
from core.outbox.models import OutboxMessage
from core.periodic import periodic
from integrations.portal_sync import service as portal
from workflows.models import Dossier

from .portal_sync import dossier_reference, ordering_key, portal_sync_enqueue

logger = logging.getLogger("motcua.portal_sync")
Status = OutboxMessage.Status
COMPARE_LIMIT = 200


class State:
    IN_STEP = "in_step"
    PENDING = "pending"
    FAILED = "failed"
    DIFFERS = "differs"


STATE_LABELS = {
    State.IN_STEP: _("In step"),
    State.PENDING: _("Pending"),
    State.FAILED: _("Failed"),
    State.DIFFERS: _("Differs"),
}


@dataclass(frozen=True)
class SyncRow:
    dossier: Dossier
    state: str
    pushed_status: int | None
    portal_status: int | None
    error: str
    last_success_at: object
    checked_at: object

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self.state])


def portal_sync_rows(*, dossiers: Sequence[Dossier]) -> list[SyncRow]:
    """Each dossier's state: failed (the last push failed or was dead-lettered), pending
    (something not pushed yet), differs (the portal holds another status), or in step."""
    references = {dossier_reference(d.pk): d for d in dossiers}
    states = portal.sync_states(references=references)
    keys = [ordering_key(d.pk) for d in dossiers]
    queued = dict(
        OutboxMessage.objects.filter(
            ordering_key__in=keys, status__in=[Status.PENDING, Status.DEAD]
        )
        .values_list("ordering_key", "status")
        .order_by("-status")  # "dead" after "pending": a dead letter wins
        .distinct()
    )
    extent = _log_extent([d.pk for d in dossiers])
    rows = []
    for reference, dossier in references.items():
        state = states.get(reference)
        waiting = queued.get(ordering_key(dossier.pk))
        pushed = state.pushed_status if state else None
        on_portal = state.portal_status if state else None
        error = state.last_error if state else ""
        if waiting == Status.DEAD or error:
            verdict = State.FAILED
        elif waiting or state is None or _behind(state, extent.get(dossier.pk)):
            verdict = State.PENDING
        elif pushed != dossier.status or on_portal != dossier.status:
            verdict = State.DIFFERS if on_portal is not None else State.PENDING
        else:
            verdict = State.IN_STEP
        rows.append(
            SyncRow(
                dossier=dossier,
                state=verdict,
                pushed_status=pushed,
                portal_status=on_portal,
                error=error,
                last_success_at=state.last_success_at if state else None,
                checked_at=state.portal_checked_at if state else None,
            )
        )
    return rows


def _log_extent(pks: list[int]) -> dict[int, tuple[int, int]]:
    """Each dossier's last log entry id and number of entries."""
    rows = (
        Dossier.objects.filter(pk__in=pks)
        .annotate(last=Max("log_entries__id"), count=Count("log_entries"))
        .values_list("pk", "last", "count")
    )
    return {pk: (last or 0, count) for pk, last, count in rows}


def _behind(state: portal.SyncState | None, extent: tuple[int, int] | None) -> bool:
    """Whether the log holds entries the portal has not accepted (a later one, or an earlier
    one committed after a later one was pushed)."""
    if state is None:
        return True
    last, count = extent or (0, 0)
    return (state.pushed_entry or 0) < last or len(state.pushed_entries) < count


def portal_sync_again(*, dossiers: Iterable[Dossier]) -> int:
    """Send each dossier's record again: its dead letters back in the queue first (they
    block the rows behind them), then a row that pushes what is new or, if nothing is, the
    record as it is now. Returns the number of dossiers queued."""
    count = 0
    for dossier in dossiers:
        if not dossier.code:
            continue
        with transaction.atomic():
            outbox_retry(
                messages=OutboxMessage.objects.filter(ordering_key=ordering_key(dossier.pk))
            )
            portal_sync_enqueue(dossier_id=dossier.pk, again=True)
        count += 1
    return count


def portal_sync_compare(*, dossiers: Iterable[Dossier]) -> tuple[int, int]:
    """Ask the portal what it holds of each dossier (``TraCuuHoSo``). Returns (compared,
    failed); stops at the first answer saying the portal is unreachable."""
    compared = failed = 0
    for dossier in dossiers:
        if not dossier.code:
            continue
        try:
            portal.portal_lookup(reference=dossier_reference(dossier.pk), code=dossier.code)
        except portal.PortalUnavailable:
            logger.warning(
                "portal lookup failed, portal unavailable", extra={"dossier": dossier.pk}
            )
            failed += 1
            break
        except Exception:
            logger.exception("portal lookup failed", extra={"dossier": dossier.pk})
            failed += 1
            continue
        compared += 1
    return compared, failed


def recent_dossiers() -> "QuerySet[Dossier]":
    """Submitted dossiers with a log entry within PORTAL_SYNC_RECONCILE_DAYS."""
    since = timezone.now() - timedelta(days=settings.PORTAL_SYNC_RECONCILE_DAYS)
    return (
        Dossier.objects.filter(code__isnull=False, log_entries__at__gte=since)
        .annotate(last=Max("log_entries__id"))
        .order_by("-last")
    )


@periodic("portal_sync.catch_up", every=timedelta(minutes=5))
def portal_sync_catch_up() -> int:
    """Queue a push for each recent dossier whose log is ahead of what the portal received
    and which has no row waiting. Returns how many were queued."""
    if not portal.portal_enabled():
        return 0
    dossiers = list(recent_dossiers().values_list("pk", flat=True))
    extent = _log_extent(dossiers)
    states = portal.sync_states(references=[dossier_reference(pk) for pk in dossiers])
    busy = set(
        OutboxMessage.objects.filter(
            ordering_key__in=[ordering_key(pk) for pk in dossiers],
            status__in=[Status.PENDING, Status.DEAD],
        ).values_list("ordering_key", flat=True)
    )
    queued = 0
    for pk in dossiers:
        if (
            _behind(states.get(dossier_reference(pk)), extent.get(pk))
            and ordering_key(pk) not in busy
        ):
            portal_sync_enqueue(dossier_id=pk)
            queued += 1
    return queued


@periodic("portal_sync.reconcile", every=timedelta(hours=1))
def portal_sync_reconcile() -> tuple[int, int]:
    """Compare the recent dossiers with the portal (the most recently active first)."""
    if not portal.portal_enabled():
        return 0, 0
    return portal_sync_compare(dossiers=recent_dossiers()[:COMPARE_LIMIT])
