"""Records this integration owns (attempts, callbacks, state), referring to dossiers by an
opaque reference.

``SyncState`` is what we know of one dossier on the national portal; ``FakePortalRecord`` and
``FakePortalControl`` are the fake portal's own store and its switches (the demo and the tests
make it fail, be slow or reject)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedJSONField


class SyncState(models.Model):
    """The last push and the last lookup of one reference (``dossier:<pk>``). Errors are kept
    without personal data (an exception's class and the portal's error code)."""

    reference = models.CharField(_("reference"), max_length=80, unique=True)
    code = models.CharField(_("dossier code"), max_length=60, blank=True, default="")
    pushed_status = models.PositiveSmallIntegerField(_("last pushed status"), null=True, blank=True)
    pushed_entry = models.BigIntegerField(_("last pushed log entry"), null=True, blank=True)
    # every log entry the portal accepted: an entry committed after a later one (two
    # transactions on one dossier) is still found missing and pushed
    pushed_entries = models.JSONField(_("pushed log entries"), default=list, blank=True)
    pushed_service = models.CharField(_("last service"), max_length=40, blank=True, default="")
    last_success_at = models.DateTimeField(_("last success at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True, default="")
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True)
    portal_status = models.PositiveSmallIntegerField(
        _("status on the portal"), null=True, blank=True
    )
    portal_checked_at = models.DateTimeField(_("portal checked at"), null=True, blank=True)
    in_step = models.BooleanField(
        _("in step"),
        default=False,
        help_text=_("The portal holds the status last pushed, and the last push succeeded."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("portal sync state")
        verbose_name_plural = _("portal sync states")
        ordering = ["-updated_at"]
        permissions = [("reconcile_syncstate", "Can reconcile the national portal sync")]

    def __str__(self) -> str:
        return self.code or self.reference


class FakePortalRecord(models.Model):
    """What the fake portal received for one dossier (``MaHoSo``): the last ``DongBoHoSoMC``
    body and every ``CapNhatTienDoHoSoMC`` body, in arrival order. Personal data: encrypted."""

    code = models.CharField(_("dossier code"), max_length=60, unique=True)
    status = models.PositiveSmallIntegerField(_("status"), null=True, blank=True)
    record = EncryptedJSONField(_("record"), default=dict, blank=True)
    progress = EncryptedJSONField(_("progress"), default=list, blank=True)
    # every status received, in arrival order (the tests check the order of a backlog)
    statuses = models.JSONField(_("statuses received"), default=list, blank=True)
    pushes = models.PositiveIntegerField(_("pushes received"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("fake portal record")
        verbose_name_plural = _("fake portal records")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.code


class FakePortalControl(models.Model):
    """The fake portal's behaviour, one row (pk 1), editable in the admin."""

    class Mode(models.TextChoices):
        NORMAL = "normal", _("Answers normally")
        FAIL = "fail", _("Fails (HTTP 503)")
        SLOW = "slow", _("Slow (times out)")
        REJECT = "reject", _("Rejects every record (business error)")

    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.NORMAL)
    session = models.CharField(_("current session"), max_length=64, blank=True, default="")
    session_expires_at = models.DateTimeField(_("session expires at"), null=True, blank=True)
    logins = models.PositiveIntegerField(_("logins"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("fake portal behaviour")
        verbose_name_plural = _("fake portal behaviour")

    def __str__(self) -> str:
        return str(self.get_mode_display())
