"""Result by post on the embedded default: the citizen chooses post, the result desk ships
(through the service and through the workspace page), the fake postal service advances, the
delivery ends the process with status 10."""

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core import outbox
from core.periodic import run_job
from integrations.postal.models import Shipment
from workflows.demo import (
    ACCOUNTS,
    DEPARTMENT,
    demo_accounts,
    demo_agencies,
    demo_procedures,
    demo_roles,
)
from workflows.demo_dossiers import ADDRESS, DIPLOMA, PDF, open_task
from workflows.engine import task_complete
from workflows.errors import OutcomeNeedsService
from workflows.models import Dossier, ProcedureVersion, ProcessingLogEntry
from workflows.services.reception import dossier_accept
from workflows.services.shipments import (
    PostalError,
    ShipmentRefused,
    dossier_ship,
    dossier_shipment,
    result_ship,
)
from workflows.services.submission import SubmittedDocument, dossier_submit

pytestmark = pytest.mark.django_db
BY_POST = {**DIPLOMA, "delivery": "post", "address": ADDRESS}


@pytest.fixture
def users(settings: Any) -> dict[str, Any]:
    settings.MOTCUA_POSTAL_BACKEND = "fake"
    settings.MOTCUA_POSTAL_FAKE_STEP_MINUTES = 2
    agencies = demo_agencies()
    demo_accounts(
        agencies=agencies,
        roles=demo_roles(),
        passwords={username: "demo-pass" for username, *_ in ACCOUNTS},
    )
    demo_procedures()
    return {u.username: u for u in get_user_model().objects.all()} | {"agencies": agencies}


def at_result_desk(users: dict[str, Any], data: dict[str, Any], key: str) -> Dossier:
    version = ProcedureVersion.objects.published().get(procedure__code="1.010020")
    dossier = dossier_submit(
        version=version,
        case=version.cases.get(code="standard"),
        channel=Dossier.Channel.ONLINE,
        data=dict(data),
        documents=[
            SubmittedDocument(c, f"{c}.pdf", PDF) for c in ("request_form", "identity_document")
        ],
        receiving_agency=users["agencies"][DEPARTMENT],
        submission_key=key,
        applicant=users["demo_citizen"],
    ).dossier
    dossier_accept(task_id=open_task(dossier, "reception"), user=users["demo_reception"])
    for step, who, outcome in (
        ("review", "demo_specialist", "propose"),
        ("approval", "demo_leader", "approve"),
        ("issue", "demo_specialist", "issued"),
    ):
        # the approval may sign the result (workflows.services.result_signing completes it
        # with _effects); signing is not the subject here
        task_complete(
            task_id=open_task(dossier, step), user=users[who], outcome=outcome, _effects=True
        )
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.PROCESSED
    return dossier


def actions(dossier: Dossier) -> list[str]:
    """The log's actions as written (the shipment's entries carry the provider's times)."""
    rows = ProcessingLogEntry.objects.filter(dossier=dossier).order_by("id")
    return [a for a in rows.values_list("action", flat=True) if a != "document_issued"]


def test_a_result_by_post_is_shipped_tracked_and_returned(users: dict[str, Any]) -> None:
    dossier = at_result_desk(users, BY_POST, "post-1")
    assert dossier.result_delivery == "post"
    info = result_ship(
        task_id=open_task(dossier, "result_desk"),
        by=users["demo_result_desk"],
        weight_grams=150,
        cod_amount=0,
        payer="sender",
    )
    dossier.refresh_from_db()
    assert dossier.postal_tracking_number == info.tracking_number
    assert dossier.status == Dossier.Status.PROCESSED  # waiting for the delivery
    entry = ProcessingLogEntry.objects.get(dossier=dossier, action="shipment_created")
    assert entry.comment == info.tracking_number  # the tracking number only
    parties = Shipment.objects.get().parties
    assert parties["receiver"] == {
        "name": "Trần Thị Mai",
        "phone": "0912345678",
        "address": {"street": ADDRESS["street"], "province": "01", "commune": "00070"},
    }
    assert parties["sender"]["name"] == dossier.receiving_agency.name
    outbox.drain()
    Shipment.objects.update(created_at=timezone.now() - timedelta(minutes=7))
    assert run_job("postal.fake_advance")
    outbox.drain()
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.RESULT_RETURNED and dossier.returned_at is not None
    done = actions(dossier)
    assert done[done.index("shipment_created") :] == [
        "shipment_created",
        "outcome:shipped",
        "shipment_picked_up",
        "shipment_in_transit",
        "shipment_delivered",
        "event:shipment_delivered",
        "finished",
    ]
    shipment = dossier_shipment(dossier=dossier)
    assert shipment is not None and shipment.status == "delivered" and len(shipment.events) == 3
    # the public page: how far the shipment is, never the address nor the tracking number
    public = Client(headers={"accept-language": "en"}).get(
        reverse("track:status", kwargs={"code": dossier.code})
    )
    assert public.status_code == 200
    for line in ("Result sent by post", "On its way by post", "Delivered by the postal service"):
        assert line in public.content.decode()
    assert info.tracking_number not in public.content.decode()
    assert ADDRESS["street"] not in public.content.decode()


