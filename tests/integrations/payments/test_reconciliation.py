"""The daily reconciliation: querydr over a day's attempts, what the gateway says applied,
disagreements recorded for the admin."""

from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.utils import timezone

from integrations.payments import protocol
from integrations.payments.models import PaymentAttempt, Reconciliation
from integrations.payments.requery import reconcile_yesterday, reconciliation_run

from .peer import VnpayPeer

pytestmark = pytest.mark.django_db
DAY = timezone.localdate() - timedelta(days=1)


def attempt(txn_ref: str, state: str = "created", amount: int = 50000) -> PaymentAttempt:
    created = datetime.combine(DAY, time(10), tzinfo=protocol.VIETNAM)
    return PaymentAttempt.objects.create(
        txn_ref=txn_ref,
        reference=f"dossier:{txn_ref}:fee:1",
        amount=amount,
        backend="vnpay",
        state=state,
        created_at=created,
        create_date=protocol.gateway_date(created),
        expires_at=created + timedelta(minutes=15),
        paid_at=created if state == "paid" else None,
    )


def test_a_day_is_reconciled(vnpay_peer: VnpayPeer) -> None:
    missed = attempt("MISSED")  # paid at the gateway, the IPN never came
    vnpay_peer.pay(txn_ref="MISSED", amount=50000, create_date=missed.create_date)
    agreed = attempt("AGREED", state="paid")
    vnpay_peer.pay(txn_ref="AGREED", amount=50000, create_date=agreed.create_date)
    attempt("DISPUTED", state="paid")  # paid here, unknown there
    wrong = attempt("WRONGAMOUNT")
    vnpay_peer.pay(txn_ref="WRONGAMOUNT", amount=40000, create_date=wrong.create_date)
    attempt("ABANDONED")  # never reached the gateway, long expired
    PaymentAttempt.objects.create(  # another day: not in this run
        txn_ref="TODAY", reference="dossier:9:fee:1", amount=1, backend="vnpay"
    )
    PaymentAttempt.objects.create(  # the counter is not the gateway's business
        txn_ref="counter:x:1", reference="x", amount=1, backend="counter", state="paid",
        created_at=datetime.combine(DAY, time(11), tzinfo=protocol.VIETNAM),
    )  # fmt: skip

    reconcile_yesterday()  # the daily job: yesterday's attempts
    run = Reconciliation.objects.get()

    assert (run.day, run.checked, run.paid, run.still_pending, run.unreachable) == (DAY, 5, 2, 0, 0)
    assert run.mismatches == 3
    problems = {item["txn_ref"]: item["problem"] for item in run.details}
    assert problems == {
        "MISSED": "created but paid",
        "DISPUTED": "paid here, not there",
        "WRONGAMOUNT": "amount differs",
    }
    states = dict(PaymentAttempt.objects.values_list("txn_ref", "state"))
    assert states["MISSED"] == "paid" and states["ABANDONED"] == "expired"
    assert states["WRONGAMOUNT"] == "created"  # not applied: for an officer


def test_an_unreachable_gateway_is_counted_not_guessed(vnpay_peer: VnpayPeer) -> None:
    attempt("ONE")
    vnpay_peer.fail = "5xx"
    run = reconciliation_run(day=DAY)
    assert (run.checked, run.unreachable, run.mismatches) == (1, 1, 0)
    assert PaymentAttempt.objects.get().state == "created"


def test_reconciliation_with_the_fake(settings: Any) -> None:
    created = attempt("FAKE1")
    PaymentAttempt.objects.filter(pk=created.pk).update(backend="vnpay_fake")
    run = reconciliation_run(day=DAY)
    assert (run.checked, run.mismatches) == (1, 0)
    assert PaymentAttempt.objects.get().state == "expired"


def test_the_jobs_are_scheduled() -> None:
    from core.periodic import jobs

    assert jobs.get("payments.querydr").every == timedelta(minutes=3)
    assert jobs.get("payments.reconcile").every == timedelta(days=1)
