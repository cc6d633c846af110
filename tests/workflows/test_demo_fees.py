"""The demo's dossiers of the seed procedure with a fee (copy of a civil-status extract): one
waiting for its fee (status 6), one paid at the counter that moves on with its fee receipt and
then runs to its returned result."""

from typing import Any

import pytest
from django.contrib.auth import get_user_model

from core import outbox
from workflows.demo import (
    ACCOUNTS,
    DEPARTMENT,
    demo_accounts,
    demo_agencies,
    demo_procedures,
    demo_roles,
)
from workflows.demo_dossiers import DOSSIERS, _dossier, open_task
from workflows.engine import task_complete
from workflows.models import Dossier, DossierDocument, DossierFee

pytestmark = pytest.mark.django_db
Status = Dossier.Status
ITEMS = {item.key: item for item in DOSSIERS}


@pytest.fixture
def demo() -> dict[str, Any]:
    agencies = demo_agencies()
    passwords = {username: "demo-pass" for username, *_ in ACCOUNTS}
    demo_accounts(agencies=agencies, roles=demo_roles(), passwords=passwords)
    demo_procedures()
    users = {u.username: u for u in get_user_model().objects.filter(is_active=True)}
    return {"receiving": agencies[DEPARTMENT], "users": users}


def made(demo: dict[str, Any], key: str) -> Dossier:
    dossier = _dossier(ITEMS[key], demo["receiving"], demo["users"])
    outbox.drain()
    dossier.refresh_from_db()
    return dossier


def test_a_dossier_waits_for_its_fee(demo: dict[str, Any]) -> None:
    dossier = made(demo, "demo-civil-extract-fee-owed")
    assert dossier.status == Status.FEE_OWED
    [fee] = DossierFee.objects.filter(dossier=dossier)
    assert (fee.amount, fee.status) == (8000, DossierFee.Status.OWED)
    assert dossier.applicant.username == "demo_citizen"


def test_a_dossier_paid_at_the_counter_moves_on_to_its_result(demo: dict[str, Any]) -> None:
    dossier = made(demo, "demo-civil-extract-paid-counter")
    [fee] = DossierFee.objects.filter(dossier=dossier)
    assert (fee.status, fee.method, fee.receipt_number) == ("paid", "counter", "0000001")
    assert dossier.status == Status.PROCESSING
    assert DossierDocument.objects.filter(
        dossier=dossier, kind=DossierDocument.Kind.FEE_RECEIPT
    ).exists()
    users = demo["users"]
    task_complete(
        task_id=open_task(dossier, "issue"), user=users["demo_specialist"], outcome="issued"
    )
    task_complete(
        task_id=open_task(dossier, "result_desk"),
        user=users["demo_result_desk"],
        outcome="returned",
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.RESULT_RETURNED
