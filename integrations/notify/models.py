"""Records this integration owns (templates, notifications, SMS delivery reports, the fake
gateway's messages), referring to dossiers by an opaque reference."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedJSONField

from .catalogue import event_choices, event_spec
from .rendering import TemplateError, template_check

CHANNEL_CHOICES = [("email", _("Email")), ("sms", _("SMS"))]
LANGUAGE_CHOICES = [("vi", _("Vietnamese")), ("en", _("English"))]


class NotificationTemplate(models.Model):
    """One version of the text of an event on a channel in a language. Versions are never
    edited: an edit is a new version; the newest active version is used."""

    event = models.CharField(_("event"), max_length=40, choices=event_choices())
    channel = models.CharField(_("channel"), max_length=10, choices=CHANNEL_CHOICES)
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES, default="vi")
    version = models.PositiveIntegerField(_("version"), editable=False)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("body"))
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("notification template")
        verbose_name_plural = _("notification templates")
        ordering = ["event", "channel", "language", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "channel", "language", "version"], name="notify_template_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event}/{self.channel}/{self.language} v{self.version}"

    def clean(self) -> None:
        try:
            spec = event_spec(self.event)
        except ValueError:
            return  # the field's choices report it
        errors: dict[str, Any] = {}
        if self.channel and self.channel not in spec.channels:
            errors["channel"] = _("This event is sent by %(channels)s only.") % {
                "channels": ", ".join(spec.channels)
            }
        for field in ("subject", "body"):
            try:
                template_check(getattr(self, field) or "", allowed=spec.placeholders)
            except TemplateError as exc:
                errors[field] = str(exc)  # translated where it is raised
        if self.channel == "email" and not self.subject.strip():
            errors["subject"] = _("An email needs a subject.")
        if errors:
            raise ValidationError(errors)


class Notification(models.Model):
    """One message to one recipient. The recipient and the text are personal data: encrypted
    at rest, masked in lists; ``last_error`` never holds either."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    reference = models.CharField(_("reference"), max_length=100, db_index=True)
    event = models.CharField(_("event"), max_length=40, choices=event_choices())
    channel = models.CharField(_("channel"), max_length=10, choices=CHANNEL_CHOICES)
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES, default="vi")
    recipient = EncryptedJSONField(_("recipient"), default=str)
    recipient_masked = models.CharField(_("recipient (masked)"), max_length=120, blank=True)
    context = EncryptedJSONField(_("context"), default=dict, blank=True)
    template = models.ForeignKey(
        NotificationTemplate,
        verbose_name=_("template version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notifications",
    )
    subject = EncryptedJSONField(_("subject"), default=str, blank=True)
    body = EncryptedJSONField(_("body"), default=str, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    backend = models.CharField(_("backend"), max_length=40, blank=True)
    provider_message_id = models.CharField(_("provider message id"), max_length=100, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    idempotency_key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["backend", "provider_message_id"], name="notify_provider_msg_idx")
        ]

    def __str__(self) -> str:
        return f"{self.event}/{self.channel} #{self.pk}"


class DeliveryReport(models.Model):
    """A verified SMS delivery report, stored before it is applied; ``report_id`` makes a
    replayed report a no-op."""

    backend = models.CharField(_("backend"), max_length=40)
    report_id = models.CharField(_("report id"), max_length=100)
    message_id = models.CharField(_("provider message id"), max_length=100)
    status = models.CharField(_("reported status"), max_length=20)
    error_code = models.CharField(_("error code"), max_length=40, blank=True)
    reported_at = models.DateTimeField(_("reported at"))
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        verbose_name = _("SMS delivery report")
        verbose_name_plural = _("SMS delivery reports")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["backend", "report_id"], name="notify_report_once")
        ]
        indexes = [models.Index(fields=["backend", "message_id"], name="notify_report_msg_idx")]

    def __str__(self) -> str:
        return f"{self.backend} {self.report_id} {self.status}"


class FakeSms(models.Model):
    """What the fake SMS gateway received (the demo and the tests read it)."""

    request_id = models.CharField(_("request id"), max_length=200, unique=True)
    message_id = models.CharField(_("message id"), max_length=100, unique=True)
    brandname = models.CharField(_("brandname"), max_length=20)
    phone = EncryptedJSONField(_("phone"), default=str)
    message = EncryptedJSONField(_("message"), default=str)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)

    class Meta:
        verbose_name = _("fake gateway SMS")
        verbose_name_plural = _("fake gateway SMS")
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return self.message_id
