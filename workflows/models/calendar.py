"""The working-day calendar: days admins add or remove on top of the public holidays of the
``holidays`` package, and each agency's office hours.

Which days are worked is decided by ``workflows.calendar`` from these rows; nothing here
computes a due date. A province-wide day has no agency; an agency's own day applies to the
agency and its subtree and wins over the province's for the same date.
"""

from datetime import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .agencies import Agency


class CalendarDay(models.Model):
    """An exception to the base calendar (weekends and the ``holidays`` package)."""

    class Kind(models.TextChoices):
        # a day off the base calendar works: an announced swap, a local holiday
        HOLIDAY = "holiday", _("Day off")
        # a day the base calendar rests on but offices work: a make-up Saturday
        WORKING_DAY = "working_day", _("Working day")

    day = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_days",
        help_text=_("Empty: the whole province. An agency: that agency and its subtree."),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("The announcement that decided it (number and date of the decision)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(
                fields=["day"], condition=Q(agency__isnull=True), name="calday_province_day"
            ),
            models.UniqueConstraint(
                fields=["agency", "day"],
                condition=Q(agency__isnull=False),
                name="calday_agency_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"


class OfficeHours(models.Model):
    """An agency's office hours per weekday (its subtree inherits them unless it has its own).

    ``schedule`` maps ISO weekday numbers ("1" Monday … "7" Sunday) to a list of
    ``["HH:MM", "HH:MM"]`` intervals; a weekday that is missing or empty has no hours. A
    working Saturday (``CalendarDay``) uses the hours of Monday when Saturday has none.
    """

    agency = models.OneToOneField(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="office_hours"
    )
    schedule = models.JSONField(_("schedule"))
    cutoff = models.TimeField(
        _("afternoon cut-off"),
        default=time(15),
        help_text=_(
            "Dossiers received after this time count from the next working day, where the "
            "procedure's case says so."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("office hours")
        verbose_name_plural = _("office hours")

    def __str__(self) -> str:
        return str(self.agency)

    def clean(self) -> None:
        super().clean()
        from workflows.calendar.hours import schedule_errors

        errors = schedule_errors(self.schedule)
        if errors:
            raise ValidationError({"schedule": errors})
