"""The outbox sender of notifications (kind ``notify.send``): render, hand to the channel,
record the outcome. Temporary failures are retried by the outbox with backoff; a permanent
one, or the last attempt, leaves the notification ``failed`` with the reason."""

import logging

from django.db.models import F
from django.utils import timezone

from core import outbox
from core.outbox.models import OutboxMessage

from .catalogue import SEND_KIND, event_spec
from .channels import ChannelRejected, ChannelTemporaryError, channel_send
from .models import Notification
from .rendering import TemplateError, template_render
from .reports import reports_apply
from .templates import template_current

KIND = SEND_KIND
logger = logging.getLogger("motcua.notify")
Status = Notification.Status


@outbox.senders.register(KIND)
def send_notification(delivery: outbox.Delivery) -> None:
    notification = Notification.objects.filter(pk=delivery.payload["notification"]).first()
    if notification is None:
        raise outbox.PermanentError("notification not found")
    if notification.status != Status.QUEUED:
        return  # sent by an earlier attempt whose outcome was recorded
    try:
        if not notification.body:
            _render(notification)
    except TemplateError as exc:
        _fail(notification, str(exc))
        raise outbox.PermanentError(str(exc)) from None
    Notification.objects.filter(pk=notification.pk).update(attempts=F("attempts") + 1)
    try:
        handed = channel_send(notification)
    except ChannelRejected as exc:
        _fail(notification, str(exc))
        raise outbox.PermanentError(str(exc)) from None
    except ChannelTemporaryError as exc:
        if _last_attempt(delivery):
            _fail(notification, f"{exc} (gave up after {delivery.attempt} attempts)")
        else:
            Notification.objects.filter(pk=notification.pk).update(last_error=str(exc)[:300])
        logger.warning(
            "notification not sent, will retry",
            extra={"notification_id": notification.pk, "channel": notification.channel},
        )
        raise
    Notification.objects.filter(pk=notification.pk, status=Status.QUEUED).update(
        status=Status.SENT,
        backend=handed.backend,
        provider_message_id=handed.message_id,
        sent_at=timezone.now(),
        last_error="",
    )
    if notification.channel == "sms":  # a report may have come before we knew the id
        reports_apply(backend_id=handed.backend, message_id=handed.message_id)


def _render(notification: Notification) -> None:
    spec = event_spec(notification.event)
    template = template_current(
        event=notification.event, channel=notification.channel, language=notification.language
    )
    if template is None:
        raise TemplateError(f"no active template for {notification.event}/{notification.channel}")
    context = notification.context or {}
    notification.template = template
    notification.subject = template_render(
        template.subject, context=context, allowed=spec.placeholders
    ).replace("\n", " ")
    notification.body = template_render(template.body, context=context, allowed=spec.placeholders)
    notification.save(update_fields=["template", "subject", "body"])


def _fail(notification: Notification, reason: str) -> None:
    Notification.objects.filter(pk=notification.pk, status=Status.QUEUED).update(
        status=Status.FAILED, last_error=reason[:300]
    )


def _last_attempt(delivery: outbox.Delivery) -> bool:
    limit = OutboxMessage.objects.filter(pk=delivery.id).values_list("max_attempts", flat=True)
    return delivery.attempt >= (limit.first() or 1)
