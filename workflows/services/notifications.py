"""Notifications of a dossier's events to the applicant, and of deadlines to officers.

A new processing-log entry that maps to an event (``log_event``) gets an outbox row once its
transaction commits (nothing is added to the engine's or the submission's own statements);
the row's sender reads the dossier (its code is issued by then) and calls ``dossier_notify``,
which queues one notification per chosen channel through ``integrations.notify.service``. A
process dying between the commit and that row is covered by the periodic catch-up
(``notify_catch_up``: recent mappable entries, the same keys). Idempotency keys make every
step safe to repeat: (dossier, event, log entry, channel)."""

import logging
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save

from core import outbox
from integrations.notify.service import notification_send
from workflows.models import Dossier, ProcessingLogEntry

from .notification_context import dossier_context, dossier_recipients, moment, workspace_url

logger = logging.getLogger("motcua.notify")
SENDER = "workflows.dossier_notify"
Status = Dossier.Status

ACTION_EVENTS = {
    "submitted": "received",
    "apology_issued": "late_apology",
    "shipment_created": "shipped",
    "fee_paid": "fee_paid",
}
STATUS_EVENTS: dict[int, str] = {
    Status.ACCEPTED: "accepted",
    Status.NOT_ACCEPTED: "refused",
    Status.SUPPLEMENTATION_REQUESTED: "supplementation_requested",
    Status.FEE_OWED: "fee_due",
    Status.STOPPED: "stopped",
    Status.PROCESSED: "result_ready",
    Status.RESULT_RETURNED: "result_returned",
}


def log_event(entry: ProcessingLogEntry) -> str | None:
    """The notification event of a log entry, if it has one: its action, else the status
    it moved the dossier to."""
    if entry.action in ACTION_EVENTS:
        return ACTION_EVENTS[entry.action]
    if entry.to_status is not None and entry.to_status != entry.from_status:
        return STATUS_EVENTS.get(entry.to_status)
    return None


def dossier_notify(
    *, dossier: Dossier, event: str, entry: ProcessingLogEntry | None = None
) -> list[Any]:
    """Queue ``event``'s notification on each channel the applicant chose (see
    ``dossier_recipients``). Returns the notifications (a repeated call, the same ones)."""
    recipients = dossier_recipients(dossier)
    if not recipients:
        return []
    context = dossier_context(dossier=dossier, entry=entry)
    marker = entry.pk if entry is not None else "direct"
    sent = []
    with transaction.atomic():
        for channel, address in recipients.items():
            sent.append(
                notification_send(
                    reference=f"dossier:{dossier.pk}",
                    event=event,
                    channel=channel,
                    to=address,
                    context=context,
                    idempotency_key=f"dossier:{dossier.pk}:{event}:{marker}:{channel}",
                )
            )
    return sent


def dossier_notify_channels_set(*, dossier: Dossier, channels: list[str]) -> None:
    """The applicant's choice of channels ("email", "sms"; at least one)."""
    chosen = list(dict.fromkeys(channels))
    if not chosen or set(chosen) - set(Dossier.NotifyChannel.values):
        raise ValueError(f"notification channels must be email and/or sms, not {channels!r}")
    Dossier.objects.filter(pk=dossier.pk).update(notify_channels=chosen)
    dossier.notify_channels = chosen


def officer_notify(
    *, user: Any, event: str, dossier: Dossier, context: dict[str, Any], key: str = ""
) -> Any | None:
    """Email an officer about a dossier (``step_warning``, ``step_overdue``). ``context`` adds
    ``step`` and ``due_date`` (a datetime is written dd/mm/yyyy hh:mm) to the dossier's code,
    procedure and the workspace link. ``key`` tells one warning from another (a
    DeadlineAlert's pk, say); None when the account has no email."""
    address = (getattr(user, "email", "") or "").strip()
    if not address:
        return None
    values = {
        "code": dossier.code or "",
        "procedure": dossier.version.procedure.name,
        "workspace_url": workspace_url(),
        **context,
    }
    if not isinstance(values.get("due_date"), str):
        values["due_date"] = moment(values.get("due_date"))
    return notification_send(
        reference=f"dossier:{dossier.pk}",
        event=event,
        channel="email",
        to=address,
        context=values,
        idempotency_key=f"dossier:{dossier.pk}:{event}:{key or 'officer'}:user:{user.pk}",
    )


def _entry_logged(sender: Any, instance: ProcessingLogEntry, created: bool, **kw: Any) -> None:
    if created and not kw.get("raw") and instance.pk and log_event(instance) is not None:
        pk = instance.pk
        # robust: a failure here is logged, never raised to a caller whose work is committed;
        # the catch-up enqueues the row later
        transaction.on_commit(
            lambda: entry_notify_enqueue(entry_id=pk), using=kw.get("using"), robust=True
        )


def entry_notify_enqueue(*, entry_id: int) -> None:
    """One outbox row per log entry, whoever asks first (the commit hook or the catch-up)."""
    outbox.enqueue(
        kind=SENDER,
        payload={"entry": entry_id},
        idempotency_key=f"{SENDER}:{entry_id}",
        summary="dossier notification",
    )


@outbox.senders.register(SENDER)
def _send(delivery: outbox.Delivery) -> None:
    entry = (
        ProcessingLogEntry.objects.select_related(
            "dossier__version__procedure", "dossier__applicant"
        )
        .filter(pk=delivery.payload["entry"])
        .first()
    )
    if entry is None:
        raise outbox.PermanentError("log entry not found")
    event = log_event(entry)
    if event is not None:
        dossier_notify(dossier=entry.dossier, event=event, entry=entry)


# imported by WorkflowsConfig.ready in every process (web and workers)
post_save.connect(_entry_logged, sender=ProcessingLogEntry, dispatch_uid="notify-log-entry")
