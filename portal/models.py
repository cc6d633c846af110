"""The portal's own tables: a citizen's application drafts ("Lưu nháp") and their files.

A draft holds what the citizen typed (encrypted at rest: it is personal data) and the files
uploaded so far; submitting it files a dossier through ``dossier_submit`` and deletes it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedJSONField
from workflows.models import ProcedureCase, ProcedureVersion


class ApplicationDraft(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="application_drafts",
    )
    version = models.ForeignKey(
        ProcedureVersion, verbose_name=_("procedure version"), on_delete=models.CASCADE
    )
    case = models.ForeignKey(ProcedureCase, verbose_name=_("case"), on_delete=models.CASCADE)
    data = EncryptedJSONField(_("form data"), default=dict)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("application draft")
        verbose_name_plural = _("application drafts")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"draft {self.pk} ({self.case_id})"


def draft_upload_to(instance: "DraftFile", filename: str) -> str:
    token = uuid.uuid4().hex
    return f"drafts/{token[:2]}/{token}"


class DraftFile(models.Model):
    draft = models.ForeignKey(
        ApplicationDraft, verbose_name=_("draft"), on_delete=models.CASCADE, related_name="files"
    )
    document_code = models.CharField(_("document code"), max_length=60)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    file = models.FileField(_("file"), upload_to=draft_upload_to, max_length=200)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("draft file")
        verbose_name_plural = _("draft files")
        constraints = [
            models.UniqueConstraint(
                fields=["draft", "document_code"], name="portal_draftfile_one_per_document"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document_code} of draft {self.draft_id}"
