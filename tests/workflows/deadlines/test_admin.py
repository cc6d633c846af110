"""The admin lists the alerts that fired and the apologies, read-only."""

from typing import Any

import pytest
import time_machine
from django.urls import reverse

from workflows.deadlines.job import deadline_alerts
from workflows.models import DeadlineAlert

from ..services.reception_setup import local
from .setup import received_with_emails

pytestmark = pytest.mark.django_db


def test_alerts_are_listed_and_cannot_be_changed(admin_client: Any) -> None:
    state, _leader = received_with_emails()
    with time_machine.travel(local(2026, 3, 9, 18, 0), tick=False):
        deadline_alerts()
    page = admin_client.get(reverse("admin:workflows_deadlinealert_changelist"))
    assert page.status_code == 200
    assert state.dossier.code in page.content.decode()
    alert = DeadlineAlert.objects.first()
    assert alert is not None
    change = admin_client.post(
        reverse("admin:workflows_deadlinealert_change", args=[alert.pk]), {"action": "x"}
    )
    assert change.status_code == 403
    assert admin_client.get(reverse("admin:workflows_dossierapology_changelist")).status_code == 200
