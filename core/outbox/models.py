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
        PENDING = "pending", _("Đang chờ gửi")
        DONE = "done", _("Đã gửi")
        DEAD = "dead", _("Lỗi, cần xử lý")
        DISCARDED = "discarded", _("Đã bỏ qua")

    kind = models.CharField(_("loại"), max_length=80)
    # Payloads may hold personal data: encrypted at rest, purged with the row.
    payload = EncryptedJSONField(_("nội dung"), default=dict)
    summary = models.CharField(_("mô tả"), max_length=200, blank=True)
    idempotency_key = models.CharField(
        _("khóa chống trùng"), max_length=120, unique=True, default=new_idempotency_key
    )
    ordering_key = models.CharField(_("khóa thứ tự"), max_length=120, blank=True, default="")
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("số lần thử"), default=0)
    max_attempts = models.PositiveIntegerField(_("số lần thử tối đa"), default=8)
    next_attempt_at = models.DateTimeField(_("lần thử tiếp theo"), default=timezone.now)
    locked_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tác vụ nền (outbox)")
        verbose_name_plural = _("tác vụ nền (outbox)")
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
