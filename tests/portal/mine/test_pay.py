"""Paying a fee from the dossier's page on the embedded default: the page's POST, the fake
gateway's page and its "Pay", the return page, the IPN through the outbox, and the dossier
moved on past its wait-for-payment step with the fee paid and its receipt issued."""

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from pypdf import PdfReader

from core import outbox
from integrations.payments import service as payments
from tests.workflows.services.fee_setup import payment_flow
from tests.workflows.services.reception_setup import Reception, reception
from workflows.engine import task_complete
from workflows.models import Dossier, DossierDocument, DossierFee
from workflows.services.fees import dossier_fees_create, fee_reference

from .conftest import Mine

pytestmark = pytest.mark.django_db
FEE = 50_000


@pytest.fixture
def mine(db: Any) -> Mine:  # the conftest's, on a procedure with a fee
    from tests.workflows.factories import UserFactory

    state: Reception = reception(
        definition=payment_flow(), fee_amount=FEE, fee_name="Phí cấp bản sao"
    )
    citizen: Any = UserFactory()
    state.dossier.applicant = citizen
    state.dossier.save(update_fields=["applicant"])
    dossier_fees_create(dossier=state.dossier)
    return Mine(state=state, citizen=citizen, stranger=UserFactory())


def to_payment_step(mine: Mine) -> None:
    task = mine.state.task("reception")
    task_complete(task_id=task.pk, user=mine.state.receptionist, outcome="forward")
    outbox.drain()
    assert mine.state.refresh().status == Dossier.Status.FEE_OWED


def fee(mine: Mine) -> DossierFee:
    return DossierFee.objects.get(dossier=mine.dossier)


def local(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def start(client: Client, mine: Mine) -> Any:
    return client.post(f"{mine.url}fees/{fee(mine).pk}/pay/")


def gateway_choice(client: Client, mine: Mine, choice: str) -> Any:
    """The fake gateway's page, then its ``choice`` button; the answer (a redirect back)."""
    started = start(client, mine)
    assert started.status_code == 302
    page = client.get(local(started["Location"]))
    assert page.status_code == 200
    query = re.search(r'name="query" value="([^"]+)"', page.content.decode())
    assert query is not None
    return client.post(
        urlsplit(started["Location"]).path,
        {"query": query[1].replace("&amp;", "&"), "choice": choice},
    )


def test_the_citizen_pays_online_and_the_dossier_moves_on(mine: Mine) -> None:
    to_payment_step(mine)
    client = mine.client(mine.citizen)
    page = client.get(mine.url).content.decode()
    assert "Pay online" in page and "50.000" in page

    back = gateway_choice(client, mine, "pay")
    assert back.status_code == 302
    returned = client.get(local(back["Location"]))
    assert returned.status_code == 200
    outbox.drain()  # the fake gateway's IPN, then payment_confirmed, then the receipt

    paid = fee(mine)
    assert (paid.status, paid.method) == (DossierFee.Status.PAID, DossierFee.Method.ONLINE)
    assert mine.state.refresh().status == Dossier.Status.PROCESSING
    assert mine.state.task("review")
    receipt = DossierDocument.objects.get(
        dossier=mine.dossier, kind=DossierDocument.Kind.FEE_RECEIPT
    )
    with receipt.file.open("rb") as handle:
        text = " ".join(page.extract_text() for page in PdfReader(handle).pages)
    assert "50.000" in text and "Năm mươi nghìn đồng" in text
    assert paid.payment_reference in text
    e_receipt = payments.payment_receipt(reference=fee_reference(paid))
    assert e_receipt is not None and e_receipt["number"] in text  # the fake provider's

    page = client.get(mine.url).content.decode()
    assert "Pay online" not in page
    assert "Fee receipt" in page and paid.payment_reference in page


def test_a_pending_attempt_shows_check_again_and_a_second_start_is_refused(mine: Mine) -> None:
    to_payment_step(mine)
    client = mine.client(mine.citizen)
    assert start(client, mine).status_code == 302
    again = client.post(f"{mine.url}fees/{fee(mine).pk}/pay/", follow=True)
    assert "started less than a minute ago" in again.content.decode()
    page = client.get(mine.url).content.decode()
    assert "Being confirmed" in page and "Check again" in page
    checked = client.post(f"{mine.url}fees/{fee(mine).pk}/check/", follow=True)
    assert "still being confirmed" in checked.content.decode()  # not expired: may be paid yet
    assert fee(mine).status == DossierFee.Status.OWED


def test_a_failed_payment_leaves_the_fee_owed(mine: Mine) -> None:
    to_payment_step(mine)
    client = mine.client(mine.citizen)
    gateway_choice(client, mine, "fail")
    outbox.drain()
    assert fee(mine).status == DossierFee.Status.OWED
    assert mine.state.refresh().status == Dossier.Status.FEE_OWED
    assert "Failed" in client.get(mine.url).content.decode()


@pytest.mark.parametrize("who", ["stranger", "anonymous"])
def test_nobody_else_pays_or_sees_the_fees(mine: Mine, who: str) -> None:
    client = mine.client(mine.stranger if who == "stranger" else None)
    response = start(client, mine)
    assert response.status_code in (404, 302)
    if response.status_code == 302:  # anonymous: to the sign-in page
        assert response["Location"].startswith("/accounts/login/")
    assert client.get(mine.url).status_code in (404, 302)
    assert not outbox_attempts()


def outbox_attempts() -> list[Any]:
    from integrations.payments.models import PaymentAttempt

    return list(PaymentAttempt.objects.all())


def test_the_pay_page_takes_only_posts(mine: Mine) -> None:
    client = mine.client(mine.citizen)
    assert client.get(f"{mine.url}fees/{fee(mine).pk}/pay/").status_code == 405


def test_a_visitor_with_a_grant_sees_the_fees_but_does_not_pay(mine: Mine) -> None:
    to_payment_step(mine)
    visitor = mine.client(mine.stranger)
    session = visitor.session
    session["dossier_grants"] = [mine.dossier.pk]
    session.save()
    html = visitor.get(mine.url).content.decode()
    assert "Fees and online payment" in html and "50.000" in html
    assert "Pay online" not in html
    assert start(visitor, mine).status_code == 404
    assert not outbox_attempts()
