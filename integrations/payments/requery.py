"""querydr: asking the gateway about attempts we have no answer for. Run for one reference
on demand (the "check again" button), every few minutes over attempts left open, and daily
over a day's attempts (the reconciliation). A timeout or 5xx leaves the attempt as it was:
the next round asks again."""

import json
import logging
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.periodic import periodic

from . import protocol
from .apply import COUNTER, attempt_apply, lock_reference
from .base import GatewayStatus, backend_named
from .errors import GatewayError
from .models import PaymentAttempt, PaymentCallback, Reconciliation, Refund
from .states import OPEN, State, attempt_move

logger = logging.getLogger("motcua.payments")
EXPIRY_GRACE = timedelta(minutes=15)
BATCH = 200


def attempt_requery(*, attempt: PaymentAttempt) -> str:
    """Ask the gateway about one attempt and apply the answer. Returns "paid", "open",
    "closed" (failed, cancelled, expired), "mismatch" (the gateway's amount differs),
    "disputed" (paid here, not at the gateway: for an officer) or "unreachable"."""
    backend = backend_named(attempt.backend)
    if backend is None:
        return "unreachable"
    try:
        status = backend.querydr(attempt=attempt)
    except GatewayError as exc:
        logger.warning("querydr failed", extra={"txn_ref": attempt.txn_ref, "error": str(exc)})
        # asked: the next round starts with attempts asked longer ago
        PaymentAttempt.objects.filter(pk=attempt.pk).update(checked_at=timezone.now())
        return "unreachable"
    with transaction.atomic():
        locked = next(a for a in lock_reference(attempt.reference) if a.pk == attempt.pk)
        outcome = _apply(locked, status)
        locked.checked_at = timezone.now()
        locked.save(update_fields=["checked_at"])
        PaymentCallback.objects.create(
            attempt=locked,
            txn_ref=locked.txn_ref,
            source=PaymentCallback.Source.QUERYDR,
            raw=json.dumps(status.raw, sort_keys=True)[:4000],
            verified=True,
            outcome=status.raw.get("vnp_ResponseCode", "") if status.raw else "",
        )
    attempt.refresh_from_db()
    return outcome


def _apply(attempt: PaymentAttempt, status: GatewayStatus) -> str:
    if attempt.state == State.PAID:
        refunded = Refund.objects.filter(attempt=attempt).exists()
        return "paid" if status.paid or refunded else "disputed"
    if status.found and status.amount != attempt.amount:
        return "mismatch"
    if status.found:
        attempt_apply(attempt, status)
    if attempt.state in OPEN and _past_expiry(attempt) and not status.paid:
        attempt_move(attempt, State.EXPIRED)
        attempt.save()
    if attempt.state == State.PAID:
        return "paid"
    return "open" if attempt.state in OPEN else "closed"


def _past_expiry(attempt: PaymentAttempt) -> bool:
    return attempt.expires_at is not None and timezone.now() > attempt.expires_at + EXPIRY_GRACE


def reference_requery(*, reference: str) -> None:
    for attempt in PaymentAttempt.objects.filter(reference=reference, state__in=OPEN).exclude(
        backend=COUNTER
    ):
        attempt_requery(attempt=attempt)


@periodic("payments.querydr", every=timedelta(minutes=3))
def requery_open_attempts() -> dict[str, int]:
    """Attempts open for a few minutes (the IPN is late or lost) and expired ones never
    confirmed either way."""
    cutoff = timezone.now() - timedelta(minutes=settings.MOTCUA_PAYMENT_QUERY_AFTER_MINUTES)
    counts: dict[str, int] = {}
    stale = (
        PaymentAttempt.objects.filter(state__in=OPEN, created_at__lt=cutoff)
        .exclude(backend=COUNTER)
        .order_by(F("checked_at").asc(nulls_first=True), "pk")[:BATCH]
    )
    for attempt in stale:
        outcome = attempt_requery(attempt=attempt)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def reconciliation_run(*, day: date) -> Reconciliation:
    """querydr over every online attempt created on ``day`` (Vietnam's calendar); what the
    gateway says is applied (a payment we missed becomes paid), what disagrees is recorded."""
    tz = protocol.VIETNAM
    start = datetime.combine(day, time.min, tzinfo=tz)
    attempts = PaymentAttempt.objects.filter(
        created_at__gte=start, created_at__lt=start + timedelta(days=1)
    ).exclude(backend=COUNTER)
    run = Reconciliation(day=day)
    for attempt in attempts.order_by("pk"):
        before = attempt.state
        outcome = attempt_requery(attempt=attempt)
        run.checked += 1
        if outcome == "unreachable":
            run.unreachable += 1
        elif outcome == "mismatch":
            run.mismatches += 1
            run.details.append({"txn_ref": attempt.txn_ref, "problem": "amount differs"})
        elif outcome == "disputed":
            run.mismatches += 1
            run.details.append({"txn_ref": attempt.txn_ref, "problem": "paid here, not there"})
        elif outcome == "paid" and before != State.PAID:
            run.mismatches += 1
            run.details.append({"txn_ref": attempt.txn_ref, "problem": f"{before} but paid"})
        run.paid += outcome == "paid"
        run.still_pending += outcome == "open"
    run.ran_at = timezone.now()
    run.save()
    return run


@periodic("payments.reconcile", every=timedelta(days=1))
def reconcile_yesterday() -> Reconciliation:
    return reconciliation_run(day=timezone.localdate() - timedelta(days=1))
