"""Records this integration owns (attempts, callbacks, refunds, reconciliations, e-receipts),
referring to dossiers by an opaque reference (``dossier:12:fee:3``). No personal data: VNPAY
sends none, and the client's address is used for the redirect only, never stored."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PaymentAttempt(models.Model):
    """One try at paying a reference: an online redirect (one ``vnp_TxnRef``) or a payment
    recorded at the counter. State changes go through ``states.attempt_move`` only."""

    class State(models.TextChoices):
        CREATED = "created", _("Created")
        PENDING = "pending", _("Pending")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired")

    txn_ref = models.CharField(_("transaction reference"), max_length=100, unique=True)
    reference = models.CharField(_("reference"), max_length=100, db_index=True)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    backend = models.CharField(_("backend"), max_length=32)
    state = models.CharField(_("state"), max_length=12, choices=State, default=State.CREATED)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    create_date = models.CharField(_("gateway create date"), max_length=14, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    checked_at = models.DateTimeField(_("last checked with the gateway"), null=True, blank=True)
    order_info = models.CharField(_("order information"), max_length=255, blank=True)
    transaction_no = models.CharField(_("gateway transaction number"), max_length=32, blank=True)
    bank_code = models.CharField(_("bank code"), max_length=32, blank=True)
    response_code = models.CharField(_("response code"), max_length=8, blank=True)
    transaction_status = models.CharField(_("transaction status"), max_length=8, blank=True)
    back_url = models.CharField(_("back URL"), max_length=500, blank=True)
    receipt_number = models.CharField(_("counter receipt number"), max_length=64, blank=True)
    recorded_by = models.CharField(_("recorded by"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("payment attempt")
        verbose_name_plural = _("payment attempts")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "created_at"], name="payments_attempt_state")]

    def __str__(self) -> str:
        return self.txn_ref


class PaymentCallback(models.Model):
    """A message from the gateway as received (IPN, return, querydr answer), verified or not."""

    class Source(models.TextChoices):
        IPN = "ipn", _("IPN")
        RETURN = "return", _("Return URL")
        QUERYDR = "querydr", _("Query (querydr)")

    attempt = models.ForeignKey(
        PaymentAttempt, on_delete=models.PROTECT, null=True, blank=True, related_name="callbacks"
    )
    txn_ref = models.CharField(_("transaction reference"), max_length=100, blank=True)
    source = models.CharField(_("source"), max_length=8, choices=Source)
    raw = models.TextField(_("as received"))
    verified = models.BooleanField(_("signature verified"), default=False)
    outcome = models.CharField(_("outcome (RspCode)"), max_length=8, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("payment callback")
        verbose_name_plural = _("payment callbacks")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.source} {self.txn_ref} {self.outcome}"


class Refund(models.Model):
    """Money to give back: a second successful payment of a reference already paid."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        NEEDS_OFFICER = "needs_officer", _("Needs an officer")

    attempt = models.OneToOneField(PaymentAttempt, on_delete=models.PROTECT, related_name="refund")
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.REQUESTED)
    request_id = models.CharField(_("request id"), max_length=32, blank=True)
    response = models.JSONField(_("gateway answer"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    resolved_by = models.CharField(_("resolved by"), max_length=150, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"refund {self.attempt.txn_ref}"


class Reconciliation(models.Model):
    """One run of the daily reconciliation over a day's online attempts."""

    day = models.DateField(_("day"))
    ran_at = models.DateTimeField(_("ran"), default=timezone.now)
    checked = models.PositiveIntegerField(_("attempts checked"), default=0)
    paid = models.PositiveIntegerField(_("paid"), default=0)
    still_pending = models.PositiveIntegerField(_("still pending"), default=0)
    unreachable = models.PositiveIntegerField(_("gateway unreachable"), default=0)
    mismatches = models.PositiveIntegerField(_("mismatches"), default=0)
    details = models.JSONField(_("mismatch details"), default=list, blank=True)

    class Meta:
        verbose_name = _("reconciliation")
        verbose_name_plural = _("reconciliations")
        ordering = ["-ran_at"]

    def __str__(self) -> str:
        return f"{self.day} ({self.mismatches})"


class EReceipt(models.Model):
    """The legal e-receipt (Decree 123/2020) of a confirmed payment, from the e-invoice
    provider."""

    attempt = models.OneToOneField(
        PaymentAttempt, on_delete=models.PROTECT, related_name="ereceipt"
    )
    reference = models.CharField(_("reference"), max_length=100, db_index=True)
    backend = models.CharField(_("e-invoice backend"), max_length=32)
    number = models.CharField(_("number"), max_length=64)
    lookup_code = models.CharField(_("lookup code"), max_length=64, blank=True)
    pdf_url = models.URLField(_("PDF address"), blank=True)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)

    class Meta:
        verbose_name = _("e-receipt")
        verbose_name_plural = _("e-receipts")

    def __str__(self) -> str:
        return self.number


class FakeGatewayTransaction(models.Model):
    """The fake gateway's own records (what VNPAY would keep on its side): it answers querydr
    and refund from these, never from our attempts."""

    txn_ref = models.CharField(max_length=100, unique=True)
    amount = models.PositiveBigIntegerField()
    order_info = models.CharField(max_length=255, blank=True)
    create_date = models.CharField(max_length=14)
    response_code = models.CharField(max_length=8)
    transaction_status = models.CharField(max_length=8)
    transaction_no = models.CharField(max_length=32)
    bank_code = models.CharField(max_length=32, default="NCB")
    pay_date = models.CharField(max_length=14)
    refunded = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("fake gateway transaction")
        verbose_name_plural = _("fake gateway transactions")

    def __str__(self) -> str:
        return self.txn_ref


class FakeEInvoice(models.Model):
    """The fake e-invoice provider's own records."""

    key = models.CharField(max_length=100, unique=True)
    year = models.PositiveIntegerField()
    sequence = models.PositiveIntegerField()
    amount = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = _("fake e-invoice")
        verbose_name_plural = _("fake e-invoices")
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="payments_fake_einvoice_seq")
        ]

    def __str__(self) -> str:
        return f"{self.year}/{self.sequence}"
