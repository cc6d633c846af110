"""Procedures and their versions (immutable once published)."""

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import JSONTextField
from workflows.errors import ProcedureVersionLocked

from .agencies import Agency

if TYPE_CHECKING:
    from signing.models import DocumentTemplate

    from .version_templates import ProcedureVersionTemplate

procedure_code_validator = RegexValidator(
    r"^[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*\Z",
    _("The national procedure code, e.g. 1.010020 or 3.000467.H18."),
)


class Procedure(models.Model):
    """An administrative procedure (TTHC) from the national catalogue."""

    class OnlineLevel(models.TextChoices):
        FULL_ONLINE = "full_online", _("Fully online")
        PARTLY_ONLINE = "partly_online", _("Partly online")

    code = models.CharField(
        _("national code"), max_length=40, unique=True, validators=[procedure_code_validator]
    )
    name = models.CharField(_("name"), max_length=500)
    field = models.CharField(_("field"), max_length=200, blank=True, db_index=True)
    online_level = models.CharField(
        _("online level"),
        max_length=20,
        choices=OnlineLevel.choices,
        default=OnlineLevel.PARTLY_ONLINE,
    )
    legal_basis = models.TextField(_("legal basis"), blank=True)
    deciding_authority = models.TextField(_("deciding authority"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


# A published version may change only by being retired: these fields, and nothing else.
RETIRE_FIELDS = frozenset({"status", "retired_at", "retired_by", "updated_at"})


class DraftOnlyBulkWrites(models.QuerySet[Any]):
    """Bulk writes bypass ``save()``: they may touch rows of draft versions only."""

    locked_message = ""

    def locked_rows(self) -> "models.QuerySet[Any]":
        raise NotImplementedError

    def _refuse_locked(self) -> None:
        if self.locked_rows().exists():
            raise ProcedureVersionLocked(self.locked_message)

    def update(self, **kwargs: Any) -> int:
        self._refuse_locked()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        self._refuse_locked()
        return super().delete()


class ProcedureVersionQuerySet(DraftOnlyBulkWrites):
    locked_message = "published or retired versions cannot change in bulk"

    def locked_rows(self) -> "models.QuerySet[Any]":
        return self.exclude(status=ProcedureVersion.Status.DRAFT)

    def published(self) -> "ProcedureVersionQuerySet":
        return self.filter(status=ProcedureVersion.Status.PUBLISHED)


class ProcedureVersion(models.Model):
    """What an agency approved for a procedure: its workflow, form, cases and documents.

    Scope: no agency means the whole province; an agency means that agency and its
    subtree. Dossiers are pinned to the version they were filed under.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("procedure"), on_delete=models.PROTECT, related_name="versions"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("scope"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="procedure_versions",
        help_text=_("Empty: the whole province. An agency: that agency and its subtree."),
    )
    number = models.PositiveIntegerField(_("version number"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    note = models.TextField(_("change note"), blank=True)
    # Stored as text: jsonb would sort the keys, and the author's order is meaningful.
    definition = JSONTextField(_("workflow definition"), default=dict, blank=True)
    form_schema = JSONTextField(_("form schema"), default=dict, blank=True)
    document_templates: "models.ManyToManyField[DocumentTemplate, ProcedureVersionTemplate]" = (
        models.ManyToManyField(
            "signing.DocumentTemplate",
            verbose_name=_("document templates"),
            through="ProcedureVersionTemplate",
            related_name="procedure_versions",
            blank=True,
        )
    )
    retention_years = models.PositiveSmallIntegerField(
        _("retention period (years)"),
        default=10,
        help_text=_("How long the dossiers of this version are kept after they are finished."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Users who created, published or retired a version cannot be deleted (deactivate
    # them): the rows are immutable and keep who did what.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True, editable=False)
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("retired by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ProcedureVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("procedure version")
        verbose_name_plural = _("procedure versions")
        ordering = ["procedure_id", "agency_id", "-number"]
        # Publishing changes what every new dossier runs: a permission of its own.
        permissions = [("publish_procedureversion", _("Can publish procedure versions"))]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "agency", "number"],
                condition=Q(agency__isnull=False),
                name="procver_scope_number",
            ),
            models.UniqueConstraint(
                fields=["procedure", "number"],
                condition=Q(agency__isnull=True),
                name="procver_province_number",
            ),
            models.UniqueConstraint(
                fields=["procedure", "agency"],
                condition=Q(status="published", agency__isnull=False),
                name="procver_one_published_scope",
            ),
            models.UniqueConstraint(
                fields=["procedure"],
                condition=Q(status="published", agency__isnull=True),
                name="procver_one_published_province",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="procver_published_at",
            ),
            models.CheckConstraint(
                condition=~Q(status="retired") | Q(retired_at__isnull=False),
                name="procver_retired_at",
            ),
        ]

    def __str__(self) -> str:
        scope = self.agency.code if self.agency_id and self.agency else _("province")
        return f"{self.procedure.code} v{self.number} ({scope}, {self.get_status_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding:
            if self.status != self.Status.DRAFT:
                raise ProcedureVersionLocked("a version is created as a draft, then published")
        else:
            self._refuse_locked_change()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self.status != self.Status.DRAFT or (self.pk is not None and not _is_draft(self.pk)):
            raise ProcedureVersionLocked(f"version {self.pk} is {self.status}: it is kept")
        return super().delete(*args, **kwargs)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def _refuse_locked_change(self) -> None:
        fields = [f for f in self._meta.concrete_fields if not f.primary_key]
        stored = (
            type(self)._base_manager.filter(pk=self.pk).values(*[f.attname for f in fields]).first()
        )
        if stored is None or stored["status"] == self.Status.DRAFT:
            return
        changed = {f.name for f in fields if getattr(self, f.attname) != stored[f.attname]}
        if not changed - {"updated_at"}:
            return
        retiring = stored["status"] == self.Status.PUBLISHED and self.status == self.Status.RETIRED
        if retiring and changed <= RETIRE_FIELDS:
            return
        raise ProcedureVersionLocked(
            f"version {self.pk} is {stored['status']}: {', '.join(sorted(changed))} cannot change"
        )


def _is_draft(version_id: int) -> bool:
    return ProcedureVersion._base_manager.filter(
        pk=version_id, status=ProcedureVersion.Status.DRAFT
    ).exists()


def refuse_unless_draft(version_id: int | None) -> None:
    """Raise unless the version (read from the database) is still a draft."""
    if version_id is not None and not _is_draft(version_id):
        raise ProcedureVersionLocked(f"version {version_id} is not a draft: it cannot change")
