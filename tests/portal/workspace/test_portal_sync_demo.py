"""On the embedded default with the fake portal, every demo dossier ends in step."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from core import outbox
from integrations.portal_sync.models import FakePortalRecord
from tests.workflows.factories import UserFactory
from workflows.models import Dossier

pytestmark = pytest.mark.django_db


def test_every_demo_dossier_is_in_step_with_the_fake_portal(tmp_path, settings, monkeypatch):
    settings.DEBUG = True
    settings.PORTAL_SYNC_ENABLED, settings.PORTAL_SYNC_BACKEND = True, "fake"
    monkeypatch.delenv("MOTCUA_DEMO_PASSWORD", raising=False)
    call_command("load_demo", "--accounts-file", str(tmp_path / "accounts.txt"))

    outbox.drain()

    submitted = Dossier.objects.filter(code__isnull=False)
    assert submitted.count() >= 5
    client = Client(headers={"accept-language": "en"})
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    page = client.get(reverse("workspace:portal-sync"))
    states = {row.dossier.code: row.state for row in page.context["page"]}
    assert states == {code: "in_step" for code in submitted.values_list("code", flat=True)}
    held = dict(FakePortalRecord.objects.values_list("code", "status"))
    assert held == dict(submitted.values_list("code", "status"))
