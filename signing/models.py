"""Document templates: admin-editable, revisioned (a published procedure version keeps
pointing at the revision it was published with)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentTemplate(models.Model):
    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Form 01: receipt and appointment slip")
        SUPPLEMENTATION = "supplementation", _("Form 02: request to supplement")
        REFUSAL = "refusal", _("Form 03: refusal with reason")
        APOLOGY = "apology", _("Form 04: apology and new date")
        STOP = "stop", _("Form 05: notice of stopping")
        CONTROL_SLIP = "control_slip", _("Form 06: processing control slip")
        REGISTER = "register", _("Form 07: dossier register")
        RESULT = "result", _("Result document")
        OTHER = "other", _("Other")

    code = models.SlugField(_("code"), max_length=60)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    body = models.TextField(
        _("body"), help_text=_("HTML with Django template tags; the dossier's data is in context.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        constraints = [
            models.UniqueConstraint(fields=["code", "revision"], name="doctemplate_code_revision")
        ]
        ordering = ["code", "-revision"]

    def __str__(self) -> str:
        return f"{self.code} r{self.revision}: {self.name}"
