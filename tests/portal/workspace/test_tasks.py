"""The task page and what officers do with a task: claim, release, reassign, the outcomes."""

import pytest
from django.urls import reverse
from django.utils import translation
from viewflow.workflow.status import STATUS

from core.audit.models import AccessLogEntry
from tests.workflows.factories import AgencyFactory
from tests.workflows.services.reception_setup import OWNER, officer
from workflows.models import Dossier, ProcessingLogEntry, SupplementationRequest

pytestmark = pytest.mark.django_db
Status = Dossier.Status


def url(name, task, *args):
    return reverse(f"workspace:{name}", args=[task.pk, *args])


def test_task_page_shows_the_dossier_to_an_officer_of_the_agency_and_records_it(desk):
    task = desk.task()
    response = desk.client(desk.state.receptionist).get(url("task", task))
    assert response.status_code == 200
    content = response.content.decode()
    assert desk.dossier.code in content and OWNER["full_name"] in content
    assert reverse("workspace:attachment-preview", args=[desk.attachment.pk]) in content
    assert "<iframe" in content
    assert {"accept_form", "supplement_form", "refuse_form"} <= set(response.context.keys())
    assert AccessLogEntry.objects.filter(
        actor=desk.state.receptionist, action="view", object_id=str(desk.dossier.pk)
    ).exists()


def test_another_agency_s_task_or_a_missing_one_is_404(desk):
    client = desk.client(desk.stranger)
    task = desk.task()
    assert client.get(url("task", task)).status_code == 404
    assert client.post(url("task-claim", task)).status_code == 404
    assert client.post(url("task-outcome", task, "accept")).status_code == 404
    assert client.get(reverse("workspace:task", args=[task.pk + 1000])).status_code == 404
    assert desk.task().status == STATUS.NEW


def test_a_leader_above_the_agency_sees_its_tasks(desk):
    province = desk.dossier.receiving_agency.parent.parent
    leader = officer(province, "leader")
    assert desk.client(leader).get(url("task", desk.task())).status_code == 200


def test_claim_then_a_colleague_is_told_who_has_it(desk):
    task = desk.task()
    first = desk.client(desk.state.receptionist)
    colleague_user = officer(desk.dossier.receiving_agency, "reception", "Bình", "Lê Văn")
    colleague = desk.client(colleague_user)
    assert first.post(url("task-claim", task)).status_code == 302
    response = colleague.post(url("task-claim", task), follow=True)
    assert "This task is no longer available: Đức Trần Văn has it." in response.content.decode()
    assert desk.task().owner == desk.state.receptionist
    # only the owner may release it
    colleague.post(url("task-release", task))
    assert desk.task().status == STATUS.ASSIGNED
    first.post(url("task-release", task))
    assert desk.task().status == STATUS.NEW


def test_a_specialist_cannot_complete_a_reception_task(desk):
    task = desk.task()
    client = desk.client(desk.state.specialist)
    assert client.get(url("task", task)).status_code == 200  # same agency: may look
    response = client.post(url("task-outcome", task, "accept"), {"accept-comment": ""})
    assert response.status_code == 409
    assert "no longer available to you" in response.content.decode()
    assert Dossier.objects.get(pk=desk.dossier.pk).status == Status.NEW


def test_accept_receives_the_dossier_and_a_second_submit_is_told(desk):
    task = desk.task()
    client = desk.client(desk.state.receptionist)
    response = client.post(url("task-outcome", task, "accept"), {"accept-comment": "Đủ"})
    assert response.status_code == 302
    assert Dossier.objects.get(pk=desk.dossier.pk).status == Status.ACCEPTED
    with translation.override("en"):
        again = client.post(url("task-outcome", task, "accept"), {"accept-comment": "Đủ"})
    assert again.status_code == 409
    assert "no longer available" in again.content.decode()


