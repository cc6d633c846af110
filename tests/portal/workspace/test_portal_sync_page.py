"""The national portal reconciliation page: who may open it, each dossier's sync state, the
filters, and the two actions (push again, compare with the portal)."""

from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core import outbox
from core.outbox.models import OutboxMessage
from integrations.portal_sync.models import FakePortalRecord
from integrations.portal_sync.service import fake_portal_mode_set
from tests.workflows.factories import DossierFactory, MembershipFactory, UserFactory
from workflows.models import Dossier
from workflows.services.processing_log import dossier_log

URL = reverse("workspace:portal-sync")


@pytest.fixture(autouse=True)
def _portal(settings):  # type: ignore[no-untyped-def]
    settings.PORTAL_SYNC_ENABLED = True
    settings.PORTAL_SYNC_BACKEND = "fake"


def submitted(code: str) -> Dossier:
    dossier = DossierFactory(code=code, submitted_at=timezone.now())
    dossier_log(dossier=dossier, actor=None, action="submitted", to_status=1)
    return dossier


def client_for(user: Any, **kwargs: Any) -> Client:
    client = Client(headers={"accept-language": "en"}, **kwargs)
    client.force_login(user)
    return client


def reconciler() -> Any:
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="reconcile_syncstate"))
    return user


def state_of(response: Any, code: str) -> str:
    row = next(row for row in response.context["page"] if row.dossier.code == code)
    return str(row.state)


def test_only_administrators_and_the_permission_open_the_page(db) -> None:
    anonymous = Client().get(URL)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    officer = MembershipFactory().user
    assert client_for(officer).get(URL).status_code == 403
    assert client_for(officer).post(URL, {"action": "push"}).status_code == 403

    assert client_for(reconciler()).get(URL).status_code == 200
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert client_for(admin).get(URL).status_code == 200


def test_each_dossier_shows_in_step_pending_failed_or_differs(db) -> None:
    in_step, differs = submitted("D-IN-STEP"), submitted("D-DIFFERS")
    outbox.drain()
    fake_portal_mode_set(mode="fail")
    submitted("D-FAILED")
    outbox.drain()
    fake_portal_mode_set(mode="normal")
    dossier_log(dossier=in_step, actor=None, action="clock_paused")  # queued, not yet sent
    submitted("D-PENDING")
    FakePortalRecord.objects.filter(code="D-DIFFERS").update(status=8)
    client = client_for(reconciler())
    compared = client.post(URL, {"action": "compare", "dossier": [differs.pk]}, follow=True)
    assert "Compared 1 dossiers with the portal." in compared.content.decode()

    page = client.get(URL)

    assert {
        code: state_of(page, code) for code in ["D-IN-STEP", "D-DIFFERS", "D-FAILED", "D-PENDING"]
    } == {
        "D-IN-STEP": "pending",
        "D-DIFFERS": "differs",
        "D-FAILED": "failed",
        "D-PENDING": "pending",
    }
    assert "PortalUnavailable: HTTP 503" in page.content.decode()

    outbox.drain()  # the portal is back: the row waiting for its retry goes when due
    OutboxMessage.objects.filter(status="pending").update(next_attempt_at=timezone.now())
    outbox.drain()
    page = client.get(URL)
    assert state_of(page, "D-IN-STEP") == "in_step" and state_of(page, "D-FAILED") == "in_step"
    failed_only = client.get(URL, {"state": "differs"})
    assert [row.dossier.code for row in failed_only.context["page"]] == ["D-DIFFERS"]


def test_push_again_sends_the_record_as_it_is_now(db) -> None:
    dossier = submitted("D-AGAIN")
    outbox.drain()
    FakePortalRecord.objects.filter(code="D-AGAIN").update(status=8)
    client = client_for(reconciler())

    response = client.post(URL, {"action": "push", "dossier": [dossier.pk]}, follow=True)

    assert "1 dossiers will be pushed to the portal again." in response.content.decode()
    outbox.drain()
    assert FakePortalRecord.objects.get(code="D-AGAIN").status == 1
    assert state_of(client.get(URL), "D-AGAIN") == "in_step"


def test_an_action_needs_a_ticked_dossier_and_the_csrf_token(db) -> None:
    user = reconciler()
    response = client_for(user).post(URL, {"action": "push"}, follow=True)
    assert "Tick at least one dossier." in response.content.decode()

    strict = client_for(user, enforce_csrf_checks=True)
    assert strict.post(URL, {"action": "push", "dossier": ["1"]}).status_code == 403


def test_the_workspace_home_links_the_page_for_those_who_may_open_it(db) -> None:
    officer = MembershipFactory().user
    home = reverse("workspace:home")
    assert URL not in client_for(officer).get(home).content.decode()

    officer.user_permissions.add(Permission.objects.get(codename="reconcile_syncstate"))

    assert URL in client_for(officer).get(home).content.decode()


def test_the_page_says_when_the_sync_is_off(db, settings) -> None:
    client = client_for(reconciler())
    assert "The sync is off" not in client.get(URL).content.decode()

    settings.PORTAL_SYNC_ENABLED = False

    assert "The sync is off" in client.get(URL).content.decode()
