"""``payment_confirmed`` applied by the workflow layer: the fee paid once, the dossier moved on
past its wait-for-payment step, the receipt issued; replays and bad payloads."""

import pytest
from pypdf import PdfReader
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from core import events, outbox
from core.outbox.models import OutboxMessage
from workflows.engine import task_complete
from workflows.models import Dossier, DossierDocument, DossierFee, ProcessingLogEntry

from ..services.fee_setup import confirmed, fee_dossier, open_task, the_fee

pytestmark = pytest.mark.django_db
Status = Dossier.Status


def at_payment_step():  # type: ignore[no-untyped-def]
    dossier, process, receptionist = fee_dossier()
    task_complete(task_id=open_task(process, "reception").pk, user=receptionist, outcome="forward")
    outbox.drain()
    dossier.refresh_from_db()
    assert dossier.status == Status.FEE_OWED
    return dossier, process


def emit(payload):  # type: ignore[no-untyped-def]
    events.emit("payment_confirmed", payload, key=payload["payment_reference"])


def waiting(process) -> list[Task]:  # type: ignore[no-untyped-def]
    return list(Task.objects.filter(process=process, flow_task_type="EVENT", status=STATUS.NEW))


def test_a_confirmed_payment_pays_the_fee_and_moves_the_dossier_on():
    dossier, process = at_payment_step()
    fee = the_fee(dossier)
    emit(confirmed(fee, txn="MC0001", receipt="0000123"))
    outbox.drain()
    fee.refresh_from_db()
    assert fee.status == DossierFee.Status.PAID
    assert (fee.method, fee.payment_reference, fee.receipt_number) == (
        "online",
        "MC0001",
        "0000123",
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING
    assert not waiting(process)
    assert open_task(process, "review")
    paid = ProcessingLogEntry.objects.get(dossier=dossier, action="fee_paid")
    assert (paid.from_status, paid.to_status) == (Status.FEE_OWED, Status.PROCESSING)
    assert "MC0001" not in paid.comment
    receipt = DossierDocument.objects.get(dossier=dossier, kind=DossierDocument.Kind.FEE_RECEIPT)
    text = pdf_text(receipt)
    assert "BIÊN LAI THU PHÍ, LỆ PHÍ" in text
    assert "50.000" in text
    assert "Năm mươi nghìn đồng" in text
    assert "0000123" in text


def pdf_text(document: DossierDocument) -> str:
    with document.file.open("rb") as handle:
        return " ".join(page.extract_text() for page in PdfReader(handle).pages)


def test_the_same_payment_twice_is_applied_once():
    dossier, _process = at_payment_step()
    fee = the_fee(dossier)
    payload = confirmed(fee, txn="MC0002")
    from workflows.subscribers.payments import on_payment_confirmed

    on_payment_confirmed(dict(payload))
    on_payment_confirmed(dict(payload))
    on_payment_confirmed({**payload, "payment_reference": "MC0003"})  # a second payment
    outbox.drain()
    fee.refresh_from_db()
    assert fee.payment_reference == "MC0002"
    assert ProcessingLogEntry.objects.filter(dossier=dossier, action="fee_paid").count() == 1
    kind = DossierDocument.Kind.FEE_RECEIPT
    assert DossierDocument.objects.filter(dossier=dossier, kind=kind).count() == 1


def test_a_payment_before_the_step_lets_the_step_pass_at_once():
    dossier, process, receptionist = fee_dossier()
    emit(confirmed(the_fee(dossier), method="counter", txn="QUAY-1", receipt="BL-0001"))
    outbox.drain()
    paid = ProcessingLogEntry.objects.get(dossier=dossier, action="fee_paid")
    assert (paid.from_status, paid.to_status) == (None, None)  # nothing waited yet
    task_complete(task_id=open_task(process, "reception").pk, user=receptionist, outcome="forward")
    outbox.drain()
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING
    assert not waiting(process)
    assert open_task(process, "review")


def test_the_step_waits_while_the_fee_is_owed():
    dossier, process = at_payment_step()
    assert len(waiting(process)) == 1
    assert the_fee(dossier).status == DossierFee.Status.OWED


def test_a_waived_fee_lets_the_step_pass():
    dossier, process, receptionist = fee_dossier()
    DossierFee.objects.filter(dossier=dossier).update(status=DossierFee.Status.WAIVED)
    task_complete(task_id=open_task(process, "reception").pk, user=receptionist, outcome="forward")
    outbox.drain()
    assert open_task(process, "review")


@pytest.mark.parametrize(
    "change",
    [
        {"reference": "dossier:999999:fee:1"},
        {"reference": "order-12"},
        {"amount": 49_999},
        {"method": "cheque"},
        {"paid_at": "yesterday"},
    ],
)
def test_a_payment_that_cannot_apply_is_dead_lettered(change):  # type: ignore[no-untyped-def]
    dossier, process = at_payment_step()
    payload = {**confirmed(the_fee(dossier), txn="MC0009"), **change}
    emit(payload)
    outbox.drain()
    message = OutboxMessage.objects.get(kind="event.payment_confirmed")
    assert message.status == OutboxMessage.Status.DEAD
    assert the_fee(dossier).status == DossierFee.Status.OWED
    assert len(waiting(process)) == 1


def test_a_paid_fee_of_a_refused_dossier_stays_paid_and_moves_nothing():
    dossier, process, receptionist = fee_dossier()
    task_complete(task_id=open_task(process, "reception").pk, user=receptionist, outcome="decline")
    emit(confirmed(the_fee(dossier), txn="MC0010"))
    outbox.drain()
    dossier.refresh_from_db()
    assert dossier.status == Status.NOT_ACCEPTED
    assert the_fee(dossier).status == DossierFee.Status.PAID
