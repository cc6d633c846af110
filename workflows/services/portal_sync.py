"""Every dossier and every status or progress change pushed to the national portal, in order
per dossier, through the outbox (integrations.portal_sync does the talking).

A new processing-log entry enqueues a row of kind ``workflows.portal_sync`` on the ordering key
``portal:dossier:<pk>`` with references only (dossier, log entry, service). The engine writes its
hand-over entries in one bulk insert, which sends no signal; the engine task it finishes in the
same transaction does, and enqueues a row that pushes whatever is new (``entry`` None). The
periodic catch-up finds any dossier whose log is ahead of what was pushed all the same.

The sender builds the records when it runs, from the current data (they hold personal data) and
pushes every entry the portal has not accepted yet (``SyncState.pushed_entries``) up to the
row's entry, in log order: ``DongBoHoSoMC`` for the submission and each status change (and
first, for a dossier the portal has not received yet), ``CapNhatTienDoHoSoMC`` for the other
steps. A row whose entries were pushed by an earlier one sends nothing: duplicates are harmless.
"""

from typing import Any

from django.db.models.signals import post_save
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from core import outbox
from integrations.portal_sync import service as portal
from workflows.models import Dossier, ProcessingLogEntry

from .portal_sync_bodies import dossier_record, progress_record

KIND = "workflows.portal_sync"
RECORD, PROGRESS = portal.RECORD, portal.PROGRESS


def dossier_reference(dossier_id: int) -> str:
    return f"dossier:{dossier_id}"


def ordering_key(dossier_id: int) -> str:
    return f"portal:dossier:{dossier_id}"


def portal_sync_enqueue(
    *, dossier_id: int, entry: ProcessingLogEntry | None = None, again: bool = False, key: str = ""
) -> None:
    """Queue a push of the dossier's news (up to ``entry``; everything when None). ``again``
    sends the dossier's record once more even when nothing is new (the reconciliation page)."""
    payload: dict[str, Any] = {"dossier": dossier_id, "entry": entry.pk if entry else None}
    if entry is not None:
        payload["service"] = RECORD if entry.to_status is not None else PROGRESS
    if again:
        payload["again"] = True
    outbox.enqueue(
        kind=KIND,
        payload=payload,
        idempotency_key=key or None,
        ordering_key=ordering_key(dossier_id),
        summary=f"portal sync dossier {dossier_id}",
    )


def _log_written(sender: Any, instance: ProcessingLogEntry, created: bool, **kwargs: Any) -> None:
    if created and not kwargs.get("raw") and portal.portal_enabled():
        portal_sync_enqueue(dossier_id=instance.dossier_id, entry=instance)


def _task_saved(sender: Any, instance: Task, **kwargs: Any) -> None:
    if instance.status != STATUS.DONE or kwargs.get("raw") or not portal.portal_enabled():
        return
    process = instance._state.fields_cache.get("process") or instance.process
    if process is None or not process.artifact_object_id:
        return
    portal_sync_enqueue(
        dossier_id=int(process.artifact_object_id), key=f"portal:task:{instance.pk}:done"
    )


def connect() -> None:
    """Connected by ``WorkflowsConfig.ready`` in every process."""
    post_save.connect(_log_written, sender=ProcessingLogEntry, dispatch_uid="portal-sync-log")
    post_save.connect(_task_saved, sender=Task, dispatch_uid="portal-sync-task")


@outbox.senders.register(KIND)
def portal_sync_send(delivery: outbox.Delivery) -> None:
    dossier = (
        Dossier.objects.select_related("version__procedure", "receiving_agency", "competent_agency")
        .filter(pk=delivery.payload["dossier"])
        .first()
    )
    if dossier is None:
        raise outbox.PermanentError("unknown dossier")
    if not dossier.code:
        return  # a draft: the portal knows dossiers from their submission
    portal_sync_push(
        dossier=dossier,
        upto=delivery.payload.get("entry"),
        again=bool(delivery.payload.get("again")),
    )


def portal_sync_push(*, dossier: Dossier, upto: int | None = None, again: bool = False) -> int:
    """Push the dossier's log entries the portal has not accepted yet (up to ``upto``), in log
    order. Returns how many records were sent. Raises what ``portal_push`` raises; what went
    before stays recorded."""
    reference = dossier_reference(dossier.pk)
    state = portal.sync_states(references=[reference]).get(reference)
    done = set(state.pushed_entries) if state else set()
    received = state is not None and state.pushed_status is not None
    entries = list(dossier.log_entries.select_related("actor").order_by("id"))
    statuses = _statuses(entries, default=dossier.status)
    latest = max(done, default=0)
    sent = 0
    for entry in entries:
        if entry.pk in done or (upto is not None and entry.pk > upto):
            continue
        # an entry committed after a later one was pushed reports the later status, never
        # an older one over it
        latest = max(latest, entry.pk)
        status = statuses.get(latest, dossier.status)
        if entry.to_status is not None or not received:
            body, service = dossier_record(dossier=dossier, status=status), RECORD
        else:
            body, service = progress_record(dossier=dossier, entry=entry, status=status), PROGRESS
        portal.portal_push(reference=reference, service=service, body=body, entry=entry.pk)
        received, sent = True, sent + 1
    if again and not sent:
        body = dossier_record(dossier=dossier, status=dossier.status)
        portal.portal_push(reference=reference, service=RECORD, body=body)
        sent += 1
    return sent


def _statuses(entries: list[ProcessingLogEntry], *, default: int) -> dict[int, int]:
    """The dossier's status right after each entry: its own ``to_status``, else the last one
    before it, else the status the first change started from (the current one if none)."""
    first = next((entry for entry in entries if entry.to_status is not None), None)
    current = (first.from_status if first else None) or default
    result = {}
    for entry in entries:
        current = entry.to_status or current
        result[entry.pk] = current
    return result
