"""The task page's apology (Form 04) and stop (Form 05) forms, and the withdrawal requests'
page: shown to whom they apply, refused with the rule, 404 for another agency's officer."""

from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tests.workflows.factories import AgencyFactory, UserFactory
from tests.workflows.services.deadline_setup import received
from tests.workflows.services.reception_setup import Reception, local, officer, reception
from workflows.deadlines.job import deadline_alerts
from workflows.models import Dossier, DossierApology, DossierDocument
from workflows.services.withdrawal import dossier_withdraw

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


@pytest.fixture
def state() -> Reception:
    return received()


@pytest.fixture
def stranger() -> Any:
    return officer(AgencyFactory(code="000.20.20.H10", name="Trung tâm khác"), "specialist")


def url(name: str, *args: Any) -> str:
    return reverse(f"workspace:{name}", args=args)


APOLOGY = {"apology-reason": "Cần xác minh thêm.", "apology-new_appointment_date": "2026-03-13"}


def test_the_specialist_sees_the_apology_form_and_issues_it(state: Reception) -> None:
    task = state.task("review")
    client = client_for(state.specialist)
    with time_machine.travel(local(2026, 3, 5, 10, 0), tick=False):
        page = client.get(url("task", task.pk))
        assert "apology_form" in page.context and "stop_form" in page.context
        assert "possible until" in page.content.decode()
        response = client.post(url("task-apologise", task.pk), APOLOGY)
        assert response.status_code == 302
        page = client.get(url("task", task.pk))
    assert "An apology was issued: the appointment moved from 09/03/2026 to 13/03/2026." in (
        page.content.decode()
    )
    assert "apology_form" not in page.context
    assert state.refresh().appointment_date.isoformat() == "2026-03-13"
    assert DossierDocument.objects.filter(dossier=state.dossier, kind="apology").count() == 1


def test_too_late_the_page_explains_the_rule_and_a_post_is_refused(state: Reception) -> None:
    task = state.task("review")
    client = client_for(state.specialist)
    with time_machine.travel(local(2026, 3, 6, 17, 30), tick=False):
        page = client.get(url("task", task.pk))
        assert "apology_form" not in page.context
        assert "at least one working day before the deadline" in page.context["apology_refusal"]
        response = client.post(url("task-apologise", task.pk), APOLOGY)
    assert response.status_code == 409
    assert "at least one working day before the deadline" in response.content.decode()
    assert not DossierApology.objects.exists()


def test_a_bad_date_keeps_what_was_typed(state: Reception) -> None:
    task = state.task("review")
    with time_machine.travel(local(2026, 3, 4, 10, 0), tick=False):
        response = client_for(state.specialist).post(
            url("task-apologise", task.pk),
            {"apology-reason": "Lý do đã nhập", "apology-new_appointment_date": "hôm sau"},
        )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Enter a valid date." in content and "Lý do đã nhập" in content


def test_another_agencys_officer_gets_404(state: Reception, stranger: Any) -> None:
    task = state.task("review")
    client = client_for(stranger)
    with time_machine.travel(local(2026, 3, 4, 10, 0), tick=False):
        assert client.post(url("task-apologise", task.pk), APOLOGY).status_code == 404
        assert client.post(url("task-stop", task.pk), {"stop-reason": "x"}).status_code == 404
    assert client.post(url("withdrawal-confirm", state.dossier.pk)).status_code == 404
    assert not DossierApology.objects.exists()
    assert state.refresh().status == Dossier.Status.PROCESSING


def test_the_get_is_not_allowed_and_csrf_is_checked(state: Reception) -> None:
    task = state.task("review")
    client = Client(enforce_csrf_checks=True, headers={"accept-language": "en"})
    client.force_login(state.specialist)
    assert client.get(url("task-apologise", task.pk)).status_code == 405
    assert client.post(url("task-stop", task.pk), {"stop-reason": "x"}).status_code == 403


def test_stop_from_the_task_page(state: Reception) -> None:
    task = state.task("review")
    client = client_for(state.specialist)
    assert client.post(url("task-stop", task.pk), {"stop-reason": " "}).status_code == 400
    response = client.post(url("task-stop", task.pk), {"stop-reason": "Không đủ điều kiện."})
    assert response.status_code == 302
    assert state.refresh().status == Dossier.Status.STOPPED
    page = client.get(url("task", task.pk))
    assert page.status_code == 200 and "stop_form" not in page.context
    again = client.post(url("task-stop", task.pk), {"stop-reason": "Lần hai"})
    assert again.status_code == 409
    assert DossierDocument.objects.filter(dossier=state.dossier, kind="stop").count() == 1


def test_the_stop_outcome_is_not_offered_in_the_plain_outcome_form(state: Reception) -> None:
    task = state.task("review")
    page = client_for(state.specialist).get(url("task", task.pk))
    choices = [code for code, _label in page.context["outcome_form"].fields["outcome"].choices]
    assert choices == ["approve"]


def test_withdrawal_requests_are_listed_and_confirmed() -> None:
    state = reception()
    applicant: Any = UserFactory()
    Dossier.objects.filter(pk=state.dossier.pk).update(applicant=applicant)
    dossier_withdraw(dossier=state.refresh(), by=applicant, reason="Tôi nộp nhầm thủ tục.")
    client = client_for(state.receptionist)
    page = client.get(url("withdrawals"))
    assert page.status_code == 200
    content = page.content.decode()
    assert state.dossier.code in content and "Tôi nộp nhầm thủ tục." in content
    # a specialist of the same centre may not confirm; another centre's officer sees nothing
    other = officer(AgencyFactory(code="000.20.20.H10"), "reception")
    assert state.dossier.code not in client_for(other).get(url("withdrawals")).content.decode()
    refused = client_for(state.specialist).post(url("withdrawal-confirm", state.dossier.pk))
    assert refused.status_code == 404
    response = client.post(
        url("withdrawal-confirm", state.dossier.pk), {"confirm-comment": "Đã trả hồ sơ."}
    )
    assert response.status_code == 302
    dossier = state.refresh()
    assert dossier.finished_at is not None
    assert DossierDocument.objects.filter(dossier=dossier, kind="stop").count() == 1
    followed = client.post(url("withdrawal-confirm", dossier.pk), follow=True)
    assert "This dossier has no withdrawal request waiting." in followed.content.decode()
    assert state.dossier.code not in client.get(url("withdrawals")).content.decode()


def test_the_queue_rows_show_the_alerts(state: Reception) -> None:
    client = client_for(state.specialist)
    with time_machine.travel(local(2026, 3, 5, 17, 30), tick=False):
        deadline_alerts()  # the step overdue (escalated), the dossier's warning
        page = client.get(url("queue", "unclaimed"))
    [row] = page.context["rows"]
    assert row.escalated and row.dossier_alert == "dossier_warning"
    content = page.content.decode()
    assert "escalated" in content and "dossier due soon" in content
    with time_machine.travel(local(2026, 3, 9, 17, 30), tick=False):
        deadline_alerts()
        [row] = client.get(url("queue", "unclaimed")).context["rows"]
    assert row.dossier_alert == "dossier_overdue"
