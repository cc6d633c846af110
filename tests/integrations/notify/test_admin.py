"""The admin: an edit is a new version, an unknown placeholder is refused on the field, a
preview and the SMS size are shown, old versions restored; notifications show no personal
data."""

import pytest
from django.urls import reverse

from core import outbox
from integrations.notify.models import NotificationTemplate
from integrations.notify.service import notification_send
from integrations.notify.templates import template_current

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def change_url(template: NotificationTemplate) -> str:
    return reverse("admin:notify_notificationtemplate_change", args=[template.pk])


def form(template: NotificationTemplate, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "event": template.event,
        "channel": template.channel,
        "language": template.language,
        "active": "on" if template.active else "",
        "subject": template.subject,
        "body": template.body,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_editing_the_text_saves_a_new_version_and_keeps_the_old(admin_client):
    v1 = template_current(event="fee_due", channel="sms", language="vi")
    response = admin_client.post(change_url(v1), form(v1, body="Nop phi {amount} cho {code}"), **EN)
    assert response.status_code == 302
    v2 = template_current(event="fee_due", channel="sms", language="vi")
    assert (v2.version, v2.body) == (2, "Nop phi {amount} cho {code}")
    v1.refresh_from_db()
    assert v1.body.startswith("Hồ sơ {code}: vui lòng nộp phí")
    page = admin_client.get(change_url(v2), **EN).content.decode()
    assert "Nop phi 50.000 cho 000.00.01.H12-261128-0001" in page  # the preview
    assert "GSM-7, 44 characters: 1 segment" in page


def test_switching_a_version_off_changes_that_row_only(admin_client):
    v1 = template_current(event="shipped", channel="sms", language="vi")
    admin_client.post(change_url(v1), form(v1, active=""), **EN)
    v1.refresh_from_db()
    assert not v1.active
    assert NotificationTemplate.objects.filter(event="shipped", channel="sms").count() == 1


def test_an_unknown_placeholder_is_refused_on_the_field(admin_client):
    v1 = template_current(event="fee_due", channel="sms", language="vi")
    response = admin_client.post(change_url(v1), form(v1, body="{amount} {citizen_name}"), **EN)
    assert response.status_code == 200
    assert "Unknown placeholder(s): {citizen_name}." in response.content.decode()
    assert NotificationTemplate.objects.filter(event="fee_due", channel="sms").count() == 1


def test_a_vietnamese_sms_shows_its_ucs2_segments(admin_client):
    v1 = template_current(event="late_apology", channel="sms", language="vi")
    page = admin_client.get(change_url(v1), **EN).content.decode()
    assert "UCS-2, 74 characters: 2 segments" in page


def test_restoring_an_old_version_makes_it_the_newest(admin_client):
    v1 = template_current(event="stopped", channel="sms", language="vi")
    admin_client.post(change_url(v1), form(v1, body="Dung {code}"), **EN)
    admin_client.post(
        reverse("admin:notify_notificationtemplate_changelist"),
        {"action": "restore", "_selected_action": [v1.pk]},
        **EN,
    )
    current = template_current(event="stopped", channel="sms", language="vi")
    assert (current.version, current.body) == (3, v1.body)


def test_notifications_are_listed_without_personal_data(admin_client):
    sent = notification_send(
        reference="dossier:5",
        event="accepted",
        channel="email",
        to="nguyen.van.a@example.vn",
        context={"code": "H-5", "procedure": "P"},
        idempotency_key="adm",
    )
    outbox.drain()
    listing = admin_client.get(reverse("admin:notify_notification_changelist"), **EN)
    detail = admin_client.get(
        reverse("admin:notify_notification_change", args=[sent.pk]), **EN
    ).content.decode()
    for page in (listing.content.decode(), detail):
        assert "nguyen.van.a" not in page
        assert "n***@example.vn" in page
    assert "H-5" not in detail  # the text is not shown either
