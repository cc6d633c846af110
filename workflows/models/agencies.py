"""Agencies (a tree), roles and officers' memberships of agencies.

The tree is kept as a materialised path: each agency stores the ids of its
ancestors and itself, ``"1/4/9/"``. An agency's subtree is every row whose path
starts with its own (one indexed ``LIKE 'prefix%'``), its ancestors are the ids
in its path (one ``IN`` query).
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

AGENCY_CODE_PATTERN = r"[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*"
ROLE_CODE_PATTERN = r"[a-z][a-z0-9_]*"

agency_code_validator = RegexValidator(
    rf"^{AGENCY_CODE_PATTERN}\Z",
    _("Letters and digits in groups separated by dots or hyphens, e.g. 000.00.20.H99."),
)
role_code_validator = RegexValidator(
    rf"^{ROLE_CODE_PATTERN}\Z",
    _("Lower-case letters, digits and underscores, starting with a letter."),
)


class AgencyTreeError(ValidationError):
    """A parent that would put an agency inside its own subtree."""


class AgencyQuerySet(models.QuerySet["Agency"]):
    """Writes that would bypass the path upkeep in ``Agency.save()`` are refused."""

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list["Agency"]:
        raise TypeError("create agencies one by one: their tree path needs their id")

    def update(self, **kwargs: Any) -> int:
        if {"parent", "parent_id", "path", "depth"} & set(kwargs):
            raise TypeError("move agencies with save(): their subtree's paths change too")
        return super().update(**kwargs)


class Agency(models.Model):
    class Kind(models.TextChoices):
        PROVINCE = "province", _("Province people's committee")
        DEPARTMENT = "department", _("Province department")
        OFFICE = "office", _("Office or division")
        SCHOOL = "school", _("School")
        COMMUNE = "commune", _("Commune people's committee")
        CENTRE = "centre", _("Public administration service centre")
        OTHER = "other", _("Other")

    code = models.CharField(
        _("agency code"),
        max_length=40,
        unique=True,
        validators=[agency_code_validator],
        help_text=_("The official (QCVN) agency code, used in dossier codes."),
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    active = models.BooleanField(_("active"), default=True)
    path = models.CharField(_("tree path"), max_length=255, editable=False, default="")
    depth = models.PositiveSmallIntegerField(_("depth"), editable=False, default=0)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["path"]
        indexes = [
            # varchar_pattern_ops lets PostgreSQL answer LIKE 'prefix%' from the index
            # whatever the database collation; other backends ignore the opclass.
            models.Index(
                fields=["path"], name="agency_path_idx", opclasses=["varchar_pattern_ops"]
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.short_name or self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "parent" not in update_fields:
            super().save(*args, **kwargs)
            return
        with transaction.atomic():
            parent_path = _path_of(self.parent_id) if self.parent_id else ""
            if self._state.adding:
                self.path, self.depth = "", parent_path.count("/")
                super().save(*args, **kwargs)
                self.path = f"{parent_path}{self.pk}/"
                type(self)._base_manager.filter(pk=self.pk).update(path=self.path)
                return
            old_path = _path_of(self.pk)
            if old_path and parent_path.startswith(old_path):
                raise AgencyTreeError(_("An agency cannot be placed under its own subtree."))
            new_path = f"{parent_path}{self.pk}/"
            self.path, self.depth = new_path, parent_path.count("/")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "path", "depth"}
            super().save(*args, **kwargs)
            if old_path and old_path != new_path:
                _move_subtree(old_path, new_path)

    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to this agency's parent (read from the stored path)."""
        return [int(part) for part in self.path.split("/") if part][:-1]

    def clean(self) -> None:
        super().clean()
        if self.pk is not None and self.parent_id is not None:
            own_path = _path_of(self.pk)
            if own_path and _path_of(self.parent_id).startswith(own_path):
                raise AgencyTreeError(
                    {"parent": _("An agency cannot be placed under itself or its own subtree.")}
                )


def _path_of(agency_id: int) -> str:
    value = Agency._base_manager.filter(pk=agency_id).values_list("path", flat=True).first()
    return value or ""


def _move_subtree(old_path: str, new_path: str) -> None:
    """Rewrite the paths of every descendant in one UPDATE."""
    delta = new_path.count("/") - old_path.count("/")
    Agency._base_manager.filter(path__startswith=old_path).exclude(path=new_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + delta,
    )


class Role(models.Model):
    """A job in the one-stop process (reception, specialist, leader, ...)."""

    class Standard(models.TextChoices):
        RECEPTION = "reception", _("Reception officer")
        SPECIALIST = "specialist", _("Specialist")
        LEADER = "leader", _("Leader")
        RESULT_DESK = "result_desk", _("Result desk")
        ADMIN = "admin", _("Administrator")

    code = models.CharField(_("code"), max_length=40, unique=True, validators=[role_code_validator])
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet["Membership"]):
    def effective(self, on: date | None = None) -> "MembershipQuerySet":
        """Active memberships valid on a local date (today in Vietnam by default)."""
        day = on or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
            active=True,
        )


class Membership(models.Model):
    """A user holds a role in an agency (the same user may hold others elsewhere)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="agency_memberships",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.ForeignKey(
        Role, verbose_name=_("role"), on_delete=models.PROTECT, related_name="memberships"
    )
    active = models.BooleanField(_("active"), default=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"], name="membership_user_agency_role"
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="membership_valid_range",
            ),
        ]
        indexes = [models.Index(fields=["agency", "role"], name="membership_agency_role_idx")]

    def __str__(self) -> str:
        return f"{self.user} - {self.role.code} @ {self.agency.code}"
