"""The workspace's Form 06 button and Form 07 page: who may, what they get, and the access
record of a register read."""

from typing import Any

import pytest
from django.test import Client

from core.audit.models import AccessLogEntry
from tests.workflows.factories import UserFactory
from tests.workflows.services.deadline_setup import received
from tests.workflows.services.reception_setup import officer
from workflows.models import DossierDocument, Role

pytestmark = pytest.mark.django_db
PERIOD = {"start": "2026-02-01", "end": "2026-02-28"}


def client_for(user: Any) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


@pytest.fixture
def state() -> Any:
    return received()


def test_the_reception_officer_reads_the_register_on_the_page_and_downloads_it(state: Any) -> None:
    client = client_for(state.receptionist)
    agency = state.dossier.receiving_agency
    page = client.get("/workspace/register/")
    assert page.status_code == 200 and b"Dossier register (Form 07)" in page.content
    shown = client.get("/workspace/register/", {"agency": agency.pk, **PERIOD})
    assert shown.status_code == 200
    assert state.dossier.code.encode() in shown.content
    assert "Nguyễn Thị Minh Hằng".encode() in shown.content
    assert "no-store" in shown["Cache-Control"] and "private" in shown["Cache-Control"]
    pdf = client.get("/workspace/register/", {"agency": agency.pk, "format": "pdf", **PERIOD})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert pdf["Content-Disposition"].startswith('attachment; filename="so-theo-doi-ho-so_')
    xlsx = client.get("/workspace/register/", {"agency": agency.pk, "format": "xlsx", **PERIOD})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert xlsx.content[:2] == b"PK" and "no-store" in xlsx["Cache-Control"]
    reads = AccessLogEntry.objects.filter(actor=state.receptionist, object_id=str(agency.pk))
    assert sorted(reads.values_list("action", flat=True)) == [
        "form07_html",
        "form07_pdf",
        "form07_xlsx",
    ]


def test_a_bad_period_is_explained_and_nothing_is_read(state: Any) -> None:
    client = client_for(state.receptionist)
    agency = state.dossier.receiving_agency
    backwards = client.get(
        "/workspace/register/", {"agency": agency.pk, "start": "2026-03-01", "end": "2026-02-01"}
    )
    assert b"The period ends before it starts." in backwards.content
    too_long = client.get(
        "/workspace/register/", {"agency": agency.pk, "start": "2024-01-01", "end": "2026-02-01"}
    )
    assert b"Choose a period of at most 366 days." in too_long.content
    assert not AccessLogEntry.objects.filter(action__startswith="form07_").exists()


def test_other_agencies_specialists_and_citizens_get_no_register(state: Any) -> None:
    agency = state.dossier.receiving_agency
    stranger = officer(
        type(agency).objects.create(code="000.20.20.H10", name="Trung tâm khác", kind=agency.kind),
        Role.Standard.RECEPTION,
    )
    foreign = client_for(stranger).get("/workspace/register/", {"agency": agency.pk, **PERIOD})
    assert foreign.status_code == 200 and b"Select a valid choice" in foreign.content
    assert state.dossier.code.encode() not in foreign.content
    assert client_for(state.specialist).get("/workspace/register/").status_code == 404
    citizen = client_for(UserFactory())
    assert citizen.get("/workspace/register/").status_code == 404
    assert Client().get("/workspace/register/").status_code == 302  # to the sign-in


def test_form_06_from_the_task_page(state: Any) -> None:
    task = state.task("review")
    specialist = client_for(state.specialist)
    assert (
        b"Issue the processing control slip (Form 06)"
        in specialist.get(f"/workspace/tasks/{task.pk}/").content
    )
    response = specialist.post(f"/workspace/tasks/{task.pk}/control-slip/")
    document = DossierDocument.objects.get(kind=DossierDocument.Kind.CONTROL_SLIP)
    assert response.status_code == 302
    assert response["Location"] == f"/workspace/documents/{document.pk}/preview/"
    assert specialist.get(f"/workspace/tasks/{task.pk}/control-slip/").status_code == 405
    stranger = officer(
        type(state.dossier.receiving_agency).objects.create(
            code="000.20.20.H10", name="Trung tâm khác", kind=state.dossier.receiving_agency.kind
        ),
        Role.Standard.SPECIALIST,
    )
    assert client_for(stranger).post(f"/workspace/tasks/{task.pk}/control-slip/").status_code == 404
    assert DossierDocument.objects.filter(kind=DossierDocument.Kind.CONTROL_SLIP).count() == 1
