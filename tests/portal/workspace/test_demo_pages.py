"""The workspace on the demo data (the four seed procedures, seven dossiers): every demo
officer opens the home page, each queue, each task of their agencies, and the reception form;
another agency's tasks answer 404."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from viewflow.workflow.models import Task

from portal.workspace.home import QUEUE_TITLES
from workflows.engine.queues import task_visible_to

pytestmark = pytest.mark.django_db
OFFICERS = [
    "demo_reception",
    "demo_specialist",
    "demo_leader",
    "demo_result_desk",
    "demo_school_specialist",
    "demo_sending_leader",
    "demo_receiving_leader",
]


@pytest.fixture
def demo(tmp_path, settings, monkeypatch):  # type: ignore[no-untyped-def]
    settings.DEBUG = True
    monkeypatch.delenv("MOTCUA_DEMO_PASSWORD", raising=False)
    call_command("load_demo", "--accounts-file", str(tmp_path / "accounts.txt"))


def test_every_demo_officer_gets_every_workspace_page(demo):
    tasks = list(Task.objects.filter(flow_task_type="HUMAN").select_related("process"))
    opened = 0
    for username in OFFICERS:
        user = get_user_model().objects.get(username=username)
        client = Client(headers={"accept-language": "en"})
        client.force_login(user)
        assert client.get(reverse("workspace:home")).status_code == 200, username
        for queue in QUEUE_TITLES:
            response = client.get(reverse("workspace:queue", args=[queue]), {"sort": "code"})
            assert response.status_code == 200, (username, queue)
        for task in tasks:
            expected = 200 if task_visible_to(user=user, task=task) else 404
            response = client.get(reverse("workspace:task", args=[task.pk]))
            assert response.status_code == expected, (username, task.pk)
            opened += expected == 200
    assert opened >= len(tasks)  # each task is seen by someone
    reception = Client()
    reception.force_login(get_user_model().objects.get(username="demo_reception"))
    choose = reception.get(reverse("workspace:reception-new"))
    assert choose.context["choices"]
    for choice in choose.context["choices"]:
        url = reverse("workspace:reception-form", args=[choice.agency.pk, choice.case.pk])
        assert reception.get(url).status_code == 200, choice.key
