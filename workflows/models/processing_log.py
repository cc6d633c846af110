"""The processing log of a dossier: append-only, the source of Form 06, the public timeline
and the reports."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflows.errors import ProcessingLogAppendOnly

from .dossiers import Dossier


class ProcessingLogQuerySet(models.QuerySet["ProcessingLogEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise ProcessingLogAppendOnly("processing log entries are never updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ProcessingLogAppendOnly("processing log entries are never deleted")


class ProcessingLogEntry(models.Model):
    class Timing(models.TextChoices):
        EARLY = "early", _("Early")
        ON_TIME = "on_time", _("On time")
        LATE = "late", _("Late")

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="log_entries"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    # Accounts that acted on a dossier are deactivated, never deleted: the log keeps them.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty when the system acted (a timer, a payment callback)."),
    )
    step = models.CharField(_("step"), max_length=100, blank=True)
    action = models.CharField(_("action"), max_length=60)
    from_status = models.PositiveSmallIntegerField(
        _("from status"), choices=Dossier.Status.choices, null=True, blank=True
    )
    to_status = models.PositiveSmallIntegerField(
        _("to status"), choices=Dossier.Status.choices, null=True, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    budget_used = models.DurationField(_("working time used"), null=True, blank=True)
    budget_allowed = models.DurationField(_("working time allowed"), null=True, blank=True)
    due_at = models.DateTimeField(_("step due at"), null=True, blank=True)
    timing = models.CharField(
        _("timing"), max_length=10, choices=Timing.choices, blank=True, default=""
    )

    objects = ProcessingLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("processing log entry")
        verbose_name_plural = _("processing log")
        ordering = ["dossier_id", "at", "id"]
        indexes = [models.Index(fields=["dossier", "at"], name="proclog_dossier_at_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ProcessingLogAppendOnly("processing log entries are never updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ProcessingLogAppendOnly("processing log entries are never deleted")
