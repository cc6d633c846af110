"""The applicant's rating of the service once the result is returned (satisfaction weighs 18
of the 100 points of Decision 766/QĐ-TTg)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .dossiers import Dossier


class ServiceRating(models.Model):
    class Score(models.IntegerChoices):
        VERY_SATISFIED = 5, _("Very satisfied")
        SATISFIED = 4, _("Satisfied")
        NEUTRAL = 3, _("Neither satisfied nor dissatisfied")
        DISSATISFIED = 2, _("Dissatisfied")
        VERY_DISSATISFIED = 1, _("Very dissatisfied")

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="rating"
    )
    score = models.PositiveSmallIntegerField(_("overall"), choices=Score.choices)
    # optional per-criterion scores: {"timeliness": 5, "attitude": 4, "information": 5, ...}
    criteria = models.JSONField(_("criteria"), default=dict, blank=True)
    # free text may hold personal data: never shown publicly, never logged
    comment = models.TextField(_("comment"), blank=True)
    rated_at = models.DateTimeField(_("rated at"), auto_now_add=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("service rating")
        verbose_name_plural = _("service ratings")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="rating_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.score}"
