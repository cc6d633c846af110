"""Records this integration owns: shipments and the tracking events received for them,
referring to dossiers by an opaque reference (``dossier:<pk>``)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedJSONField


class Shipment(models.Model):
    """One parcel handed to the postal service: a result delivered to the applicant, or a
    paper dossier picked up from them. Sender and receiver are personal data: encrypted."""

    class Kind(models.TextChoices):
        DELIVERY = "delivery", _("Delivery of a result")
        PICKUP = "pickup", _("Pickup of a paper dossier")

    class Status(models.TextChoices):
        CREATED = "created", _("Created")
        PICKED_UP = "picked_up", _("Picked up")
        IN_TRANSIT = "in_transit", _("In transit")
        DELIVERED = "delivered", _("Delivered")
        RETURNED = "returned", _("Returned to sender")
        FAILED = "failed", _("Failed")

    class Payer(models.TextChoices):
        SENDER = "sender", _("Sender")
        RECEIVER = "receiver", _("Receiver")

    reference = models.CharField(_("reference"), max_length=64, db_index=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    backend = models.CharField(_("backend"), max_length=40)
    partner_code = models.CharField(_("our order code"), max_length=100, unique=True)
    order_id = models.CharField(_("provider order id"), max_length=100, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=40, unique=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.CREATED
    )
    status_at = models.DateTimeField(_("status since"))
    parties = EncryptedJSONField(_("sender and receiver"), default=dict, blank=True)
    weight_grams = models.PositiveIntegerField(_("weight (grams)"))
    cod_amount = models.PositiveBigIntegerField(_("cash on delivery (VND)"), default=0)
    payer = models.CharField(_("who pays"), max_length=10, choices=Payer.choices)
    service = models.CharField(_("service"), max_length=40, blank=True)
    content = models.CharField(_("content"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    polled_at = models.DateTimeField(_("last polled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")
        constraints = [
            # one shipment in progress per reference and kind (a returned or failed one may
            # be followed by another)
            models.UniqueConstraint(
                fields=["reference", "kind"],
                condition=Q(status__in=["created", "picked_up", "in_transit"]),
                name="postal_one_active_shipment",
            ),
        ]
        indexes = [models.Index(fields=["status", "polled_at"], name="postal_ship_poll")]

    def __str__(self) -> str:
        # never personal data: this string shows in lists, logs and admin messages
        return f"{self.tracking_number} ({self.reference})"


class ShipmentEvent(models.Model):
    """One tracking event as received (a webhook, a poll, the fake), kept whether or not it
    changed the shipment's status; one row per ``key`` however often it comes."""

    class Source(models.TextChoices):
        WEBHOOK = "webhook", _("Webhook")
        POLL = "poll", _("Poll")

    shipment = models.ForeignKey(
        Shipment, on_delete=models.CASCADE, related_name="events", verbose_name=_("shipment")
    )
    key = models.CharField(_("deduplication key"), max_length=200, unique=True)
    provider_event_id = models.CharField(_("provider event id"), max_length=100, blank=True)
    provider_status = models.CharField(_("provider status"), max_length=40)
    # blank: a provider status this integration does not know (kept, never applied)
    status = models.CharField(
        _("status"), max_length=12, choices=Shipment.Status.choices, blank=True
    )
    at = models.DateTimeField(_("at"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    applied = models.BooleanField(_("changed the status"), default=False)
    raw = EncryptedJSONField(_("payload as received"), default=dict, blank=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("shipment event")
        verbose_name_plural = _("shipment events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.shipment_id}: {self.provider_status} at {self.at:%Y-%m-%d %H:%M}"
