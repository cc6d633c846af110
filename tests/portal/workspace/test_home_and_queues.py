"""The workspace home and the queue pages: who gets in, counts, filters, search, sort."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from viewflow.workflow.models import Task

from tests.workflows.factories import UserFactory
from tests.workflows.services.reception_setup import OWNER
from workflows.services.reception import MissingItem, dossier_request_supplementation

pytestmark = pytest.mark.django_db
UNCLAIMED = reverse("workspace:queue", args=["unclaimed"])


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("workspace:home"))
    assert response.status_code == 302


def test_an_account_without_membership_gets_404(client, desk):
    client.force_login(UserFactory())
    assert client.get(reverse("workspace:home")).status_code == 404
    assert client.get(UNCLAIMED).status_code == 404
    assert client.get(reverse("workspace:task", args=[desk.task().pk])).status_code == 404


def due_in(task, delta):
    Task.objects.filter(pk=task.pk).update(scheduled=timezone.now() + delta)


def test_home_counts_each_queue_and_links_to_it(desk):
    due_in(desk.task(), -timedelta(hours=1))
    response = desk.client(desk.state.receptionist).get(reverse("workspace:home"))
    assert response.status_code == 200
    queues = {name: count for name, _title, count in response.context["queues"]}
    assert queues == {"unclaimed": 1, "mine": 0, "due_soon": 0, "overdue": 1, "waiting": 0}
    assert UNCLAIMED.encode() in response.content
    # the specialist has nothing at reception; the stranger neither
    response = desk.client(desk.state.specialist).get(reverse("workspace:home"))
    assert response.context["queues"][0][2] == 0
    due_in(desk.task(), timedelta(hours=2))
    response = desk.client(desk.state.receptionist).get(reverse("workspace:home"))
    assert [count for _name, _title, count in response.context["queues"]] == [1, 0, 1, 0, 0]


def test_unknown_queue_is_404(desk):
    client = desk.client(desk.state.receptionist)
    assert client.get(reverse("workspace:queue", args=["everything"])).status_code == 404


def test_unclaimed_list_shows_code_procedure_step_and_late_due(desk):
    due_in(desk.task(), -timedelta(minutes=5))
    response = desk.client(desk.state.receptionist).get(UNCLAIMED)
    [row] = response.context["rows"]
    assert row.code == desk.dossier.code
    assert row.task_id == desk.task().pk
    assert row.step == "reception"
    assert row.due_class == "late"
    assert row.procedure == desk.dossier.version.procedure.name
    assert b'class="late"' in response.content


def test_filters_narrow_the_list_and_bad_values_are_reported(desk):
    client = desk.client(desk.state.receptionist)
    assert len(client.get(UNCLAIMED, {"step": "reception"}).context["rows"]) == 1
    assert client.get(UNCLAIMED, {"step": "review"}).context["rows"] == []
    assert client.get(UNCLAIMED, {"status": "2"}).context["rows"] == []
    assert len(client.get(UNCLAIMED, {"status": "1", "sort": "code"}).context["rows"]) == 1
    assert len(client.get(UNCLAIMED, {"agency": "000.20.20.H56"}).context["rows"]) == 1
    procedure = desk.dossier.version.procedure_id
    assert len(client.get(UNCLAIMED, {"procedure": procedure}).context["rows"]) == 1
    with translation.override("en"):
        response = client.get(UNCLAIMED, {"sort": "sideways", "page": "x"})
    assert response.status_code == 200
    assert "sort" in response.context["form"].errors
    assert b'aria-invalid="true"' in response.content


@pytest.mark.parametrize(
    "text, found",
    [
        ("000.00.20.H56-260212-0001", True),  # the code
        ("000.00.20.h56-2602", True),  # a prefix, any case
        ("nguyen thi minh hang", True),  # the owner's name, accents and case aside
        (OWNER["full_name"], True),
        ("Nguyễn Thị Minh", False),  # a name is matched exactly, never as a part
        ("000.00.20.H56-260212-0002", False),
    ],
)
def test_search_by_code_or_owner_name_never_puts_it_in_the_url(desk, text, found):
    client = desk.client(desk.state.receptionist)
    response = client.post(UNCLAIMED + "?sort=due", {"q": text})
    assert response.status_code == 302
    assert "q=" not in response["Location"] and "sort=due" in response["Location"]
    response = client.get(response["Location"])
    assert len(response.context["rows"]) == (1 if found else 0)
    assert response.context["search"] == " ".join(text.split())
    cleared = client.post(UNCLAIMED, {"q": text, "clear": "1"})
    assert len(client.get(cleared["Location"]).context["rows"]) == 1


def test_mine_lists_claimed_tasks_and_shows_who_has_them(desk):
    client = desk.client(desk.state.receptionist)
    client.post(reverse("workspace:task-claim", args=[desk.task().pk]))
    assert len(client.get(reverse("workspace:queue", args=["mine"])).context["rows"]) == 1
    assert client.get(UNCLAIMED).context["rows"] == []


def test_waiting_for_the_citizen_lists_open_supplementation_requests(desk):
    dossier_request_supplementation(
        task_id=desk.task().pk, user=desk.state.receptionist, items=[MissingItem("Đơn")]
    )
    client = desk.client(desk.state.receptionist)
    home = client.get(reverse("workspace:home"))
    assert dict((n, c) for n, _t, c in home.context["queues"])["waiting"] == 1
    response = client.get(reverse("workspace:queue", args=["waiting"]), {"sort": "code"})
    [row] = response.context["rows"]
    assert row.code == desk.dossier.code and row.step == "reception"
    stranger = desk.client(desk.stranger).get(reverse("workspace:queue", args=["waiting"]))
    assert stranger.context["rows"] == []
