"""Accounts' own rows: the profile a sign-up fills, one-time codes sent by e-mail, and the link
between a local account and an OpenID Connect identity. Nothing here holds a code or a subject
in clear: codes are keyed hashes, the phone number is encrypted."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedJSONField


class Profile(models.Model):
    """What sign-up asks beyond Django's user: the phone (optional, encrypted), and when the
    e-mail address was confirmed (None: the account waits for its code)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="account_profile",
    )
    phone = EncryptedJSONField(_("phone"), null=True, blank=True)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("account profile")
        verbose_name_plural = _("account profiles")

    def __str__(self) -> str:
        return f"profile #{self.pk}"


class EmailCode(models.Model):
    """A one-time code sent by e-mail: stored as a keyed hash, expiring, with counted attempts."""

    class Purpose(models.TextChoices):
        SIGNUP = "signup", _("confirm the e-mail address")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose.choices)
    code_hash = models.CharField(_("code hash"), max_length=64)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail code")
        verbose_name_plural = _("e-mail codes")
        indexes = [models.Index(fields=["user", "purpose", "-created_at"])]

    def __str__(self) -> str:
        return f"code #{self.pk} ({self.purpose})"


class OIDCIdentity(models.Model):
    """A local account signed in through an OpenID Connect provider: matched by the provider's
    issuer and a keyed hash of its ``sub`` claim (VNeID's subject may be an ID number)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="oidc_identities",
    )
    issuer = models.CharField(_("issuer"), max_length=255)
    subject_hash = models.CharField(_("subject hash"), max_length=64)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_login_at = models.DateTimeField(_("last sign-in"), null=True, blank=True)

    class Meta:
        verbose_name = _("OpenID Connect identity")
        verbose_name_plural = _("OpenID Connect identities")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject_hash"], name="portal_accounts_oidc_subject_unique"
            )
        ]

    def __str__(self) -> str:
        return f"identity #{self.pk}"
