"""Templates: named placeholders only, refused when unknown, versions kept and restorable,
the newest active version used; SMS segments counted."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core import outbox
from integrations.notify.defaults import DEFAULTS
from integrations.notify.models import Notification, NotificationTemplate
from integrations.notify.rendering import (
    TemplateError,
    placeholders_in,
    sms_segments,
    template_render,
)
from integrations.notify.service import notification_send
from integrations.notify.templates import (
    template_current,
    template_restore,
    template_version_create,
)

ALLOWED = ("code", "procedure")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{code.__class__}", "{code.__class__} is not a placeholder name."),
        ("{code[0]}", "{code[0]} is not a placeholder name."),
        ("{}", "{} is not a placeholder name."),
        ("{0}", "{0} is not a placeholder name."),
        ("{code!r}", "{code}: conversions and formats are not allowed."),
        ("{code:>40}", "{code}: conversions and formats are not allowed."),
        ("{code", "Unbalanced braces: write {{ and }} for a literal brace."),
        ("{secret}", "Unknown placeholder(s): {secret}. Allowed: {code}, {procedure}."),
    ],
)
def test_anything_but_a_declared_name_is_refused(text, problem):
    with translation.override("en"), pytest.raises(TemplateError) as caught:
        template_render(text, context={"code": "X"}, allowed=ALLOWED)
    assert str(caught.value) == problem


def test_names_are_replaced_and_double_braces_are_literal():
    text = "Hồ sơ {code} ({procedure}) {{không đổi}} {code}"
    assert placeholders_in(text) == ["code", "procedure", "code"]
    rendered = template_render(text, context={"code": "A-1"}, allowed=ALLOWED)
    assert rendered == "Hồ sơ A-1 () {không đổi} A-1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ("GSM-7", 0, 0)),
        ("Ho so A-1 da co ket qua", ("GSM-7", 23, 1)),
        ("x" * 160, ("GSM-7", 160, 1)),
        ("x" * 161, ("GSM-7", 161, 2)),
        ("[]" * 40, ("GSM-7", 160, 1)),  # the extension table counts twice
        ("Hồ sơ đã có kết quả", ("UCS-2", 19, 1)),
        ("ồ" * 70, ("UCS-2", 70, 1)),
        ("ồ" * 71, ("UCS-2", 71, 2)),
        ("ồ" * 135, ("UCS-2", 135, 3)),
    ],
)
def test_sms_segments(text, expected):
    assert sms_segments(text) == expected


pytestmark_db = pytest.mark.django_db  # the pure tests above need no database


@pytestmark_db
def test_the_shipped_templates_cover_every_event_and_channel():
    from integrations.notify.catalogue import EVENTS

    for spec in EVENTS.values():
        for channel in spec.channels:
            template = template_current(event=spec.name, channel=channel, language="vi")
            assert template is not None, (spec.name, channel)
            template.full_clean()  # the shipped text passes its own checks


@pytestmark_db
def test_an_edit_is_a_new_version_and_the_newest_active_one_wins():
    v1 = template_current(event="accepted", channel="sms", language="vi")
    v2 = template_version_create(
        event="accepted", channel="sms", language="vi", subject="", body="HS {code} da tiep nhan"
    )
    assert (v1.version, v2.version) == (1, 2)
    assert template_current(event="accepted", channel="sms", language="vi") == v2
    v2.active = False
    v2.save()
    assert template_current(event="accepted", channel="sms", language="vi") == v1
    v3 = template_restore(template=v2)
    assert (v3.version, v3.body, v3.active) == (3, "HS {code} da tiep nhan", True)
    assert NotificationTemplate.objects.filter(event="accepted", channel="sms").count() == 3


@pytestmark_db
def test_an_unknown_placeholder_is_refused_with_a_clear_message():
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        template_version_create(
            event="fee_due",
            channel="sms",
            language="vi",
            subject="",
            body="Nộp {amount} cho {officer_phone}",
        )
    assert caught.value.message_dict["body"] == [
        "Unknown placeholder(s): {officer_phone}. Allowed: {amount}, {code}, {procedure}, "
        "{track_url}."
    ]


@pytestmark_db
def test_an_email_needs_a_subject_and_officer_events_are_email_only():
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        template_version_create(
            event="step_warning", channel="sms", language="vi", subject="", body="{code}"
        )
    assert "channel" in caught.value.message_dict
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="An email needs a subject"),
    ):
        template_version_create(
            event="accepted", channel="email", language="vi", subject=" ", body="{code}"
        )


@pytestmark_db
def test_a_notification_keeps_the_version_it_was_rendered_with():
    first = notification_send(
        reference="dossier:1",
        event="accepted",
        channel="sms",
        to="0912345678",
        context={"code": "A"},
        idempotency_key="a",
    )
    outbox.drain()
    template_version_create(
        event="accepted", channel="sms", language="vi", subject="", body="Moi: {code}"
    )
    second = notification_send(
        reference="dossier:1",
        event="accepted",
        channel="sms",
        to="0912345678",
        context={"code": "B"},
        idempotency_key="b",
    )
    outbox.drain()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.template.version, second.template.version) == (1, 2)
    assert second.body == "Moi: B"
    assert first.body.startswith("Hồ sơ A")


@pytestmark_db
def test_an_english_notification_falls_back_to_the_vietnamese_template():
    sent = notification_send(
        reference="dossier:1",
        event="result_returned",
        channel="email",
        to="a@example.vn",
        context={"code": "A"},
        language="en",
        idempotency_key="en",
    )
    outbox.drain()
    sent.refresh_from_db()
    assert (sent.status, sent.template.language) == (Notification.Status.SENT, "vi")


@pytestmark_db
def test_the_shipped_text_is_installed_on_first_use_unless_switched_off():
    NotificationTemplate.objects.filter(event="shipped").delete()
    installed = template_current(event="shipped", channel="sms", language="vi")
    assert (installed.version, installed.body) == (1, DEFAULTS[("shipped", "sms")][1])
    installed.active = False
    installed.save()
    assert template_current(event="shipped", channel="sms", language="vi") is None
