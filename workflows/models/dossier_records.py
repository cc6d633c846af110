"""What a dossier accumulates beside its row: code sequences, clock pauses, supplementation
requests, revisions of its content, issued documents and the parent's consent.

Every table here is written by the services in ``workflows.services`` (never by views), and
none is edited once written except where a field says so (a pause's end, a request's answer).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedJSONField

from .agencies import Agency
from .dossiers import Dossier


class DossierCodeSequence(models.Model):
    """The last sequence number issued for an agency's codes on one local day."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField(_("date"))
    last = models.PositiveIntegerField(_("last number issued"))

    class Meta:
        verbose_name = _("dossier code sequence")
        verbose_name_plural = _("dossier code sequences")
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="codeseq_agency_day"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}: {self.last}"


class ClockPause(models.Model):
    """A stop of the dossier's legal clock (a supplementation request, an admin's pause):
    the due moments before and after, and the working days the pause added."""

    class Reason(models.TextChoices):
        SUPPLEMENTATION = "supplementation", _("Waiting for the applicant's supplementation")
        FEE = "fee", _("Waiting for the fee")
        OTHER = "other", _("Other")

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="clock_pauses"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    step = models.CharField(_("step"), max_length=100, blank=True)
    started_at = models.DateTimeField(_("paused at"))
    ended_at = models.DateTimeField(_("resumed at"), null=True, blank=True)
    due_before = models.DateTimeField(_("due before the pause"), null=True, blank=True)
    due_after = models.DateTimeField(_("due after the pause"), null=True, blank=True)
    working_days_added = models.PositiveIntegerField(_("working days added"), default=0)
    # the dossier's status when the pause began, given back when it ends
    status_before = models.PositiveSmallIntegerField(
        _("status before the pause"), choices=Dossier.Status.choices
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("paused by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("clock pause")
        verbose_name_plural = _("clock pauses")
        ordering = ["dossier_id", "started_at"]
        constraints = [
            # one open pause per dossier at a time
            models.UniqueConstraint(
                fields=["dossier"], condition=Q(ended_at__isnull=True), name="clockpause_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.reason} {self.started_at:%Y-%m-%d}"


class SupplementationRequest(models.Model):
    """The one written request for what is missing (Form 02) and the applicant's answer."""

    dossier = models.OneToOneField(
        Dossier,
        verbose_name=_("dossier"),
        on_delete=models.PROTECT,
        related_name="supplementation",
    )
    step = models.CharField(_("step that asked"), max_length=100)
    # [{"document_code": str | "", "name": str, "note": str}]: what is missing
    items = models.JSONField(_("missing items"))
    reason = models.TextField(_("reason"), blank=True)
    requested_at = models.DateTimeField(_("requested at"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    pause = models.OneToOneField(
        ClockPause, verbose_name=_("clock pause"), on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer_note = models.TextField(_("applicant's note"), blank=True)

    class Meta:
        verbose_name = _("supplementation request")
        verbose_name_plural = _("supplementation requests")

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.requested_at:%Y-%m-%d}"


class DossierRevision(models.Model):
    """The dossier's content as it was after each change (submission, supplementation, an
    officer's correction): nothing the applicant sent is ever overwritten."""

    class Reason(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        SUPPLEMENTED = "supplemented", _("Supplemented by the applicant")
        CORRECTED = "corrected", _("Corrected by an officer")

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("revision"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    personal = EncryptedJSONField(_("owner and applicant"), default=dict, blank=True)
    data = EncryptedJSONField(_("form data"), default=dict, blank=True)
    # ids of the dossier's attachments current in this revision
    attachment_ids = models.JSONField(_("attachments"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("dossier revision")
        verbose_name_plural = _("dossier revisions")
        ordering = ["dossier_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "number"], name="dossierrev_number"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} r{self.number}"


def document_upload_to(instance: "DossierDocument", filename: str) -> str:
    token = uuid.uuid4().hex
    return f"documents/{token[:2]}/{token}.pdf"


class DossierDocument(models.Model):
    """A document the system issued for a dossier (an acknowledgement, Forms 01-07, a
    result): the PDF as issued, with the template revision it came from."""

    class Kind(models.TextChoices):
        ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement of submission")
        RECEIPT = "receipt", _("Receipt and appointment slip (Form 01)")
        SUPPLEMENTATION = "supplementation", _("Request to supplement (Form 02)")
        REFUSAL = "refusal", _("Refusal (Form 03)")
        APOLOGY = "apology", _("Apology and new date (Form 04)")
        STOP = "stop", _("Notice of stopping (Form 05)")
        CONTROL_SLIP = "control_slip", _("Processing control slip (Form 06)")
        FEE_RECEIPT = "fee_receipt", _("Fee receipt")
        RESULT = "result", _("Result")

    class SignatureState(models.TextChoices):
        UNSIGNED = "", _("Not signed")
        AWAITING = "awaiting", _("Awaiting signature")
        SIGNED = "signed", _("Signed")
        FAILED = "failed", _("Signing failed")

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    template = models.ForeignKey(
        "signing.DocumentTemplate",
        verbose_name=_("template revision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    # The document number and symbol (số, ký hiệu), from DocumentNumberSequence.
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    symbol = models.CharField(_("symbol"), max_length=60, blank=True, default="")
    signature_state = models.CharField(
        _("signature"),
        max_length=10,
        choices=SignatureState.choices,
        blank=True,
        default=SignatureState.UNSIGNED,
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    # [{"name", "title", "organisation", "at", "kind": "personal" | "agency"}]: metadata only.
    signers = models.JSONField(_("signers"), default=list, blank=True)
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["dossier_id", "created_at", "id"]
        indexes = [models.Index(fields=["dossier", "kind"], name="dossierdoc_kind_idx")]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind}"


class DossierConsent(models.Model):
    """The privacy notice shown and the consent given for the dossier's personal data (a
    parent's consent where the data is a child's; Decree 13/2023/NĐ-CP)."""

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="consent"
    )
    notice_version = models.CharField(_("privacy notice version"), max_length=40)
    notice_sha256 = models.CharField(_("privacy notice SHA-256"), max_length=64)
    # {"full_name": str, "relationship": "father" | "mother" | "guardian" | "self", ...}
    given_by = EncryptedJSONField(_("given by"), default=dict)
    for_child = models.BooleanField(_("a child's data"), default=False)
    given_at = models.DateTimeField(_("given at"))
    channel = models.PositiveSmallIntegerField(_("channel"), choices=Dossier.Channel.choices)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.notice_version}"
