"""Cases (trường hợp) of a procedure version: documents, fee and legal deadline."""

from typing import Any

import jsonschema
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .procedures import DraftOnlyBulkWrites, ProcedureVersion, refuse_unless_draft

REQUIRED_DOCUMENTS_SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["code", "name"],
        "additionalProperties": False,
        "properties": {
            "code": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]*$", "maxLength": 60},
            "name": {"type": "string", "minLength": 1},
            "originals": {"type": "integer", "minimum": 0},
            "copies": {"type": "integer", "minimum": 0},
            "required": {"type": "boolean"},
            "note": {"type": "string"},
        },
    },
}


class ProcedureCaseQuerySet(DraftOnlyBulkWrites):
    locked_message = "the cases of a published version cannot change"

    def locked_rows(self) -> "models.QuerySet[Any]":
        return self.exclude(version__status=ProcedureVersion.Status.DRAFT)


class ProcedureCase(models.Model):
    """A case (trường hợp) of a procedure version: its documents, fee and legal deadline."""

    class DeadlineUnit(models.TextChoices):
        WORKING_DAYS = "working_days", _("Working days")
        WORKING_HOURS = "working_hours", _("Working hours")
        SAME_DAY = "same_day", _("Same day")

    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("procedure version"),
        on_delete=models.CASCADE,
        related_name="cases",
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=500)
    required_documents = models.JSONField(
        _("required documents"),
        default=list,
        blank=True,
        help_text=_(
            "A list of {code, name, originals, copies, required, note}: the dossier's components."
        ),
    )
    fee_amount = models.PositiveBigIntegerField(_("fee (VND)"), default=0)
    fee_name = models.CharField(_("fee name"), max_length=255, blank=True)
    deadline_amount = models.PositiveIntegerField(_("legal deadline"), default=0)
    deadline_unit = models.CharField(
        _("deadline unit"), max_length=20, choices=DeadlineUnit.choices
    )
    cutoff_applies = models.BooleanField(
        _("afternoon cut-off applies"),
        default=False,
        help_text=_("Dossiers received after the cut-off (15:00) count from the next working day."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ProcedureCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("procedure case")
        verbose_name_plural = _("procedure cases")
        ordering = ["version_id", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="proccase_version_code"),
            models.CheckConstraint(
                condition=Q(deadline_unit="same_day") | Q(deadline_amount__gt=0),
                name="proccase_deadline_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        refuse_unless_draft(self.version_id)
        if not self._state.adding:
            stored = type(self)._base_manager.filter(pk=self.pk).values_list("version_id").first()
            if stored is not None:
                refuse_unless_draft(stored[0])
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        refuse_unless_draft(self.version_id)
        return super().delete(*args, **kwargs)

    def document_codes(self) -> set[str]:
        return {str(item.get("code")) for item in self.required_documents or []}

    def clean(self) -> None:
        super().clean()
        try:
            jsonschema.validate(self.required_documents, REQUIRED_DOCUMENTS_SCHEMA)
        except jsonschema.ValidationError as exc:
            raise ValidationError({"required_documents": exc.message}) from exc
        codes = [item["code"] for item in self.required_documents]
        if len(codes) != len(set(codes)):
            raise ValidationError({"required_documents": _("Document codes must be unique.")})
