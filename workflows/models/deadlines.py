"""Deadline policies on top of the clock: the apology and new date (Form 04, once per
dossier) and the warnings and escalations already fired (each once)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .dossiers import Dossier


class DossierApology(models.Model):
    """The apology and new appointment date of a dossier that will be late (Form 04). One
    per dossier: the table's one-to-one key enforces the law's "once"."""

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="apology"
    )
    reason = models.TextField(_("reason"))
    previous_due_at = models.DateTimeField(_("previous due moment"))
    previous_appointment_date = models.DateField(
        _("previous appointment date"), null=True, blank=True
    )
    new_due_at = models.DateTimeField(_("new due moment"))
    new_appointment_date = models.DateField(_("new appointment date"))
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("apology and new date")
        verbose_name_plural = _("apologies and new dates")

    def __str__(self) -> str:
        return f"{self.dossier_id} → {self.new_appointment_date:%d/%m/%Y}"


class DeadlineAlert(models.Model):
    """A warning or escalation that fired: for a step (``task_id`` of the engine's task) or
    for the dossier's own deadline (``task_id`` 0). Unique per due moment, so a scheduler
    that runs twice, or late after workers were down, fires it once."""

    class Kind(models.TextChoices):
        STEP_WARNING = "step_warning", _("Step due soon")
        STEP_OVERDUE = "step_overdue", _("Step overdue (escalated)")
        DOSSIER_WARNING = "dossier_warning", _("Dossier due soon")
        DOSSIER_OVERDUE = "dossier_overdue", _("Dossier overdue")

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="alerts"
    )
    task_id = models.PositiveBigIntegerField(_("task"), default=0)
    step = models.CharField(_("step"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    due_at = models.DateTimeField(_("due at"))
    # What was done: "notified", "reassigned", ... (the definition's escalation).
    action = models.CharField(_("action"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("fired at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline alert")
        verbose_name_plural = _("deadline alerts")
        ordering = ["dossier_id", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "task_id", "kind", "due_at"], name="deadlinealert_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind} {self.step}"
