"""Confirmations are never lost nor doubled: 32 identical IPNs at once on PostgreSQL give one
00 and 31 02; a worker dying between the IPN and the engine's step leaves the event as an
outbox row that is delivered once its lease expires."""

import threading
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.models import F
from django.test import Client
from django.utils import timezone

from core import outbox
from core.outbox.models import OutboxMessage
from integrations.payments.models import PaymentAttempt, PaymentCallback

from .conftest import ipn_params, signed

REF = "dossier:12:fee:3"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_32_concurrent_identical_ipns_confirm_once(attempt: Any) -> None:
    query = signed(ipn_params(attempt))
    barrier = threading.Barrier(32)
    codes: list[str] = []
    errors: list[BaseException] = []

    def send() -> None:
        try:
            barrier.wait(timeout=30)
            codes.append(Client().get(f"/payments/vnpay/ipn/?{query}").json()["RspCode"])
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=send) for _ in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(codes) == ["00"] + ["02"] * 31
    assert PaymentAttempt.objects.get().state == "paid"
    assert OutboxMessage.objects.filter(kind="event.payment_confirmed").count() == 1
    assert PaymentCallback.objects.filter(outcome="00").count() == 1
    assert PaymentCallback.objects.filter(outcome="02").count() == 31


@pytest.mark.django_db
def test_a_worker_killed_after_the_ipn_loses_nothing(
    attempt: Any, confirmed: list[dict[str, Any]]
) -> None:
    assert Client().get(f"/payments/vnpay/ipn/?{signed(ipn_params(attempt))}").json() == {
        "RspCode": "00",
        "Message": "Confirm Success",
    }
    event = OutboxMessage.objects.get(kind="event.payment_confirmed")
    # a worker claims the row (a lease, one attempt counted), then dies before the subscriber
    OutboxMessage.objects.filter(pk=event.pk).update(
        locked_until=timezone.now() + timedelta(minutes=5), attempts=F("attempts") + 1
    )
    outbox.drain()
    assert confirmed == []  # the lease is held: nobody else sends it yet
    OutboxMessage.objects.filter(pk=event.pk).update(
        locked_until=timezone.now() - timedelta(seconds=1)
    )
    outbox.drain()
    assert [payload["reference"] for payload in confirmed] == [REF]
    event.refresh_from_db()
    assert event.status == "done" and event.attempts == 2
    outbox.drain()
    assert len(confirmed) == 1
