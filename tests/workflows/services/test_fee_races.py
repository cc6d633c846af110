"""Fees under concurrency (PostgreSQL): two "Pay online" at once start one attempt; the same
payment applied twice at once pays once and moves the dossier once; a payment applied while
the process enters its wait-for-payment step never leaves the step waiting."""

from functools import partial

import pytest
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from core import outbox
from integrations.payments import service as payments
from tests.concurrency import at_once
from workflows.engine import task_complete
from workflows.models import Dossier, DossierFee, ProcessingLogEntry
from workflows.services.fee_online import (
    FeeNotPayable,
    fee_counter_payment_record,
    fee_payment_start,
)
from workflows.services.fee_payments import ConfirmedPayment, fee_payment_apply
from workflows.services.fees import fee_reference

from .fee_setup import confirmed, fee_dossier, open_task, the_fee

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_starts_at_once_make_one_attempt() -> None:
    dossier, _process, _officer = fee_dossier()
    fee = the_fee(dossier)

    def start() -> str:
        return fee_payment_start(fee=fee, back_url="/my/", client_ip="203.0.113.9")

    results, errors = at_once(start, start, start)
    assert len(results) == 1 and results[0].startswith(("http", "/"))
    assert [type(error) for error in errors] == [FeeNotPayable, FeeNotPayable]
    assert len(payments.payment_attempts(reference=fee_reference(fee))) == 1


def test_the_same_payment_applied_at_once_pays_and_moves_once() -> None:
    dossier, process, receptionist = fee_dossier()
    task_complete(task_id=open_task(process, "reception").pk, user=receptionist, outcome="forward")
    outbox.drain()
    payment = ConfirmedPayment.from_payload(confirmed(the_fee(dossier), txn="MC-RACE"))
    results, errors = at_once(*[partial(fee_payment_apply, payment=payment)] * 4)
    assert errors == []
    assert sorted(results) == [False, False, False, True]
    assert ProcessingLogEntry.objects.filter(dossier=dossier, action="fee_paid").count() == 1
    reviews = [t for t in Task.objects.filter(process=process) if t.flow_task.name == "review"]
    assert len(reviews) == 1


def test_a_payment_racing_the_step_never_leaves_it_waiting() -> None:
    for _ in range(3):
        dossier, process, receptionist = fee_dossier()
        payment = ConfirmedPayment.from_payload(confirmed(the_fee(dossier), txn="MC-STEP"))
        reception = open_task(process, "reception").pk
        _results, errors = at_once(
            partial(task_complete, task_id=reception, user=receptionist, outcome="forward"),
            partial(fee_payment_apply, payment=payment),
        )
        assert errors == []
        outbox.drain()  # the wait step's check, when the payment committed first
        waiting = Task.objects.filter(process=process, flow_task_type="EVENT", status=STATUS.NEW)
        assert not waiting.exists()
        assert open_task(process, "review")
        dossier.refresh_from_db()
        assert dossier.status == Dossier.Status.PROCESSING
        assert the_fee(dossier).status == DossierFee.Status.PAID


def test_two_officers_recording_cash_at_once_record_one_payment() -> None:
    dossier, _process, receptionist = fee_dossier()
    fee = the_fee(dossier)
    calls = [
        partial(
            fee_counter_payment_record,
            fee=fee,
            amount=fee.amount,
            receipt_number=f"BL-{n}",
            by=receptionist,
        )
        for n in range(3)
    ]
    results, errors = at_once(*calls)
    assert len(results) == 1
    assert [type(error) for error in errors] == [FeeNotPayable, FeeNotPayable]
    assert len(payments.payment_attempts(reference=fee_reference(fee))) == 1
    assert not payments.payments_flagged().exists()
