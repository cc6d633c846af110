"""The provider's status codes (the VNPost-style protocol of docs/postal.md) in our terms."""

PROVIDER_STATUSES = {
    "CREATED": "created",
    "ACCEPTED": "created",
    "PICKED_UP": "picked_up",
    "IN_TRANSIT": "in_transit",
    "OUT_FOR_DELIVERY": "in_transit",
    "DELIVERY_ATTEMPTED": "in_transit",
    "DELIVERED": "delivered",
    "RETURNED": "returned",
    "CANCELLED": "failed",
    "LOST": "failed",
}


def status_of(provider_status: str) -> str:
    """Our status for a provider's code; empty when unknown (kept, never applied)."""
    return PROVIDER_STATUSES.get(provider_status.strip().upper(), "")