def test_supplementation_needs_an_item_and_keeps_what_was_typed(desk):
    task = desk.task()
    client = desk.client(desk.state.receptionist)
    with translation.override("en"):
        response = client.post(
            url("task-outcome", task, "supplement"), {"supplement-reason": "Thiếu giấy tờ"}
        )
    assert response.status_code == 400
    content = response.content.decode()
    assert "List at least one missing or incorrect item." in content
    assert "Thiếu giấy tờ" in content  # kept
    response = client.post(
        url("task-outcome", task, "supplement"),
        {
            "supplement-documents": ["identity_document"],
            "supplement-other": "Ảnh 3x4\n\n",
            "supplement-reason": "Bổ sung",
        },
    )
    assert response.status_code == 302
    request = SupplementationRequest.objects.get(dossier=desk.dossier)
    assert [item["name"] for item in request.items] == ["Căn cước", "Ảnh 3x4"]
    assert request.items[0]["document_code"] == "identity_document"


def test_refusal_needs_a_reason(desk):
    task = desk.task()
    client = desk.client(desk.state.receptionist)
    with translation.override("en"):
        response = client.post(url("task-outcome", task, "refuse"), {"refuse-reason": " "})
    assert response.status_code == 400
    assert b'aria-invalid="true"' in response.content
    assert b'class="error-summary"' in response.content
    response = client.post(url("task-outcome", task, "refuse"), {"refuse-reason": "Sai thủ tục"})
    assert response.status_code == 302
    assert Dossier.objects.get(pk=desk.dossier.pk).status == Status.NOT_ACCEPTED


def test_review_step_takes_its_outcomes_with_a_comment(desk):
    desk.client(desk.state.receptionist).post(
        url("task-outcome", desk.task(), "accept"), {"accept-comment": ""}
    )
    review = desk.task("review")
    client = desk.client(desk.state.specialist)
    page = client.get(url("task", review))
    assert [code for code, _label in page.context["outcome_form"].fields["outcome"].choices] == [
        "approve"
    ]
    assert "accept_form" not in page.context
    with translation.override("en"):
        bad = client.post(url("task-outcome", review, "outcome"), {"outcome-outcome": "stop"})
    assert bad.status_code == 400
    response = client.post(
        url("task-outcome", review, "outcome"),
        {"outcome-outcome": "approve", "outcome-comment": "Đạt"},
    )
    assert response.status_code == 302
    assert Dossier.objects.get(pk=desk.dossier.pk).status == Status.PROCESSED
    assert ProcessingLogEntry.objects.filter(
        dossier=desk.dossier, action="outcome:approve", comment="Đạt"
    ).exists()
    # a finished task: still readable, no forms
    done = client.get(url("task", review))
    assert done.status_code == 200 and "outcome_form" not in done.context


def test_an_unknown_outcome_kind_is_404(desk):
    client = desk.client(desk.state.receptionist)
    assert client.post(url("task-outcome", desk.task(), "teleport")).status_code == 404


def test_only_a_leader_reassigns(desk):
    task = desk.task()
    colleague = officer(desk.dossier.receiving_agency, "reception", "Bình", "Lê Văn")
    client = desk.client(desk.state.receptionist)
    assert "candidates" not in client.get(url("task", task)).context
    client.post(url("task-reassign", task), {"officer": colleague.pk})
    assert desk.task().owner_id is None

    leader = officer(desk.dossier.receiving_agency.parent, "leader")  # the commune's leader
    leading = desk.client(leader)
    page = leading.get(url("task", task))
    assert colleague in page.context["candidates"]
    assert desk.state.specialist not in page.context["candidates"]
    response = leading.post(url("task-reassign", task), {"officer": colleague.pk, "comment": "x"})
    assert response.status_code == 302
    assert desk.task().owner == colleague and desk.task().status == STATUS.ASSIGNED
    assert ProcessingLogEntry.objects.filter(
        dossier=desk.dossier, action="reassigned", actor=leader
    ).exists()
    # not to someone without the step's role, nor to nobody
    leading.post(url("task-reassign", task), {"officer": desk.state.specialist.pk})
    leading.post(url("task-reassign", task), {"officer": "nobody"})
    assert desk.task().owner == colleague


def test_a_leader_of_another_agency_cannot_reassign(desk):
    elsewhere_leader = officer(AgencyFactory(code="000.00.00.H10"), "leader")
    response = desk.client(elsewhere_leader).post(
        url("task-reassign", desk.task()), {"officer": desk.state.receptionist.pk}
    )
    assert response.status_code == 404
