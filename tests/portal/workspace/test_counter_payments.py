"""Fees at the counter: a reception officer of the receiving agency records cash for a fee and
the dossier moves on; wrong amounts are refused on the page; double payments are listed for
the agency's officers and marked dealt with; nobody else sees or records anything."""

from typing import Any

import pytest
from django.test import Client

from core import outbox
from integrations.payments import service as payments
from tests.workflows.factories import AgencyFactory
from tests.workflows.services.fee_setup import payment_flow
from tests.workflows.services.reception_setup import Reception, officer, reception
from workflows.engine import task_complete
from workflows.models import Dossier, DossierDocument, DossierFee
from workflows.services.fees import dossier_fees_create, fee_reference

pytestmark = pytest.mark.django_db
FEE = 20_000


@pytest.fixture
def state(db: Any) -> Reception:
    state = reception(definition=payment_flow(), fee_amount=FEE, fee_name="Lệ phí")
    dossier_fees_create(dossier=state.dossier)
    return state


def client(user: Any) -> Client:
    c = Client(headers={"accept-language": "en"})
    c.force_login(user)
    return c


def the_fee(state: Reception) -> DossierFee:
    return DossierFee.objects.get(dossier=state.dossier)


def record(user: Any, state: Reception, amount: str, receipt: str = "BL-000123") -> Any:
    return client(user).post(
        f"/workspace/fees/{the_fee(state).pk}/counter/",
        {"amount": amount, "receipt_number": receipt},
    )


def test_cash_at_the_counter_pays_the_fee_and_moves_the_dossier_on(state: Reception) -> None:
    task_complete(task_id=state.task().pk, user=state.receptionist, outcome="forward")
    outbox.drain()
    page = client(state.receptionist).get("/workspace/fees/", {"code": state.dossier.code})
    assert page.status_code == 200
    assert "20.000" in page.content.decode() and "Record the cash payment" in page.content.decode()

    answer = record(state.receptionist, state, "20.000")
    assert answer.status_code == 302
    outbox.drain()
    fee = the_fee(state)
    assert (fee.status, fee.method, fee.receipt_number) == ("paid", "counter", "BL-000123")
    assert state.refresh().status == Dossier.Status.PROCESSING
    assert state.task("review")
    assert DossierDocument.objects.filter(
        dossier=state.dossier, kind=DossierDocument.Kind.FEE_RECEIPT
    ).exists()


def test_paid_at_the_counter_when_filing_the_payment_step_passes_at_once(state: Reception) -> None:
    assert record(state.receptionist, state, str(FEE)).status_code == 302
    outbox.drain()
    task_complete(task_id=state.task().pk, user=state.receptionist, outcome="forward")
    outbox.drain()
    assert state.refresh().status == Dossier.Status.PROCESSING
    assert state.task("review")


@pytest.mark.parametrize(
    ("amount", "receipt", "message"),
    [
        ("19000", "BL-1", "The amount must be the fee"),
        ("abc", "BL-1", "Enter the amount received"),
        ("20000", " ", "Enter the number of the receipt"),
    ],
)
def test_a_wrong_entry_is_shown_again_and_nothing_is_recorded(
    state: Reception, amount: str, receipt: str, message: str
) -> None:
    answer = record(state.receptionist, state, amount, receipt)
    assert answer.status_code == 400
    html = answer.content.decode()
    assert message in html and 'aria-invalid="true"' in html
    assert not payments.payment_attempts(reference=fee_reference(the_fee(state)))


def test_only_counter_officers_of_the_receiving_agency_record(state: Reception) -> None:
    elsewhere = officer(AgencyFactory(code="000.20.20.H10"), "reception")
    for user in (elsewhere, state.specialist):
        assert record(user, state, str(FEE)).status_code == 404
        page = client(user).get("/workspace/fees/", {"code": state.dossier.code})
        assert "No dossier of your agencies has this code" in page.content.decode()
    result_desk = officer(state.dossier.receiving_agency, "result_desk")
    assert record(result_desk, state, str(FEE)).status_code == 302
    citizen = Client()
    assert citizen.get("/workspace/fees/").status_code == 302  # to the sign-in page


def test_a_double_payment_is_listed_for_the_agency_and_marked_dealt_with(state: Reception) -> None:
    reference = fee_reference(the_fee(state))
    payments.payment_counter_record(
        reference=reference, amount=FEE, receipt_number="BL-1", recorded_by="a"
    )
    payments.payment_counter_record(
        reference=reference, amount=FEE, receipt_number="BL-2", recorded_by="b"
    )
    outbox.drain()
    html = client(state.receptionist).get("/workspace/fees/").content.decode()
    assert state.dossier.code in html and "BL-2" in html
    elsewhere = officer(AgencyFactory(code="000.20.20.H10"), "reception")
    assert state.dossier.code not in client(elsewhere).get("/workspace/fees/").content.decode()
    [flag] = list(payments.payments_flagged())
    url = f"/workspace/fees/flags/{flag.pk}/resolve/"
    assert client(elsewhere).post(url, {"note": "x"}).status_code == 404
    assert client(state.receptionist).post(url, {"note": "Đã trả lại tiền mặt"}).status_code == 302
    assert not payments.payments_flagged().exists()
    assert the_fee(state).receipt_number == "BL-1"


def test_a_paper_dossier_with_a_fee_links_to_the_counter_payment(state: Reception) -> None:
    html = client(state.receptionist).get(f"/workspace/reception/{state.dossier.pk}/")
    assert html.status_code == 200
    assert f"/workspace/fees/?code={state.dossier.code}" in html.content.decode()


def test_a_second_cash_payment_is_refused_before_the_first_is_applied(state: Reception) -> None:
    assert record(state.receptionist, state, str(FEE), "BL-1").status_code == 302
    again = record(state.receptionist, state, str(FEE), "BL-2")  # no outbox.drain() between
    assert again.status_code == 400
    assert "paid already" in again.content.decode()
    attempts = payments.payment_attempts(reference=fee_reference(the_fee(state)))
    assert [attempt.txn_ref for attempt in attempts] == ["BL-1"]
