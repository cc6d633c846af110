"""The postal backend's interface, its registry and the values crossing it.

A backend creates an order (→ the provider's order id and tracking number), reads a
shipment's tracking events, and verifies and parses the provider's webhook. Which backend is
active is ``MOTCUA_POSTAL_BACKEND``; the vendor modules in ``backends/`` register themselves."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from core.backends import Backend
from core.registry import Registry


class PostalError(Exception):
    """The provider could not be reached or answered an error: retry later."""


class PostalRejected(PostalError):
    """The provider refused the request (4xx): retrying the same request cannot help."""


class WebhookRejected(Exception):
    """A webhook that is not the provider's (bad signature) or cannot be read."""

    def __init__(self, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Party:
    """A sender or receiver: name, phone, address with province and commune codes."""

    name: str
    phone: str
    street: str
    province: str
    commune: str

    @classmethod
    def from_dict(cls, value: dict[str, Any]) -> "Party":
        address = value.get("address") or {}
        return cls(
            name=str(value.get("name") or "").strip(),
            phone=str(value.get("phone") or "").strip(),
            street=str(address.get("street") or "").strip(),
            province=str(address.get("province") or "").strip(),
            commune=str(address.get("commune") or "").strip(),
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "phone": self.phone,
            "address": {"street": self.street, "province": self.province, "commune": self.commune},
        }


@dataclass(frozen=True)
class Order:
    """What the provider needs to take a parcel. ``partner_code`` is ours and stable across
    retries: the provider answers the same order for the same code."""

    partner_code: str
    sender: Party
    receiver: Party
    service: str
    content: str
    weight_grams: int
    cod_amount: int
    payer: str


@dataclass(frozen=True)
class Created:
    order_id: str
    tracking_number: str


@dataclass(frozen=True)
class TrackingEvent:
    """One event of a shipment in our terms (``status`` empty when the provider's status is
    unknown to us), with what the provider sent."""

    tracking_number: str
    event_id: str
    provider_status: str
    status: str
    at: datetime
    raw: dict[str, Any] = field(default_factory=dict)


class PostalBackend(Backend):
    service: str = ""

    def order_create(self, order: Order) -> Created:
        raise NotImplementedError

    def track(self, tracking_number: str) -> list[TrackingEvent]:
        raise NotImplementedError

    def webhook_events(self, body: bytes, headers: dict[str, str]) -> list[TrackingEvent]:
        """The events of a webhook after its signature is verified; WebhookRejected
        (status 403) when it is not, (400) when the body cannot be read."""
        raise NotImplementedError


backends: Registry[type[PostalBackend]] = Registry("postal backend")
