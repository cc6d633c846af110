"""Fees and charges (phí, lệ phí) a dossier owes, from its case, and how they were paid.
The payment integration keeps the attempts and callbacks; this row keeps the outcome the
workflow acts on. Paid never returns to owed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .dossiers import Dossier


class DossierFee(models.Model):
    class Status(models.TextChoices):
        OWED = "owed", _("Owed")
        PAID = "paid", _("Paid")
        WAIVED = "waived", _("Waived")

    class Method(models.TextChoices):
        ONLINE = "online", _("Online")
        COUNTER = "counter", _("At the counter")

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="fees"
    )
    code = models.SlugField(_("code"), max_length=40, default="fee")
    name = models.CharField(_("name"), max_length=255)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OWED
    )
    method = models.CharField(_("paid"), max_length=10, choices=Method.choices, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    # The payment integration's reference of the attempt that paid (opaque here).
    payment_reference = models.CharField(_("payment reference"), max_length=80, blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=40, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("fee")
        verbose_name_plural = _("fees")
        ordering = ["dossier_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "code"], name="dossierfee_code"),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_at__isnull=False),
                name="dossierfee_paid_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.code} {self.amount}"
