"""The dossier page lists the notifications sent (masked address, no text) and lets the
applicant change the channels."""

import pytest

from core import outbox
from workflows.models import Dossier
from workflows.services.notifications import dossier_notify

from .conftest import Mine

pytestmark = pytest.mark.django_db


def _with_contacts(mine: Mine) -> Dossier:
    dossier = mine.dossier
    dossier.personal = {
        "owner": {"full_name": "Trần Thị Mai", "email": "mai@example.vn", "phone": "0912345678"}
    }
    dossier.notify_channels = ["email", "sms"]
    dossier.save()
    return dossier


def test_the_page_lists_what_was_sent_with_masked_addresses(mine: Mine) -> None:
    dossier = _with_contacts(mine)
    dossier_notify(dossier=dossier, event="accepted")
    outbox.drain()
    html = mine.client(mine.citizen).get(mine.url).content.decode()
    assert "Dossier accepted" in html
    assert "m***@example.vn" in html and "84******678" in html
    assert "Delivered" in html and "Sent" in html
    assert "mai@example.vn" not in html.split('id="notifications"')[1]
    assert "đã được tiếp nhận" not in html  # the text is not shown


def test_the_applicant_changes_the_channels(mine: Mine) -> None:
    _with_contacts(mine)
    client = mine.client(mine.citizen)
    html = client.get(mine.url).content.decode()
    assert 'value="sms" checked' in html
    response = client.post(mine.url + "notifications/", {"_notify": ["sms"]})
    assert response.status_code == 302
    assert response["Location"] == mine.url + "#notifications"
    assert Dossier.objects.get(pk=mine.dossier.pk).notify_channels == ["sms"]


def test_none_ticked_is_refused_and_nothing_changes(mine: Mine) -> None:
    _with_contacts(mine)
    response = mine.client(mine.citizen).post(mine.url + "notifications/", {})
    assert response.status_code == 400
    assert "Choose at least one way to be notified." in response.content.decode()
    assert Dossier.objects.get(pk=mine.dossier.pk).notify_channels == ["email", "sms"]


def test_only_the_applicant_changes_them(mine: Mine) -> None:
    _with_contacts(mine)
    assert (
        mine.client(mine.stranger).post(mine.url + "notifications/", {"_notify": "sms"}).status_code
        == 404
    )
    visitor = mine.client()
    session = visitor.session
    session["dossier_grants"] = [mine.dossier.pk]
    session.save()
    html = visitor.get(mine.url).content.decode()
    assert "Notifications" in html and "Save my choice" not in html
    assert visitor.post(mine.url + "notifications/", {"_notify": "sms"}).status_code == 302
    assert Dossier.objects.get(pk=mine.dossier.pk).notify_channels == ["email", "sms"]
