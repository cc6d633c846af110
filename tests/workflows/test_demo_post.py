"""The demo's dossier with the result by post: shipped at the result desk by load_demo, then
delivered by the fake postal service's periodic job (status 10)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from core import outbox
from core.periodic import run_job
from integrations.postal.models import Shipment
from integrations.postal.s10 import s10_valid
from workflows.models import Dossier

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo(tmp_path, settings, monkeypatch):  # type: ignore[no-untyped-def]
    settings.DEBUG = True
    settings.MOTCUA_POSTAL_BACKEND = "fake"
    # the demo's results are signed with the development CA, made in a temporary directory
    settings.MOTCUA_SIGNING_DEV = True
    settings.MOTCUA_SIGNING_DIR = str(tmp_path / "signing")
    settings.MOTCUA_SIGNING_TSA_URL = ""
    settings.MOTCUA_SIGNING_TRUST_ROOTS = []
    settings.MOTCUA_SIGNING_LT = False
    monkeypatch.delenv("MOTCUA_DEMO_PASSWORD", raising=False)
    call_command("load_demo", "--accounts-file", str(tmp_path / "accounts.txt"))


def test_the_demo_ships_a_result_that_the_fake_delivers() -> None:
    dossier = Dossier.objects.get(postal_tracking_number__gt="")
    assert dossier.result_delivery == "post" and s10_valid(dossier.postal_tracking_number)
    assert dossier.status == Dossier.Status.PROCESSED
    outbox.drain()
    Shipment.objects.update(created_at=timezone.now() - timedelta(minutes=10))
    run_job("postal.fake_advance")
    outbox.drain()
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.RESULT_RETURNED
