"""A step with its own form (``step_forms``): its fields show with the outcome, its errors
next to them, what was typed kept; the data goes to the engine with the outcome."""

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from viewflow.workflow.models import Task

from tests.workflows.engine.helpers import dossier_on
from tests.workflows.factories import MembershipFactory, RoleFactory, UserFactory
from workflows.definitions.model import Definition, Node
from workflows.definitions.model import NodeKind as K
from workflows.definitions.registry import step_forms
from workflows.engine import process_start

pytestmark = pytest.mark.django_db


class Approval(forms.Form):
    decision_number = forms.CharField(label="Decision number", max_length=20)


@pytest.fixture
def approval_task():
    step_forms.add("tests.workspace_approval", Approval)
    try:
        definition = Definition(
            nodes=(
                Node(id="submitted", kind=K.START, next="approve"),
                Node(
                    id="approve",
                    kind=K.USER_TASK,
                    role="specialist",
                    form="tests.workspace_approval",
                    outcomes=(("approve", "done"),),
                ),
                Node(id="done", kind=K.END, result="processed"),
            )
        )
        dossier = dossier_on(definition)
        user = UserFactory()
        role = RoleFactory(code="specialist")
        MembershipFactory(user=user, agency=dossier.receiving_agency, role=role)
        task = Task.objects.get(process=process_start(dossier=dossier), flow_task_type="HUMAN")
        yield task, user
    finally:
        step_forms.remove("tests.workspace_approval")


def test_the_step_form_is_shown_checked_and_sent(approval_task):
    task, user = approval_task
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    page = client.get(reverse("workspace:task", args=[task.pk]))
    assert 'name="step-decision_number"' in page.content.decode()
    url = reverse("workspace:task-outcome", args=[task.pk, "outcome"])
    refused = client.post(url, {"outcome-outcome": "approve", "step-decision_number": ""})
    assert refused.status_code == 400
    assert b'id="id_step-decision_number_error"' in refused.content
    done = client.post(url, {"outcome-outcome": "approve", "step-decision_number": "12/QĐ"})
    assert done.status_code == 302
    task.refresh_from_db()
    assert task.data["form"] == {"decision_number": "12/QĐ"}
