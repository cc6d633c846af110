"""Document numbers (số) per agency and year, gapless."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .agencies import Agency


class DocumentNumberSequence(models.Model):
    """Document numbers (số) of an agency in a year, per series (a symbol such as
    ``QĐ-SGDĐT``): gapless, taken inside the issuing transaction (one row locked)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    series = models.CharField(_("series"), max_length=60, default="", blank=True)
    last = models.PositiveIntegerField(_("last number issued"), default=0)

    class Meta:
        verbose_name = _("document number sequence")
        verbose_name_plural = _("document number sequences")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "series"], name="docnumseq_agency_year_series"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year} {self.series}: {self.last}"
