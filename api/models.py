"""Personal API tokens: ``Authorization: Bearer mc_<token>``.

Only a SHA-256 of the token is stored; the token itself is shown once, when it is made
(api.tokens.api_token_create). A revoked token stays as a row (who had one, when it was last
used) and never authenticates again.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    # the first characters after "mc_": enough to tell one's tokens apart, useless to an attacker
    prefix = models.CharField(_("prefix"), max_length=12, editable=False)
    token_hash = models.CharField(_("token SHA-256"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["user"], name="apitoken_user_live_idx", condition=Q(revoked_at=None)
            )
        ]

    def __str__(self) -> str:
        return f"mc_{self.prefix}… ({self.name})"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


class SoapClient(models.Model):
    """An agency's system calling the SOAP service (api.soap): a key (only its SHA-256 kept;
    shown once, when made) or a client certificate's SHA-256 fingerprint (mutual TLS at the
    proxy), the operations it may call, and the service account its submissions are filed by
    (made with the client; it never signs in)."""

    agency = models.ForeignKey(
        "workflows.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="soap_clients",
    )
    name = models.CharField(_("name"), max_length=100)
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("service account"),
        on_delete=models.PROTECT,
        related_name="soap_client",
        editable=False,
    )
    prefix = models.CharField(_("key prefix"), max_length=12, editable=False)
    key_hash = models.CharField(_("key SHA-256"), max_length=64, unique=True, editable=False)
    certificate_sha256 = models.CharField(
        _("client certificate SHA-256"),
        max_length=64,
        blank=True,
        default="",
        help_text=_("The client certificate fingerprint (hex), if any."),
    )
    operations = models.JSONField(_("allowed operations"), default=list, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("SOAP client")
        verbose_name_plural = _("SOAP clients")
        ordering = ["agency", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate_sha256"],
                condition=~Q(certificate_sha256=""),
                name="soapclient_certificate_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