def test_a_replayed_delivery_changes_nothing(users: dict[str, Any]) -> None:
    from workflows.subscribers.postal import on_shipment_status

    dossier = at_result_desk(users, BY_POST, "post-2")
    info = dossier_ship(
        dossier=dossier,
        by=users["demo_result_desk"],
        weight_grams=100,
        cod_amount=0,
        payer="sender",
    )
    payload = {
        "reference": f"dossier:{dossier.pk}",
        "tracking_number": info.tracking_number,
        "status": "delivered",
        "at": timezone.now().isoformat(),
    }
    on_shipment_status(payload)  # the step is not waiting yet: logged only
    on_shipment_status(payload)
    assert actions(dossier).count("shipment_delivered") == 1
    with pytest.raises(outbox.PermanentError):
        on_shipment_status({**payload, "reference": "dossier:999999"})
    with pytest.raises(outbox.PermanentError):
        on_shipment_status({**payload, "at": "yesterday"})


def test_who_and_when_may_ship(users: dict[str, Any]) -> None:
    at_counter = at_result_desk(users, DIPLOMA, "counter-1")
    with pytest.raises(ShipmentRefused):
        dossier_ship(
            dossier=at_counter,
            by=users["demo_result_desk"],
            weight_grams=100,
            cod_amount=0,
            payer="sender",
        )
    by_post = at_result_desk(users, BY_POST, "post-3")
    with pytest.raises(ShipmentRefused):  # not the result desk
        dossier_ship(
            dossier=by_post,
            by=users["demo_specialist"],
            weight_grams=100,
            cod_amount=0,
            payer="sender",
        )
    with pytest.raises(OutcomeNeedsService):  # "shipped" only with a shipment
        task_complete(
            task_id=open_task(by_post, "result_desk"),
            user=users["demo_result_desk"],
            outcome="shipped",
        )
    assert not Shipment.objects.exists()


def test_the_postal_service_down_changes_nothing(users: dict[str, Any], settings: Any) -> None:
    dossier = at_result_desk(users, BY_POST, "post-4")
    settings.MOTCUA_POSTAL_BACKEND = "vnpost_http"
    settings.MOTCUA_POSTAL_URL = "http://127.0.0.1:9"  # nothing listens
    settings.MOTCUA_POSTAL_TIMEOUT = 1
    with pytest.raises(PostalError):
        result_ship(
            task_id=open_task(dossier, "result_desk"),
            by=users["demo_result_desk"],
            weight_grams=100,
            cod_amount=0,
            payer="sender",
        )
    dossier.refresh_from_db()
    assert dossier.postal_tracking_number == "" and "shipment_created" not in actions(dossier)
    assert open_task(dossier, "result_desk")  # still there to try again


def test_the_workspace_page_ships_the_result(users: dict[str, Any]) -> None:
    dossier = at_result_desk(users, BY_POST, "post-5")
    task_id = open_task(dossier, "result_desk")
    client = Client(headers={"accept-language": "en"})
    client.force_login(users["demo_result_desk"])
    page = client.get(reverse("workspace:task", args=[task_id]))
    assert b"Send by post" in page.content
    assert b'value="shipped"' not in page.content  # not a plain outcome
    url = reverse("workspace:task-ship", args=[task_id])
    bad = client.post(
        url, {"ship-weight_grams": "0", "ship-cod_amount": "0", "ship-payer": "sender"}, follow=True
    )
    assert b"Weight (grams)" in bad.content and not Shipment.objects.exists()
    done = client.post(
        url,
        {"ship-weight_grams": "250", "ship-cod_amount": "0", "ship-payer": "receiver"},
        follow=True,
    )
    dossier.refresh_from_db()
    assert dossier.postal_tracking_number
    assert f"tracking number {dossier.postal_tracking_number}".encode() in done.content
    assert Shipment.objects.get().payer == "receiver"
    again = client.post(
        url,
        {"ship-weight_grams": "250", "ship-cod_amount": "0", "ship-payer": "sender"},
        follow=True,
    )
    assert Shipment.objects.count() == 1  # a double submit ships nothing more
    assert again.status_code == 200
    mine = Client(headers={"accept-language": "en"})
    mine.force_login(users["demo_citizen"])
    own = mine.get(reverse("mine:dossier", kwargs={"code": dossier.code}))
    assert dossier.postal_tracking_number.encode() in own.content
    assert (
        ADDRESS["street"].encode()
        not in own.content.split(b"Result by post")[1].split(b"</section>")[0]
    )


def test_only_the_result_desk_ships_from_the_workspace(users: dict[str, Any]) -> None:
    dossier = at_result_desk(users, BY_POST, "post-6")
    url = reverse("workspace:task-ship", args=[open_task(dossier, "result_desk")])
    form = {"ship-weight_grams": "250", "ship-cod_amount": "0", "ship-payer": "sender"}
    citizen = Client(headers={"accept-language": "en"})
    citizen.force_login(users["demo_citizen"])
    assert citizen.post(url, form).status_code == 404  # nobody's officer
    specialist = Client(headers={"accept-language": "en"})
    specialist.force_login(users["demo_specialist"])  # sees the task, is not the result desk
    refused = specialist.post(url, form, follow=True)
    assert b"Only the result desk of the receiving agency sends results." in refused.content
    anonymous = Client().post(url, form)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    assert not Shipment.objects.exists()


def test_a_counter_dossier_has_no_shipment_form(users: dict[str, Any]) -> None:
    dossier = at_result_desk(users, DIPLOMA, "counter-2")
    client = Client(headers={"accept-language": "en"})
    client.force_login(users["demo_result_desk"])
    page = client.get(reverse("workspace:task", args=[open_task(dossier, "result_desk")]))
    assert page.status_code == 200 and b"Send by post" not in page.content
    assert b'value="returned"' in page.content
