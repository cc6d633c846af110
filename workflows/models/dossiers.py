"""Dossiers (hồ sơ): one application, pinned to the procedure version it was filed under."""

import secrets
from typing import Any, TypedDict, cast

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedJSONField
from workflows.errors import ProcedureVersionLocked
from workflows.personal import id_number_hash, name_hash

from .agencies import Agency
from .cases import ProcedureCase
from .procedures import ProcedureVersion

# Letters and digits that cannot be mistaken for one another when typed from paper.
_UNAMBIGUOUS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
TRACKING_SECRET_LENGTH = 12  # 60 bits


def new_tracking_secret() -> str:
    return "".join(secrets.choice(_UNAMBIGUOUS) for _ in range(TRACKING_SECRET_LENGTH))


class PersonDetails(TypedDict, total=False):
    """One person in ``Dossier.personal`` (every value optional)."""

    full_name: str
    id_number: str
    birth_date: str
    phone: str
    email: str
    address: str


class Dossier(models.Model):
    class Status(models.IntegerChoices):
        """A dossier's state, numbered as the national public service portal numbers them."""

        NEW = 1, _("New")
        ACCEPTED = 2, _("Accepted")
        NOT_ACCEPTED = 3, _("Not accepted")
        PROCESSING = 4, _("Processing")
        SUPPLEMENTATION_REQUESTED = 5, _("Supplementation requested")
        FEE_OWED = 6, _("Fee owed")
        WITHDRAWAL_REQUESTED = 7, _("Withdrawal requested")
        STOPPED = 8, _("Stopped")
        PROCESSED = 9, _("Processed")
        RESULT_RETURNED = 10, _("Result returned")

    class Channel(models.IntegerChoices):
        IN_PERSON = 1, _("In person")
        ONLINE = 2, _("Online")
        POST = 3, _("Public postal service")

    class ResultDelivery(models.TextChoices):
        """How the applicant receives the result."""

        COUNTER = "counter", _("At the counter")
        POST = "post", _("By post")
        ONLINE = "online", _("Online")

    class NotifyChannel(models.TextChoices):
        EMAIL = "email", _("Email")
        SMS = "sms", _("SMS")

    # Issued at submission (workflows.services.dossier_codes); never changed afterwards.
    code = models.CharField(_("dossier code"), max_length=60, unique=True, null=True, blank=True)
    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("procedure version"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    case = models.ForeignKey(
        ProcedureCase, verbose_name=_("case"), on_delete=models.PROTECT, related_name="dossiers"
    )
    # The two agency indexes below lead with these columns: no separate FK indexes.
    receiving_agency = models.ForeignKey(
        Agency,
        verbose_name=_("receiving agency"),
        on_delete=models.PROTECT,
        related_name="received_dossiers",
        db_index=False,
    )
    competent_agency = models.ForeignKey(
        Agency,
        verbose_name=_("competent agency"),
        on_delete=models.PROTECT,
        related_name="competent_dossiers",
        db_index=False,
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossiers",
        db_index=False,
    )
    # {"owner": PersonDetails, "applicant": PersonDetails | None}: encrypted at rest.
    personal = EncryptedJSONField(_("owner and applicant"), default=dict, blank=True)
    owner_id_hash = models.CharField(
        _("owner ID number hash"), max_length=64, blank=True, default="", editable=False
    )
    owner_name_hash = models.CharField(
        _("owner name hash"), max_length=64, blank=True, default="", editable=False
    )
    channel = models.PositiveSmallIntegerField(_("channel"), choices=Channel.choices)
    data = EncryptedJSONField(_("form data"), default=dict, blank=True)
    status = models.PositiveSmallIntegerField(
        _("status"), choices=Status.choices, default=Status.NEW
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    appointment_date = models.DateField(_("appointment date"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("result returned at"), null=True, blank=True)
    # What the submitter's client sent to make a retried submission idempotent (with the
    # submitting account or channel folded in by the service): one dossier per key.
    submission_key = models.CharField(
        _("submission key"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    # The appointment date as first issued on Form 01 (``appointment_date`` moves with pauses
    # and an apology's new date; this one never does).
    first_appointment_date = models.DateField(
        _("first appointment date"), null=True, blank=True, editable=False
    )
    # The channels the applicant chose for notifications (NotifyChannel values).
    notify_channels = models.JSONField(_("notification channels"), default=list, blank=True)
    result_delivery = models.CharField(
        _("result delivery"),
        max_length=10,
        choices=ResultDelivery.choices,
        default=ResultDelivery.COUNTER,
    )
    # The postal service's tracking number of the result's shipment (one at a time).
    postal_tracking_number = models.CharField(
        _("postal tracking number"), max_length=40, blank=True, default=""
    )
    tracking_secret = models.CharField(
        _("tracking secret"), max_length=32, default=new_tracking_secret, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["competent_agency", "status", "due_at"], name="dossier_competent_idx"
            ),
            models.Index(
                fields=["receiving_agency", "status", "due_at"], name="dossier_receiving_idx"
            ),
            models.Index(fields=["applicant", "-created_at"], name="dossier_applicant_idx"),
            models.Index(
                fields=["owner_name_hash"],
                name="dossier_owner_name_idx",
                condition=~Q(owner_name_hash=""),
            ),
            models.Index(
                fields=["owner_id_hash"],
                name="dossier_owner_hash_idx",
                condition=~Q(owner_id_hash=""),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__gte=1, status__lte=10), name="dossier_status_range"
            ),
            models.CheckConstraint(
                condition=Q(channel__gte=1, channel__lte=3), name="dossier_channel_range"
            ),
        ]

    def __str__(self) -> str:
        # Never personal data: this string shows in lists, logs and admin messages.
        return self.code or gettext("Dossier #%(id)s (no code yet)") % {"id": self.pk}

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding:
            self._check_pinning()
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "personal" in update_fields:
            self.owner_id_hash = id_number_hash(self.owner.get("id_number") or "")
            self.owner_name_hash = name_hash(self.owner.get("full_name") or "")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "owner_id_hash", "owner_name_hash"}
        super().save(*args, **kwargs)

    @property
    def owner(self) -> PersonDetails:
        return cast(PersonDetails, (self.personal or {}).get("owner") or {})

    @property
    def applicant_details(self) -> PersonDetails:
        """The person who filed, when not the owner (a representative, a parent)."""
        return cast(PersonDetails, (self.personal or {}).get("applicant") or {})

    def _check_pinning(self) -> None:
        """A new dossier is filed under a published version, with a case of that version."""
        if self.case.version_id != self.version_id:
            raise ValueError("the dossier's case belongs to another procedure version")
        if self.version.status != ProcedureVersion.Status.PUBLISHED:
            raise ProcedureVersionLocked(
                f"version {self.version_id} is {self.version.status}: it takes no new dossiers"
            )
