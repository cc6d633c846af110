"""Postal delivery, the one entry point for the rest of motcua.

    info = shipment_create(reference="dossier:12", kind="delivery", sender={...},
                           receiver={...}, weight_grams=200, cod_amount=0, payer="sender",
                           content="Kết quả giải quyết thủ tục hành chính")
    shipment_for(reference="dossier:12")        # the latest shipment, with its events
    shipment_refresh(tracking_number=info.tracking_number)   # poll the provider now

A sender or receiver is ``{"name", "phone", "address": {"street", "province", "commune"}}``
(province and commune codes). Status changes come back up as the ``shipment_status`` event.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from core import events

from .base import Order, Party, PostalError, PostalRejected
from .jobs import shipment_poll
from .models import Shipment
from .selection import active_backend
from .states import ACTIVE

__all__ = [
    "EventInfo",
    "PostalError",
    "PostalRejected",
    "ShipmentInfo",
    "ShipmentInvalid",
    "shipment_create",
    "shipment_for",
    "shipment_refresh",
    "status_label",
]


RECEIVER_NEEDS = ("name", "phone", "street", "province", "commune")


class ShipmentInvalid(ValueError):
    """What is missing or wrong in a shipment's request (``problems``, in English)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class EventInfo:
    status: str  # empty: a provider status motcua does not know
    provider_status: str
    at: datetime
    applied: bool

    @property
    def status_label(self) -> str:
        return status_label(self.status) if self.status else self.provider_status


@dataclass(frozen=True)
class ShipmentInfo:
    reference: str
    kind: str
    backend: str
    tracking_number: str
    status: str
    status_at: datetime
    created_at: datetime
    events: tuple[EventInfo, ...]

    @property
    def status_label(self) -> str:
        return status_label(self.status)


def status_label(status: str) -> str:
    """A shipment status in the user's language."""
    return str(dict(Shipment.Status.choices).get(status, status))


def shipment_create(
    *,
    reference: str,
    kind: str,
    sender: dict[str, object],
    receiver: dict[str, object],
    weight_grams: int,
    cod_amount: int,
    payer: str,
    content: str,
) -> ShipmentInfo:
    """Order a shipment from the active backend; the one in progress for ``reference`` and
    ``kind`` when there is one (a double submit, a retry). Raises ShipmentInvalid (nothing
    asked), PostalError (the provider unreachable or failing: try again; the same order
    code is sent again, so the provider makes one order) or PostalRejected."""
    existing = _active(reference, kind)
    if existing is not None:
        return _info(existing)
    parties = (Party.from_dict(dict(sender)), Party.from_dict(dict(receiver)))
    _check(kind=kind, parties=parties, weight=weight_grams, cod=cod_amount, payer=payer)
    backend = active_backend()
    if backend is None:
        raise PostalError("no postal backend is configured")
    earlier = Shipment.objects.filter(reference=reference, kind=kind).count()
    order = Order(
        partner_code=f"{reference}:{kind}:{earlier + 1}",
        sender=parties[0],
        receiver=parties[1],
        service=getattr(backend, "service", "") or "",
        content=content[:200],
        weight_grams=weight_grams,
        cod_amount=cod_amount,
        payer=payer,
    )
    created = backend.order_create(order)
    now = timezone.now()
    parties_stored: Any = {"sender": parties[0].as_dict(), "receiver": parties[1].as_dict()}
    try:
        with transaction.atomic():
            shipment = Shipment.objects.create(
                reference=reference,
                kind=kind,
                backend=backend.id,
                partner_code=order.partner_code,
                order_id=created.order_id,
                tracking_number=created.tracking_number,
                status=Shipment.Status.CREATED,
                status_at=now,
                parties=parties_stored,
                weight_grams=weight_grams,
                cod_amount=cod_amount,
                payer=payer,
                service=order.service,
                content=order.content,
            )
            events.emit(
                "shipment_status",
                {
                    "reference": reference,
                    "tracking_number": shipment.tracking_number,
                    "status": Shipment.Status.CREATED.value,
                    "at": now.isoformat(),
                },
                key=f"{backend.id}:{shipment.tracking_number}:created",
                ordering_key=reference,
            )
    except IntegrityError:  # the same order, stored by a concurrent request
        winner = _active(reference, kind)
        if winner is None:
            raise
        return _info(winner)
    return _info(shipment)


def shipment_for(*, reference: str) -> ShipmentInfo | None:
    """The latest shipment of ``reference`` with its events, or None."""
    shipment = Shipment.objects.filter(reference=reference).order_by("-created_at", "-pk").first()
    return _info(shipment) if shipment is not None else None


def shipment_refresh(*, tracking_number: str) -> ShipmentInfo:
    """Poll the provider for one shipment now (PostalError when it cannot answer;
    Shipment.DoesNotExist for an unknown number)."""
    shipment = Shipment.objects.get(tracking_number=tracking_number)
    if shipment.status in ACTIVE:
        shipment_poll(shipment)
        shipment.refresh_from_db()
    return _info(shipment)


def _active(reference: str, kind: str) -> Shipment | None:
    return Shipment.objects.filter(reference=reference, kind=kind, status__in=ACTIVE).first()


def _check(*, kind: str, parties: tuple[Party, Party], weight: int, cod: int, payer: str) -> None:
    problems = []
    if kind not in Shipment.Kind.values:
        problems.append(f"unknown kind {kind!r}")
    if payer not in Shipment.Payer.values:
        problems.append(f"unknown payer {payer!r}")
    if not isinstance(weight, int) or weight <= 0 or weight > 30_000:
        problems.append("the weight must be between 1 and 30000 grams")
    if not isinstance(cod, int) or cod < 0:
        problems.append("the cash on delivery amount cannot be negative")
    for role, party in zip(("sender", "receiver"), parties, strict=True):
        # the sender's province and commune come from settings the real backend requires
        needed = ("name", "street") if role == "sender" else RECEIVER_NEEDS
        missing = [name for name in needed if not getattr(party, name)]
        if missing:
            problems.append(f"the {role} has no {', '.join(missing)}")
    if problems:
        raise ShipmentInvalid(problems)


def _info(shipment: Shipment) -> ShipmentInfo:
    return ShipmentInfo(
        reference=shipment.reference,
        kind=shipment.kind,
        backend=shipment.backend,
        tracking_number=shipment.tracking_number,
        status=shipment.status,
        status_at=shipment.status_at,
        created_at=shipment.created_at,
        events=tuple(
            EventInfo(
                status=e.status, provider_status=e.provider_status, at=e.at, applied=e.applied
            )
            for e in shipment.events.order_by("at", "pk")
        ),
    )
