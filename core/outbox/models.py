"""The outbox table."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedJSONField


def new_idempotency_key() -> str:
    return uuid.uuid4().hex


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Sent")
        DEAD = "dead", _("Failed, needs attention")
        DISCARDED = "discarded", _("Discarded")

    kind = models.CharField(_("kind"), max_length=80)
    # Payloads may hold personal data: encrypted at rest, purged with the row.
    payload = EncryptedJSONField(_("payload"), default=dict)
    summary = models.CharField(_("summary"), max_length=200, blank=True)
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=120, unique=True, default=new_idempotency_key
    )
    ordering_key = models.CharField(_("ordering key"), max_length=120, blank=True, default="")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveIntegerField(_("maximum attempts"), default=8)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    locked_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        indexes = [
            models.Index(
                fields=["next_attempt_at", "id"],
                name="outbox_due_idx",
                condition=Q(status="pending"),
            ),
            models.Index(
                fields=["ordering_key", "id"],
                name="outbox_order_idx",
                condition=Q(status__in=["pending", "dead"]) & ~Q(ordering_key=""),
            ),
            models.Index(fields=["status", "created_at"], name="outbox_status_idx"),
        ]
        permissions = [("retry_outboxmessage", "Can retry or discard outbox messages")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} ({self.status})"
