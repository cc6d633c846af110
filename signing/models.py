"""Document templates: admin-editable, revisioned (a published procedure version keeps
pointing at the revision it was published with)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedJSONField


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


class SignerProfile(models.Model):
    """Who signs and with which key: a leader's personal signature or an agency's seal.

    ``config`` holds what the backend needs (a PKCS#12 path and its passphrase, a token
    label and PIN, a remote service's account): encrypted at rest, never shown back.
    """

    class Kind(models.TextChoices):
        PERSONAL = "personal", _("Personal signature")
        AGENCY = "agency", _("Agency seal")

    name = models.CharField(_("name on the stamp"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    agency_code = models.CharField(_("agency code"), max_length=60, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signer_profiles",
    )
    backend = models.CharField(_("backend"), max_length=20)
    config = EncryptedJSONField(_("configuration"), default=dict, blank=True)
    active = models.BooleanField(_("active"), default=True)
    development = models.BooleanField(
        _("development"),
        default=False,
        help_text=_("Made by signing_dev_setup; not for production."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("signer profile")
        verbose_name_plural = _("signer profiles")
        ordering = ["agency_code", "kind", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()}, {self.agency_code})"


class PendingSignature(models.Model):
    """A signature whose key is not on the server (a phone-approved remote service, a USB
    token on the signer's PC): the prepared PDF waits here for the signature value."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for the signer")
        APPROVED = "approved", _("Approved")
        COMPLETED = "completed", _("Signed")
        REJECTED = "rejected", _("Refused by the signer")
        EXPIRED = "expired", _("Expired")
        FAILED = "failed", _("Failed")

    reference = models.CharField(_("reference"), max_length=120, db_index=True)
    signer = models.ForeignKey(
        SignerProfile, verbose_name=_("signer"), on_delete=models.PROTECT, related_name="+"
    )
    field_name = models.CharField(_("signature field"), max_length=60)
    prepared = models.BinaryField(_("prepared PDF"))
    reserved_start = models.PositiveBigIntegerField()
    reserved_end = models.PositiveBigIntegerField()
    document_digest = models.CharField(_("document digest"), max_length=128)
    signed_attributes = models.BinaryField(_("signed attributes"), blank=True, default=b"")
    digest = models.CharField(
        _("digest to sign"), max_length=128, help_text=_("Hex SHA-256 the signer signs.")
    )
    certificates = models.TextField(
        _("certificates"),
        blank=True,
        default="",
        help_text=_("The signer's, then its chain (PEM)."),
    )
    signature_value = models.BinaryField(_("signature value"), blank=True, default=b"")
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    transaction_id = models.CharField(_("transaction id"), max_length=200, blank=True)
    expires_at = models.DateTimeField(_("expires at"))
    result = models.BinaryField(_("signed PDF"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("pending signature")
        verbose_name_plural = _("pending signatures")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.reference} {self.field_name}: {self.state}"

    @property
    def finished(self) -> bool:
        return self.state not in (self.State.PENDING, self.State.APPROVED)
