"""Files attached to a dossier: stored under random names, served only by a view that checks
who asks (workflows.views.attachment_download)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .dossiers import Dossier


def attachment_upload_to(instance: "DossierAttachment", filename: str) -> str:
    """A random path: nothing the uploader chose (name, extension) reaches the storage."""
    token = uuid.uuid4().hex
    return f"attachments/{token[:2]}/{token}"


class DossierAttachment(models.Model):
    class ContentType(models.TextChoices):
        PDF = "application/pdf", "PDF"
        JPEG = "image/jpeg", "JPEG"
        PNG = "image/png", "PNG"

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="attachments"
    )
    document_code = models.CharField(_("document code"), max_length=60)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=40, choices=ContentType.choices)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    file = models.FileField(_("file"), upload_to=attachment_upload_to, max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["dossier_id", "document_code", "uploaded_at"]

    def __str__(self) -> str:
        return f"{self.document_code}: {self.original_name}"
