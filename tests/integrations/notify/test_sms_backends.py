"""The SMS backends' contract (fake and brandname_http against an in-test gateway), the
gateway's failures and their retries, the signed delivery-report webhook."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from core import outbox
from core.outbox.models import OutboxMessage
from integrations.notify.models import DeliveryReport, FakeSms, Notification
from integrations.notify.service import notification_send

from .conftest import sign

pytestmark = pytest.mark.django_db
Status = Notification.Status
URL = "/notify/sms/delivery/"


def queue(key: str = "k1", to: str = "0912345678") -> Notification:
    return notification_send(
        reference="dossier:7",
        event="result_ready",
        channel="sms",
        to=to,
        context={"code": "H12-7", "track_url": "https://x.vn/t"},
        idempotency_key=key,
    )


def later(minutes: int = 60):  # type: ignore[no-untyped-def]
    return time_machine.travel(timezone.now() + timedelta(minutes=minutes), tick=True)


@pytest.fixture(params=["fake", "brandname_http"])
def any_backend(request):  # type: ignore[no-untyped-def]
    if request.param == "brandname_http":
        return request.getfixturevalue("gateway")
    return None


def test_contract_a_message_is_sent_once_with_its_id(any_backend):
    notification = queue()
    outbox.drain()
    notification.refresh_from_db()
    assert notification.status in (Status.SENT, Status.DELIVERED)
    assert notification.provider_message_id
    assert notification.body == "Hồ sơ H12-7 đã có kết quả. Chi tiết: https://x.vn/t"
    # a retried delivery of the same row (a worker died after the gateway took it) sends
    # nothing new: the request id is the same and the gateway answers the first id
    from integrations.notify.channels import channel_send

    assert channel_send(notification).message_id == notification.provider_message_id
    if any_backend is None:
        assert FakeSms.objects.count() == 1
    else:
        assert [r["phone"] for r in any_backend.received] == ["84912345678"] * 2
        assert len(any_backend.by_request) == 1


def test_brandname_request_is_signed_and_says_unicode(gateway):
    queue()
    outbox.drain()
    [sent] = gateway.received
    assert sent["brandname"] == "MOTCUA"
    assert sent["unicode"] == 1
    assert sent["request_id"].startswith("mc-")
    assert Notification.objects.get().status == Status.SENT  # until the report comes


@pytest.mark.parametrize("trouble", [(503, "00"), (200, "99"), "slow"])
def test_a_5xx_a_busy_gateway_or_a_timeout_is_retried_then_sent(gateway, trouble):
    gateway.answers = [trouble]
    notification = queue()
    assert outbox.drain() == {"retry": 1}
    notification.refresh_from_db()
    assert notification.status == Status.QUEUED
    assert notification.last_error.startswith(
        ("gateway answered HTTP 503", "gateway busy", "gateway unreachable")
    )
    with later():
        assert outbox.drain() == {"sent": 1}
    notification.refresh_from_db()
    assert (notification.status, notification.attempts, notification.last_error) == (
        Status.SENT,
        2,
        "",
    )


@pytest.mark.parametrize(
    ("trouble", "error"),
    [
        ((400, "00"), "gateway answered HTTP 400"),
        ((200, "01"), "gateway refused the message (code 01)"),
    ],
)
def test_a_4xx_or_a_refusal_is_permanent_and_visible(gateway, trouble, error):
    gateway.answers = [trouble]
    notification = queue()
    assert outbox.drain() == {"dead": 1}
    notification.refresh_from_db()
    assert (notification.status, notification.last_error) == (Status.FAILED, error)
    assert OutboxMessage.objects.get(kind="notify.send").status == "dead"


def test_the_last_attempt_leaves_the_notification_failed(gateway, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    gateway.answers = [(502, "00"), (502, "00")]
    notification = queue()
    outbox.drain()
    with later():
        assert outbox.drain() == {"dead": 1}
    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert "gave up after 2 attempts" in notification.last_error


def report(
    message_id: str, status: str = "delivered", report_id: str = "r1", at: str = ""
) -> bytes:
    return json.dumps(
        {
            "report_id": report_id,
            "message_id": message_id,
            "status": status,
            "error_code": "" if status == "delivered" else "05",
            "reported_at": at or timezone.now().isoformat(),
        }
    ).encode()


def post(client, body: bytes, signature: str | None = None):  # type: ignore[no-untyped-def]
    return client.post(
        URL,
        body,
        content_type="application/json",
        headers={"X-Signature": signature if signature is not None else sign(body)},
    )


def sent_notification(gateway) -> Notification:  # type: ignore[no-untyped-def]
    notification = queue()
    outbox.drain()
    notification.refresh_from_db()
    return notification


def test_a_signed_report_marks_delivered_and_a_replay_changes_nothing(gateway, client):
    notification = sent_notification(gateway)
    body = report(notification.provider_message_id)
    answer = post(client, body)
    assert (answer.status_code, answer.json()) == (200, {"code": "00", "message": "stored"})
    notification.refresh_from_db()
    assert notification.status == Status.DELIVERED
    assert post(client, body).json()["message"] == "duplicate"
    assert DeliveryReport.objects.count() == 1


def test_a_bad_signature_is_refused_and_nothing_stored(gateway, client):
    notification = sent_notification(gateway)
    body = report(notification.provider_message_id)
    assert post(client, body, signature=sign(body, "not-the-secret")).status_code == 403
    assert post(client, body, signature="").status_code == 403
    assert not DeliveryReport.objects.exists()
    assert Notification.objects.get().status == Status.SENT


def test_a_malformed_report_is_a_400(gateway, client):
    answer = post(client, b'{"report_id": "r", "message_id": "m", "status": "read"}')
    assert answer.status_code == 400
    assert "status must be one of" in answer.json()["message"]


def test_out_of_order_reports_never_move_delivered_back(gateway, client):
    notification = sent_notification(gateway)
    earlier = (timezone.now() - timedelta(minutes=5)).isoformat()
    post(client, report(notification.provider_message_id, "delivered", "r2"))
    post(client, report(notification.provider_message_id, "failed", "r1", at=earlier))
    notification.refresh_from_db()
    assert notification.status == Status.DELIVERED


def test_a_failed_report_marks_failed_with_the_code(gateway, client):
    notification = sent_notification(gateway)
    post(client, report(notification.provider_message_id, "expired"))
    notification.refresh_from_db()
    assert (notification.status, notification.last_error) == (
        Status.FAILED,
        "not delivered: expired (code 05)",
    )


def test_a_report_before_the_send_is_recorded_is_applied_when_it_is(gateway, client):
    post(client, report("gw-1"))  # the gateway's first id: the report overtook our bookkeeping
    assert DeliveryReport.objects.get().applied_at is None
    notification = sent_notification(gateway)
    assert notification.provider_message_id == "gw-1"
    assert notification.status == Status.DELIVERED


def test_the_fake_reports_failure_for_numbers_ending_in_0000():
    notification = queue(to="0912340000")
    outbox.drain()
    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert notification.last_error == "not delivered: failed (code 05)"


def test_the_webhook_expects_no_reports_with_the_fake(client):
    body = report("fake-1")
    assert post(client, body).status_code == 404
